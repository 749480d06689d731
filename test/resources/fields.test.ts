/**
 * The planner's field table (src/resources/fields.ts) against the spec: every row's
 * writeOnly, readBack and default, and for integrations what create requires, what is
 * read-only and what PATCH accepts, agree with spec/openapi.json. The emulator no longer
 * reads this table, so this is the test that catches a wrong row.
 */
import { describe, expect, it } from 'vitest';
import { INTEGRATION_FIELDS, KIND_FIELDS, type FieldSpec } from '../../src/resources/fields.js';
import { SPEC_INTEGRATION_TYPES, specProperties, updateSchemaOf, type SpecProperty } from '../helpers/spec.js';

/** Which spec schema describes each kind's rows. */
const KIND_SCHEMAS: Record<keyof typeof KIND_FIELDS, string> = {
  app: 'app',
  appSettings: 'appSettings',
  appKey: 'appKey',
  webhook: 'webhook',
  integrationKey: 'apiKey',
  switchboard: 'switchboard',
  switchboardIntegration: 'switchboardIntegration',
};

/** Kinds whose spec documents a default on the create body rather than on the object. */
const CREATE_DEFAULTS: Partial<Record<keyof typeof KIND_FIELDS, string>> = {
  switchboardIntegration: 'switchboardIntegrationCreateBody', // deliverStandbyEvents: true
};

/** What the row says, in the spec's terms, beside what the spec says. */
function disagreements(rows: readonly FieldSpec[], props: Map<string, SpecProperty>, where: string): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const p = props.get(row.name);
    if (!p) {
      out.push(`${where}.${row.name}: no such property in the spec`);
      continue;
    }
    if ((row.writeOnly === true) !== p.writeOnly) out.push(`${where}.${row.name}: writeOnly ${row.writeOnly === true}, spec ${p.writeOnly}`);
    if (row.readBack !== !p.writeOnly) out.push(`${where}.${row.name}: readBack ${row.readBack}, spec writeOnly ${p.writeOnly}`);
    if (row.default !== p.default) out.push(`${where}.${row.name}: default ${String(row.default)}, spec ${String(p.default)}`);
  }
  return out;
}

describe('resources/fields.ts agrees with spec/openapi.json', () => {
  it('has a row set for exactly the spec’s integration types', () => {
    expect(Object.keys(INTEGRATION_FIELDS).sort()).toEqual([...SPEC_INTEGRATION_TYPES].sort());
  });

  it.each(SPEC_INTEGRATION_TYPES)('%s: writeOnly, readBack, default, required, read-only and updatable match', (type) => {
    const rows: readonly FieldSpec[] = INTEGRATION_FIELDS[type as keyof typeof INTEGRATION_FIELDS];
    const props = specProperties(type);
    const updatable = specProperties(updateSchemaOf(type));
    const wrong = disagreements(rows, props, type);
    for (const row of rows) {
      const p = props.get(row.name);
      if (!p) continue;
      if ((row.create === 'none') !== p.readOnly) wrong.push(`${type}.${row.name}: create ${row.create}, spec readOnly ${p.readOnly}`);
      if ((row.create === 'required') !== p.required) wrong.push(`${type}.${row.name}: create ${row.create}, spec required ${p.required}`);
      if ((row.update === 'yes') !== updatable.has(row.name)) wrong.push(`${type}.${row.name}: update ${row.update}, ${updateSchemaOf(type)} ${updatable.has(row.name) ? 'has' : 'lacks'} it`);
    }
    // Every property the type adds to the base integration has a row (id, type, status are the base's).
    const named = new Set(rows.map((r) => r.name));
    for (const name of props.keys()) if (!['id', 'type', 'status'].includes(name) && !named.has(name)) wrong.push(`${type}.${name}: in the spec, no row`);
    expect(wrong).toEqual([]);
  });

  it.each(Object.entries(KIND_SCHEMAS))('%s: writeOnly, readBack and default match components.schemas.%s', (kind, schema) => {
    const props = specProperties(schema);
    // A default the spec gives on the create body only (what the API fills in when omitted).
    const create = CREATE_DEFAULTS[kind as keyof typeof KIND_FIELDS];
    for (const [name, p] of create ? specProperties(create) : []) {
      const own = props.get(name);
      if (own && p.default !== undefined) props.set(name, { ...own, default: p.default });
    }
    expect(disagreements(KIND_FIELDS[kind as keyof typeof KIND_FIELDS], props, kind)).toEqual([]);
  });

  it('reads the spec it compares with (literal values from spec/openapi.json)', () => {
    expect(specProperties('telegram').get('token')).toMatchObject({ writeOnly: true, required: true });
    expect(specProperties('web').get('brandColor')).toMatchObject({ default: '65758e', writeOnly: false });
    expect(specProperties('web').get('attachmentsEnabled')).toMatchObject({ readOnly: true });
    expect(specProperties('webhook').get('includeFullUser')).toMatchObject({ default: false });
    expect(specProperties('telegramUpdate').has('token')).toBe(false);
    expect(specProperties('twilio').get('defaultResponderId')).toMatchObject({ writeOnly: true });
  });
});
