/** The committed JSON Schema is the generator's output, and describes exactly the field table. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTEGRATION_FIELDS } from '../../src/resources/fields.js';
import { buildSchema } from '../../src/config/schema-build.js';
import { standaloneValidator } from '../../src/config/schema-standalone.js';
import { INTEGRATION_TYPES } from '../../src/config/types.js';

const committed = JSON.parse(readFileSync(new URL('../../schema/sunco.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
type Obj = { properties: Record<string, { description?: string }>; required?: string[] };

describe('schema/sunco.schema.json', () => {
  it('equals the generator output (run: npm run build && node scripts/gen-schema.mjs)', () => {
    expect(committed).toEqual(buildSchema());
  });

  it('schema/sunco.validate.cjs is this schema compiled (run: npm run build && node scripts/gen-schema.mjs)', () => {
    const file = readFileSync(new URL('../../schema/sunco.validate.cjs', import.meta.url), 'utf8');
    // A mismatch would print 300 kB: compare, then say what to run.
    expect(file === standaloneValidator(buildSchema()), 'schema/sunco.validate.cjs is stale').toBe(true);
  });

  it.each([...INTEGRATION_TYPES])('integration type %s allows exactly its writable fields plus the common ones', (type) => {
    const def = (committed.definitions as Record<string, Obj>)[`integration-${type}`];
    const writable = INTEGRATION_FIELDS[type].filter((f) => f.create !== 'none' && f.name !== 'defaultResponderId').map((f) => f.name);
    // custom takes no defaultResponder: the spec's custom schema has no defaultResponderId.
    const common = ['type', 'displayName', 'id', 'protect', 'ignoreChanges', ...(type === 'custom' ? ['keys'] : ['defaultResponder'])];
    expect(Object.keys(def.properties).sort()).toEqual([...new Set([...writable, ...common])].sort());
    expect(def.required ?? []).toEqual(INTEGRATION_FIELDS[type].filter((f) => f.create === 'required').map((f) => f.name));
  });

  it('every property has a description (editor hover help)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (!(v as { description?: string }).description && !(v as { $ref?: string }).$ref) missing.push(`${path}.${k}`);
      }
      // `if` subschemas only select a branch; editors show the branch's descriptions.
      for (const [k, v] of Object.entries(node)) if (k !== 'if') walk(v, `${path}.${k}`);
    };
    walk(committed, '');
    expect(missing).toEqual([]);
  });
});
