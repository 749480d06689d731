/**
 * Validates operation request bodies against the official spec's own component schemas
 * (spec/openapi.json, loaded lazily on first use so that `sunco --version` stays fast).
 *
 * The OpenAPI 3.0 schemas need two adaptations before ajv can use them:
 * - `discriminator` + `oneOf`: several branches share the same required fields (e.g.
 *   components.schemas.action: `postback` and `reply` both require text/type/payload), so a
 *   plain oneOf rejects valid bodies. Each discriminated oneOf is rewritten to dispatch on the
 *   discriminator property (explicit `mapping`, or the schema name when there is none, as
 *   OpenAPI defines) with if/then, and to reject values outside the mapping.
 * - OpenAPI-only keywords (x-*, discriminator, readOnly/writeOnly annotations) are tolerated
 *   with `strict: false`; `nullable` is understood by ajv natively.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { HttpError } from '../route.js';

type Json = Record<string, unknown>;

const SPEC_ID = 'sunco-openapi';
let ajv: Ajv | undefined;
let schemas: Record<string, Json> | undefined;
const compiled = new Map<string, ValidateFunction>();

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Rewrites discriminated oneOfs (see the header comment), recursively. */
function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'discriminator' || k.startsWith('x-')) continue;
    out[k] = adapt(v);
  }
  // OpenAPI 3.0 `nullable` next to allOf/$ref (e.g. author.avatarUrl): ajv wants a `type`.
  if ('nullable' in out && !('type' in out)) {
    const nullable = out.nullable === true;
    delete out.nullable;
    if (nullable) return { anyOf: [out, { type: 'null' }] };
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
    out.allOf = Object.entries(mapping).map(([value, ref]) => ({ if: { properties: { [p]: { const: value } } }, then: { $ref: ref } }));
  }
  return out;
}

function load(): { ajv: Ajv; schemas: Record<string, Json> } {
  if (!ajv || !schemas) {
    // Three levels below the package root, from src/ (tests) and from dist/ (installed).
    const spec = JSON.parse(readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8')) as {
      components: { schemas: Record<string, Json> };
    };
    // scripts/sync-spec.mjs drops every key named `description`, which also removes the
    // component schema of that name (conversation description); restore it from the spec YAML.
    const raw = { description: { type: 'string', nullable: true, minLength: 1, maxLength: 100 }, ...spec.components.schemas };
    schemas = adapt(raw) as Record<string, Json>;
    ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as unknown as FormatsPlugin;
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  }
  return { ajv, schemas };
}

function validator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const { ajv: a, schemas: s } = load();
    if (!s[name]) throw new Error(`spec has no schema ${name}`);
    fn = a.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
    if (!fn) throw new Error(`cannot compile schema ${name}`);
    compiled.set(name, fn);
  }
  return fn;
}

/** A title in the style of the spec's own examples (ajv messages: "should have required property 'x'"). */
function describe(err: ErrorObject, label: string): string {
  const path = [label, ...err.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.');
  const message = (err.message ?? 'is invalid').replace(/^must /, 'should ');
  if (err.keyword === 'enum') return `${path || 'body'} should be one of: ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return path ? `${path} ${message}` : message;
}

/**
 * Checks `value` against components.schemas[name]; throws HttpError 400 bad_request naming
 * the first offending field (`label` prefixes the path, e.g. "content"; "" for the body).
 */
export function assertSchema(name: string, value: unknown, label: string): void {
  const fn = validator(name);
  if (fn(value)) return;
  // if/then failures repeat the inner error; the most specific one comes first.
  const errors = (fn.errors ?? []).filter((e) => e.keyword !== 'if');
  const first = errors[0];
  throw new HttpError(400, 'bad_request', first ? describe(first, label) : `${label} is invalid`);
}

/** Whether the spec's content schema knows this message type (components.schemas.content mapping). */
export function contentTypes(): string[] {
  const { schemas: s } = load();
  const props = (s.content?.properties ?? {}) as Record<string, { enum?: string[] }>;
  return props.type?.enum ?? [];
}
