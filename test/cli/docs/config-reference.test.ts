/** docs/config-reference.md is generated from the config schema (field table + descriptions): it must match. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configReference } from '../../../src/cli/docs/config-reference.js';

const committed = readFileSync(new URL('../../../docs/config-reference.md', import.meta.url), 'utf8');
const schemaText = readFileSync(new URL('../../../schema/sunco.schema.json', import.meta.url), 'utf8');

describe('docs/config-reference.md', () => {
  it('is what npm run docs writes from schema/sunco.schema.json (run it after changing a field)', () => {
    expect(configReference() === committed, 'docs/config-reference.md is out of date: run npm run docs').toBe(true);
  });

  it('has every kind and every integration type, each field with its description', () => {
    const schema = JSON.parse(schemaText) as { definitions: Record<string, { properties?: Record<string, { description?: string }> }> };
    for (const [name, def] of Object.entries(schema.definitions)) {
      expect(committed).toContain(`\n## ${name}\n`);
      for (const field of Object.keys(def.properties ?? {})) expect(committed, `${name}.${field}`).toContain(`| \`${field}\` |`);
    }
    expect(committed).toContain('| `defaultResponder` | string |  | The switchboard integration (by name)');
  });

  it('drifts when a field is added without regenerating', () => {
    const schema = JSON.parse(schemaText) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    schema.definitions['integration-web']!.properties.brandNewField = { type: 'string', description: 'A field nobody documented' };
    const doc = configReference(JSON.stringify(schema));
    expect(doc).toContain('| `brandNewField` | string |  | A field nobody documented |');
    expect(doc).not.toBe(committed);
  });
});
