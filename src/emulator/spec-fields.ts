/**
 * What the emulator knows of each integration type's fields, read from the spec
 * (spec/openapi.json) and not from the planner's table (src/resources/fields.ts): the
 * emulator is the planner's test double, so a wrong row there must not be mirrored here.
 *
 * components.schemas.integration names the types (its discriminator mapping); each type's
 * schema (`twilio`, ...) is an allOf of that base, its own properties and shared parts such
 * as defaultResponderId; its update schema (`twilioUpdate`, ...) lists what PATCH changes.
 */
import { componentSchemas } from './spec-schemas.js';

type Json = Record<string, unknown>;

export interface SpecField {
  name: string;
  /** readOnly: the server fills it in; never taken from a request. */
  readOnly: boolean;
  /** writeOnly: taken on create/update, never returned. */
  writeOnly: boolean;
  /** The schema's `default`: returned when the field was never set. */
  default?: unknown;
  required: boolean;
}

/** Properties of components.schemas.integration itself (id, type, status, displayName). */
const BASE = 'integration';
/** components.schemas.integrationUpdate's oneOf names, where they differ from `${type}Update`. */
const UPDATE_SCHEMA: Record<string, string> = { messagebird: 'messageBirdUpdate', whatsapp: 'whatsAppUpdate' };

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A property's own keywords, with a `$ref` (or a single-branch allOf of one) looked through. */
function resolved(prop: Json, schemas: Record<string, Json>): Json {
  const ref = (prop.$ref as string | undefined) ?? ((prop.allOf as Json[] | undefined)?.length === 1 ? ((prop.allOf as Json[])[0]!.$ref as string | undefined) : undefined);
  return ref ? { ...schemas[refName(ref)], ...prop } : prop;
}

/** The properties and required names of a schema, through allOf and $ref, in spec order. */
function flatten(name: string, skipBase: boolean): SpecField[] {
  const schemas = componentSchemas();
  const fields = new Map<string, SpecField>();
  const required = new Set<string>();
  const walk = (node: Json) => {
    if (typeof node.$ref === 'string') {
      const ref = refName(node.$ref);
      if (!(skipBase && ref === BASE)) walk(schemas[ref] ?? {});
      return;
    }
    for (const part of (node.allOf as Json[] | undefined) ?? []) walk(part);
    for (const r of (node.required as string[] | undefined) ?? []) required.add(r);
    for (const [prop, raw] of Object.entries((node.properties as Record<string, Json> | undefined) ?? {})) {
      const p = resolved(raw, schemas);
      fields.set(prop, { name: prop, readOnly: p.readOnly === true, writeOnly: p.writeOnly === true, ...('default' in p ? { default: p.default } : {}), required: false });
    }
  };
  walk(schemas[name] ?? {});
  return [...fields.values()].map((f) => ({ ...f, required: required.has(f.name) }));
}

const cache = new Map<string, SpecField[]>();
function cached(key: string, make: () => SpecField[]): SpecField[] {
  let v = cache.get(key);
  if (!v) cache.set(key, (v = make()));
  return v;
}

/** The integration types, in the order of the spec's discriminator mapping. */
export function integrationTypes(): string[] {
  const disc = componentSchemas()[BASE]?.discriminator as { mapping?: Record<string, string> } | undefined;
  return Object.keys(disc?.mapping ?? {});
}

export function isIntegrationType(t: unknown): t is string {
  return typeof t === 'string' && integrationTypes().includes(t);
}

/** A type's own fields (not the base's id, type, status and displayName); [] for an unknown type. */
export function typeFields(type: string): SpecField[] {
  return isIntegrationType(type) ? cached(type, () => flatten(type, true)) : [];
}

/** The name of a type's update schema (`twilioUpdate`, ...). */
export function updateSchemaName(type: string): string {
  return UPDATE_SCHEMA[type] ?? `${type}Update`;
}

/** The fields a PATCH of this type changes: the properties of its update schema. */
export function updatableFields(type: string): string[] {
  if (!isIntegrationType(type)) return [];
  return cached(`update:${type}`, () => flatten(updateSchemaName(type), false)).map((f) => f.name);
}

/** The property names of components.schemas[name] (e.g. appSettings). */
export function schemaPropertyNames(name: string): string[] {
  return cached(`props:${name}`, () => flatten(name, false)).map((f) => f.name);
}
