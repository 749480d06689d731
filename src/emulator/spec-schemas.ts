/**
 * The official spec's schemas (spec/openapi.json, a slimmed copy of the OpenAPI 3.0 file)
 * compiled with ajv, for request-body validation in the emulator. Loaded lazily: `sunco --version` never pays for it.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Json }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const ROOT_ID = 'sunco-openapi';
let cache: { spec: Spec; ajv: Ajv; validators: Map<string, ValidateFunction> } | undefined;

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/**
 * OpenAPI 3.0 → JSON Schema for ajv:
 * - `$ref`s point into the spec document registered under ROOT_ID;
 * - `nullable` without a sibling `type` (e.g. `allOf` + `nullable`) becomes anyOf with null,
 *   because ajv's built-in `nullable` keyword requires `type`; `nullable: false` there refuses null;
 * - `discriminator` + `oneOf`: several branches share the same required fields (e.g.
 *   components.schemas.action: `postback` and `reply` both require text/type/payload), so a
 *   plain oneOf rejects valid bodies. Each discriminated oneOf dispatches on the discriminator
 *   property instead (explicit `mapping`, or the schema name when there is none, as OpenAPI
 *   defines) with if/then, and rejects values outside the mapping.
 */
function transform(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(transform);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'discriminator' || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) out[k] = `${ROOT_ID}${v}`;
    else out[k] = transform(v);
  }
  if ('nullable' in out && !('type' in out)) {
    const nullable = out.nullable === true;
    delete out.nullable;
    if (nullable) return { anyOf: [{ type: 'null' }, out] };
    // `nullable: false` beside an allOf narrows a nullable shared schema: appCreateBody,
    // appUpdateBody and CreateAppKey take `displayName` as allOf [displayName] + nullable: false.
    if (out.not === undefined) out.not = { type: 'null' };
  }
  const disc = src.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  const oneOf = src.oneOf as { $ref?: string }[] | undefined;
  if (disc && oneOf) {
    const mapping = disc.mapping ?? Object.fromEntries(oneOf.filter((b) => b.$ref).map((b) => [refName(b.$ref ?? ''), b.$ref ?? '']));
    const p = disc.propertyName;
    delete out.oneOf;
    out.type = 'object';
    out.required = [p];
    out.properties = { [p]: { type: 'string', enum: Object.keys(mapping) } };
    out.allOf = Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [p]: { const: value } } },
      then: { $ref: ref.startsWith('#/') ? `${ROOT_ID}${ref}` : ref },
    }));
  }
  return out;
}

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const spec = JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as Spec;
  // strict: false because the spec carries OpenAPI keywords ajv does not know (discriminator, example, x-*).
  const ajv = new Ajv({ strict: false, allErrors: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT_ID, components: transform(spec.components) } as Json);
  cache = { spec, ajv, validators: new Map() };
  return cache;
}

function compiled(key: string, schema: () => unknown): ValidateFunction {
  const c = load();
  let v = c.validators.get(key);
  if (!v) {
    v = c.ajv.compile(transform(schema()) as Json);
    c.validators.set(key, v);
  }
  return v;
}

function findOperation(operationId: string): Operation {
  for (const item of Object.values(load().spec.paths)) {
    for (const op of Object.values(item)) {
      if (op && typeof op === 'object' && (op as { operationId?: string }).operationId === operationId) return op;
    }
  }
  throw new Error(`operation ${operationId} not in spec/openapi.json`);
}

export function hasSchema(name: string): boolean {
  return name in load().spec.components.schemas;
}

/** Validator for components.schemas[name]. */
export function schemaValidator(name: string): ValidateFunction {
  if (!hasSchema(name)) throw new Error(`schema ${name} not in spec/openapi.json`);
  return compiled(`schema:${name}`, () => ({ $ref: `#/components/schemas/${name}` }));
}

/** Validator for an operation's JSON request body (undefined when it takes none). */
export function requestValidator(operationId: string): ValidateFunction | undefined {
  const schema = findOperation(operationId).requestBody?.content?.['application/json']?.schema;
  return schema ? compiled(`req:${operationId}`, () => schema) : undefined;
}

/**
 * The first error as a title in the style of the spec's own examples, which show the
 * API's ajv messages, e.g. CreateApp 400 "should have required property 'displayName'".
 */
export function errorTitle(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'Bad request';
  const where = e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')} ` : '';
  return `${where}${(e.message ?? 'is invalid').replace(/^must /, 'should ')}`;
}

/** The component schemas, as in the spec (for callers that inspect them, e.g. enums). */
export function componentSchemas(): Record<string, Json> {
  return load().spec.components.schemas;
}
