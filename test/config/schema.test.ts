/** The committed JSON Schema is the generator's output, and describes exactly the field table. */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { INTEGRATION_FIELDS, KIND_FIELDS } from '../../src/resources/fields.js';
import { buildSchema } from '../../src/config/schema-build.js';
import { withVariables } from '../../src/config/schema-variables.js';
import { standaloneValidator } from '../../src/config/schema-standalone.js';
import { INTEGRATION_TYPES } from '../../src/config/types.js';

const committed = JSON.parse(readFileSync(new URL('../../schema/sunco.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
type Obj = { properties: Record<string, { description?: string }>; required?: string[] };

describe('schema/sunco.schema.json', () => {
  it('equals the generator output (run: npm run build && node scripts/gen-schema.mjs)', () => {
    expect(committed).toEqual(withVariables(buildSchema()));
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

describe('the published schema in an editor (ajv on the file as written)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  const validate = ajv.compile(committed);
  const root = new URL('../../examples/', import.meta.url);
  // Every sunco config among the examples: they name the schema in their modeline (CI workflows do not).
  const examples = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f) && readFileSync(new URL(f, root), 'utf8').includes('sunco.schema.json')).sort();

  it('finds the examples', () => {
    expect(examples).toEqual(expect.arrayContaining(['bot.yaml', 'multichannel.yaml', 'web.yaml']));
  });

  it.each(examples)('accepts examples/%s, ${VAR} booleans included', (name) => {
    const doc = parse(readFileSync(new URL(name, root), 'utf8'), { merge: true }) as unknown;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  const file = (integ: Record<string, unknown>) => ({ version: 1, apps: { a: { displayName: 'A', integrations: { x: integ } } } });
  it.each([
    ['a ${VAR} boolean', { type: 'telegram', token: 't', showAIDisclaimer: '${SHOW}' }],
    ['a nested ${VAR:-default} boolean', { type: 'web', prechatCapture: { enabled: '${PRECHAT:-false}' } }],
    ['a ${VAR} enum value', { type: 'twitter', tier: '${TIER}', consumerKey: 'a', consumerSecret: 'b', accessTokenKey: 'c', accessTokenSecret: 'd' }],
    ['a ${VAR} in a string with a minimum length', { type: 'apple', businessId: 'b', apiSecret: 's', mspId: 'm', authenticationMessageSecret: '${APPLE_AUTH_SECRET}' }],
  ])('accepts %s where a value has a rule', (_what, integ) => {
    expect(validate(file(integ)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts ${VAR} for every app setting (booleans and the retention integer)', () => {
    const settings = Object.fromEntries(KIND_FIELDS.appSettings.map((f) => [f.name, `\${S_${f.name.toUpperCase()}}`]));
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(['conversationRetentionSeconds', 'maskCreditCardNumbers', 'multiConvoEnabled']));
    const doc = { version: 1, apps: { a: { displayName: 'A', settings } } };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 1, apps: { a: { displayName: 'A', settings: { maskCreditCardNumbers: 'yes' } } } })).toBe(false);
    expect(validate({ version: 1, apps: { a: { displayName: 'A', settings: { conversationRetentionSeconds: 1.5 } } } })).toBe(false);
  });

  it.each([
    ['a boolean that is neither true, false nor a variable', { type: 'telegram', token: 't', showAIDisclaimer: 'maybe' }],
    ['twitter tier premium (the spec lists only enterprise)', { type: 'twitter', tier: 'premium', consumerKey: 'a', consumerSecret: 'b', accessTokenKey: 'c', accessTokenSecret: 'd' }],
    ['a displayName of 101 characters', { type: 'web', displayName: 'x'.repeat(101) }],
    ['a prechatCapture field of type phone', { type: 'web', prechatCapture: { fields: [{ type: 'phone', name: 'p', label: 'Phone' }] } }],
    ['an empty credential', { type: 'telegram', token: '' }],
  ])('still refuses %s', (_what, integ) => {
    expect(validate(file(integ))).toBe(false);
  });
});
