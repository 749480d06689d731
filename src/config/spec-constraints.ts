/**
 * Puts the spec's field rules into the config schema. schema-build.ts writes the config's
 * shape (which fields exist, from src/resources/fields.ts, plus the config-only parts:
 * references, ignoreChanges, protect, absent, credentials, ids); this module then sets
 * each API field's constraints from the request bodies the emulator validates
 * (spec-requests.ts). A value sent on create and again on update must satisfy both bodies,
 * so an updatable field gets the intersection of the two. Rules the spec states only in prose
 * (spec-prose.ts) are added on top. Used by the schema generator only.
 */
import { INTEGRATION_FIELDS, KIND_FIELDS } from '../resources/fields.js';
import { PROSE_SCHEMA_RULES } from './spec-prose.js';
import { NESTED_FIELD_DOCS } from './schema-descriptions.js';
import { integrationBodies, intersect, requestBodies, type Json, type RequestBody } from './spec-requests.js';
import { INTEGRATION_TYPES } from './types.js';

type Schema = Record<string, unknown>;

/** A spec constraint as config schema: no `nullable` (a config omits a field instead of writing null), nested objects closed. */
export function toConfigSchema(c: Json, docPath = ''): Schema {
  const { nullable: _nullable, ...out } = c;
  if (out.items) out.items = toConfigSchema(out.items as Json, docPath);
  if (out.properties) {
    // Nested objects (prechatCapture, its fields) are closed like every config object: a misspelt key is an error.
    out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, Json>).map(([k, v]) => {
      const path = docPath ? `${docPath}.${k}` : k;
      return [k, { ...toConfigSchema(v, path), description: NESTED_FIELD_DOCS[path] ?? k }];
    }));
    out.additionalProperties = false;
    // The spec's prechatCapture `field` has properties but no type: a config entry must be a mapping all the same.
    out.type ??= 'object';
  }
  return out;
}

/** Spec keywords replace the hand-written ones of the same name; the description and config-only keywords stay. */
function constrain(prop: Schema, spec: Json, docPath: string): Schema {
  const fromSpec = toConfigSchema(spec, docPath);
  const out: Schema = { ...prop, ...fromSpec, description: prop.description };
  // Item rules the spec does not state (the webhook trigger table) stay under the spec's item type.
  if (prop.items && fromSpec.items) out.items = { ...(prop.items as Schema), ...(fromSpec.items as Schema) };
  return out;
}

/** The constraint of one field: create and update bodies intersected when the field is sent on both. */
function fieldConstraint(name: string, create: RequestBody | undefined, update: RequestBody | undefined, updatable: boolean): Json | undefined {
  const c = create?.properties[name];
  const u = updatable ? update?.properties[name] : undefined;
  if (c && u) return intersect(c, u);
  return c ?? u;
}

function constrainDefinition(defs: Record<string, Schema>, defName: string, create: RequestBody | undefined, update: RequestBody | undefined, updatable: (field: string) => boolean, docPrefix = ''): void {
  if (!defs[defName]) throw new Error(`spec-constraints: no definition ${defName} in the config schema`);
  const def = defs[defName];
  const props = def.properties as Record<string, Schema>;
  for (const [name, prop] of Object.entries(props)) {
    const spec = fieldConstraint(name, create, update, updatable(name));
    if (!spec) continue; // config-only: references, id, protect, ignoreChanges, maps of children
    props[name] = constrain(prop, spec, docPrefix ? `${docPrefix}.${name}` : name);
  }
}

const updatableIn = (rows: ReadonlyArray<{ name: string; update: string }>) => (field: string) => rows.find((r) => r.name === field)?.update === 'yes';

export function withSpecConstraints(schema: Schema): Schema {
  const defs = schema.definitions as Record<string, Schema>;
  const bodies = requestBodies();
  const app = bodies.app;
  constrainDefinition(defs, 'app', app.create, app.update, updatableIn(KIND_FIELDS.app));
  const settingsOf = (b: RequestBody): RequestBody => ({ name: b.name, properties: (b.properties.settings?.properties ?? {}) as Record<string, Json>, required: [] });
  constrainDefinition(defs, 'settings', settingsOf(app.create), settingsOf(app.update), updatableIn(KIND_FIELDS.appSettings));
  constrainDefinition(defs, 'key', bodies.appKey.create, undefined, () => false);
  constrainDefinition(defs, 'integrationKey', bodies.integrationKey.create, undefined, () => false);
  constrainDefinition(defs, 'webhook', bodies.webhook.create, bodies.webhook.update, updatableIn(KIND_FIELDS.webhook));
  constrainDefinition(defs, 'switchboard', undefined, bodies.switchboard.update, () => true);
  constrainDefinition(defs, 'switchboardIntegration', bodies.switchboardIntegration.create, bodies.switchboardIntegration.update, updatableIn(KIND_FIELDS.switchboardIntegration));
  // A switchboard integration's name is its map key (switchboardIntegrationCreateBody.name).
  const sbNames = ((defs.switchboard.properties as Record<string, Schema>).integrations.propertyNames ?? {}) as Schema;
  const nameRule = toConfigSchema(bodies.switchboardIntegration.create.properties.name);
  if (typeof nameRule.maxLength === 'number') sbNames.maxLength = nameRule.maxLength;
  for (const type of INTEGRATION_TYPES) {
    const { create, update } = integrationBodies(type);
    const name = `integration-${type}`;
    // `type` selects the body; `webhooks` of a custom integration are a map of webhook entries, not the spec's array.
    const typed = { ...create, properties: Object.fromEntries(Object.entries(create.properties).filter(([k]) => k !== 'type' && k !== 'webhooks')) };
    constrainDefinition(defs, name, typed, update, updatableIn(INTEGRATION_FIELDS[type]));
  }
  for (const [defName, rules] of Object.entries(PROSE_SCHEMA_RULES)) {
    if (!defs[defName]) continue;
    const props = defs[defName].properties as Record<string, Schema> | undefined;
    for (const [field, rule] of Object.entries(rules)) {
      if (field === '') Object.assign(defs[defName], rule);
      else if (props?.[field]) props[field] = { ...props[field], ...rule };
    }
  }
  return schema;
}
