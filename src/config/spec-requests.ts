/**
 * The provisioning request bodies of spec/openapi.json, flattened to one property map per
 * body: the same schemas the emulator validates requests with (src/emulator/spec-schemas.ts
 * compiles them whole), read here so that the config schema takes every field rule from
 * them: type, lengths, enums, ranges, patterns, item limits and nested objects.
 * `$ref`s are inlined, `allOf` parts merged, read-only properties dropped (never sent).
 * Used by scripts/gen-schema.mjs and the tests, never at run time.
 */
import { readFileSync } from 'node:fs';

export type Json = Record<string, unknown>;

/** One request body: its properties (plain JSON Schema plus OpenAPI's `nullable`) and required names. */
export interface RequestBody {
  name: string;
  properties: Record<string, Json>;
  required: string[];
}

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, { schema?: Json }> } }>>;
  components: { schemas: Record<string, Json> };
}

/** Keywords kept: what a value must satisfy. Descriptions, examples and defaults are the docs' business. */
const KEPT = ['type', 'minLength', 'maxLength', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems', 'nullable'];

let loaded: Spec | undefined;
function spec(): Spec {
  loaded ??= JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as Spec;
  return loaded;
}

function deref(node: Json): Json {
  let n = node;
  for (let i = 0; i < 20 && typeof n.$ref === 'string'; i++) n = spec().components.schemas[(n.$ref as string).split('/').pop() ?? ''] ?? {};
  return n;
}

/** A property's schema as plain constraints: refs inlined, allOf merged (siblings win, e.g. `nullable: false`). */
export function constraintOf(node: Json): Json {
  const n = deref(node);
  let out: Json = {};
  for (const part of (n.allOf as Json[] | undefined) ?? []) out = intersect(out, constraintOf(part));
  const own: Json = {};
  for (const k of KEPT) if (k in n) own[k] = n[k];
  if (n.items) own.items = constraintOf(n.items as Json);
  if (n.properties) {
    const body = flatten({ properties: n.properties, required: n.required }, '');
    own.properties = body.properties;
    if (body.required.length > 0) own.required = body.required;
  }
  if (n.additionalProperties !== undefined) own.additionalProperties = n.additionalProperties;
  // A sibling of allOf narrows it (appCreateBody.displayName: the shared displayName plus nullable: false).
  return { ...out, ...own };
}

function flatten(node: Json, name: string): RequestBody {
  const n = deref(node);
  const out: RequestBody = { name, properties: {}, required: [...((n.required as string[] | undefined) ?? [])] };
  for (const part of (n.allOf as Json[] | undefined) ?? []) {
    const sub = flatten(part, name);
    for (const [k, v] of Object.entries(sub.properties)) out.properties[k] = k in out.properties ? intersect(out.properties[k], v) : v;
    out.required.push(...sub.required.filter((r) => !out.required.includes(r)));
  }
  for (const [k, v] of Object.entries((n.properties as Record<string, Json> | undefined) ?? {})) {
    if (deref(v).readOnly === true) continue;
    const c = constraintOf(v);
    out.properties[k] = k in out.properties ? intersect(out.properties[k], c) : c;
  }
  return out;
}

/** Both constraints at once: what a value sent on create and again on update must satisfy. */
export function intersect(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (cur === undefined) out[k] = v;
    else if (['minLength', 'minimum', 'minItems'].includes(k)) out[k] = Math.max(cur as number, v as number);
    else if (['maxLength', 'maximum', 'maxItems'].includes(k)) out[k] = Math.min(cur as number, v as number);
    else if (k === 'enum') out[k] = (cur as unknown[]).filter((x) => (v as unknown[]).includes(x));
    else if (k === 'nullable') out[k] = cur === true && v === true;
    else if (k === 'required') out[k] = [...new Set([...(cur as string[]), ...(v as string[])])];
    else if (k === 'items') out[k] = intersect(cur as Json, v as Json);
    else if (k === 'properties') {
      const props = { ...(cur as Record<string, Json>) };
      for (const [p, s] of Object.entries(v as Record<string, Json>)) props[p] = p in props ? intersect(props[p], s) : s;
      out[k] = props;
    } else if (JSON.stringify(cur) !== JSON.stringify(v)) throw new Error(`spec-requests: cannot intersect ${k}: ${JSON.stringify(cur)} and ${JSON.stringify(v)}`);
  }
  return out;
}

function operationBody(operationId: string): RequestBody {
  for (const item of Object.values(spec().paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId !== operationId) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema) return flatten(schema, typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() ?? operationId : operationId);
    }
  }
  throw new Error(`spec-requests: operation ${operationId} has no JSON body in spec/openapi.json`);
}

/** The create and update bodies of each provisioning kind, by the operations the API names. */
export function requestBodies() {
  return {
    app: { create: operationBody('CreateApp'), update: operationBody('UpdateApp') },
    appKey: { create: operationBody('CreateAppKey') },
    integrationKey: { create: operationBody('CreateCustomIntegrationKey') },
    webhook: { create: operationBody('CreateWebhook'), update: operationBody('UpdateWebhook') },
    switchboard: { update: operationBody('UpdateSwitchboard') },
    switchboardIntegration: { create: operationBody('CreateSwitchboardIntegration'), update: operationBody('UpdateSwitchboardIntegration') },
  };
}

/**
 * An integration type's bodies: CreateIntegration's `integration` schema dispatches on `type`
 * (its discriminator mapping names the create schema); UpdateIntegration's `integrationUpdate`
 * is a oneOf of `<type>Update` schemas (messageBirdUpdate, whatsAppUpdate: matched without case).
 */
export function integrationBodies(type: string): { create: RequestBody; update: RequestBody } {
  const schemas = spec().components.schemas;
  const mapping = (schemas.integration.discriminator as { mapping: Record<string, string> }).mapping;
  const createName = mapping[type]?.split('/').pop();
  const updates = ((schemas.integrationUpdate.oneOf as Json[]) ?? []).map((r) => String(r.$ref).split('/').pop() ?? '');
  const updateName = updates.find((n) => n.toLowerCase() === `${type}update`);
  if (!createName || !updateName) throw new Error(`spec-requests: no create/update schema for integration type ${type}`);
  return { create: flatten(schemas[createName], createName), update: flatten(schemas[updateName], updateName) };
}

/** Integration types, as CreateIntegration's discriminator lists them. */
export function specIntegrationTypes(): string[] {
  return Object.keys((spec().components.schemas.integration.discriminator as { mapping: Record<string, string> }).mapping);
}
