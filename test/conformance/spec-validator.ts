/**
 * Validates a raw HTTP exchange (method, URL, status, body) against the official spec
 * (spec/openapi.json), written independently of the emulator's own schema code and of
 * test/emulator/spec-validator.ts so that a shared misreading cannot hide a deviation.
 *
 * The operation is found from the method and the concrete URL path (not from a name the
 * caller passes), so every request the official client makes is checked against the
 * operation the spec documents for that path.
 *
 * OpenAPI 3.0 → JSON Schema for ajv:
 *  - `nullable: true` → `anyOf: [{type: null}, schema]`;
 *  - `writeOnly` properties → `false` in responses (a response carrying one fails), and are
 *    dropped from `required` (OpenAPI 3.0: required applies to requests only for them);
 *  - `oneOf` + `discriminator` (content, action, quotedMessage, …) → the discriminator's
 *    meaning: the `type` value picks exactly one schema (mapping, else the schema's name).
 *    A plain oneOf would be wrong here: a `text` message also matches `location`, whose
 *    fields are optional, so "exactly one" fails for valid bodies;
 *  - a `discriminator` without oneOf (the base `integration` schema, whose per-type schemas
 *    allOf it back, so following it would loop) is dropped: per-type integration bodies are
 *    checked with `schemaErrors(type, …)`;
 *  - `additionalProperties` is left exactly as the spec says (mostly absent → allowed).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Node = Record<string, unknown>;
interface Operation {
  operationId: string;
  responses?: Record<string, { content?: Record<string, { schema?: Node }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Node & { schemas: Record<string, Node> };
}

const spec = JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as Spec;

/** `oneOf` + discriminator → "type must be one of the mapped values, and then match that schema". */
function discriminated(src: Node): Node {
  const { propertyName, mapping } = src.discriminator as { propertyName: string; mapping?: Record<string, string> };
  const refs = mapping ?? Object.fromEntries((src.oneOf as Node[]).map((o) => [String(o.$ref).split('/').pop(), String(o.$ref)]));
  return {
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { enum: Object.keys(refs) } },
    allOf: Object.entries(refs).map(([value, ref]) => ({
      if: { properties: { [propertyName]: { const: value } }, required: [propertyName] },
      then: { $ref: `spec${ref}` },
    })),
  };
}

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const src = node as Node;
  if (src.discriminator && Array.isArray(src.oneOf)) {
    const d = discriminated(src);
    return src.nullable === true ? { anyOf: [{ type: 'null' }, d] } : d;
  }
  const out: Node = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'discriminator' || k === 'example' || k === 'x-resourceId') continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v as Node).map(([name, s]) => [name, (s as Node)?.writeOnly === true ? false : toJsonSchema(s)]),
      );
    } else if (k === '$ref' && typeof v === 'string') {
      out[k] = `spec${v}`;
    } else {
      out[k] = toJsonSchema(v);
    }
  }
  const props = src.properties as Record<string, Node> | undefined;
  if (Array.isArray(out.required) && props) {
    out.required = (out.required as string[]).filter((name) => props[name]?.writeOnly !== true);
  }
  return src.nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on .default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void;
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: toJsonSchema(spec.components) } as Node);

/** Spec path templates as regexes, most literal segments first so `/keys/{keyId}` never shadows a literal. */
const templates = Object.keys(spec.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{/g) ?? []).length,
    re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))
  .sort((a, b) => a.params - b.params);

export function findOperation(method: string, path: string): { template: string; op: Operation } | undefined {
  for (const t of templates) {
    if (!t.re.test(path)) continue;
    const op = spec.paths[t.template][method.toLowerCase()];
    if (op?.operationId) return { template: t.template, op };
  }
  return undefined;
}

const cache = new Map<string, ValidateFunction>();
function compiled(key: string, schema: () => unknown): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(schema() as Node);
    cache.set(key, v);
  }
  return v;
}

function describe(v: ValidateFunction): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Error statuses any operation may answer although its own `responses` may not list them:
 * the Introduction's authentication, size, rate-limit and server errors, and 400 for a bad request.
 */
const ANY_OPERATION_ERRORS = new Set([400, 401, 403, 404, 409, 413, 429, 500, 503]);

/**
 * Problems with one response; empty when it conforms. `body` is the parsed JSON (undefined
 * when none). A 2xx status the operation does not document is a problem; an undocumented
 * error status is checked against `errorResponse`. Every error body must carry at least one
 * `{code, title}` (issue 3: "error bodies {"errors":[{"code","title"}]}").
 */
export function responseProblems(method: string, path: string, status: number, body: unknown): string[] {
  const found = findOperation(method, path);
  if (!found) return [`${method} ${path}: no such operation in the spec`];
  const { op } = found;
  const where = `${op.operationId} ${status}`;
  const documented = op.responses?.[String(status)];
  let schema: unknown;
  if (documented) {
    schema = documented.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${where}: the spec documents no JSON body, got ${JSON.stringify(body)}`];
  } else if (ANY_OPERATION_ERRORS.has(status)) {
    schema = { $ref: '#/components/schemas/errorResponse' };
  } else {
    return [`${where}: status not documented for this operation (documented: ${Object.keys(op.responses ?? {}).join(', ')})`];
  }
  const v = compiled(`${op.operationId}:${status}`, () => toJsonSchema(schema));
  const problems = v(body) ? [] : describe(v).map((e) => `${where}: ${e}`);
  if (status >= 400) {
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    const first = Array.isArray(errors) ? (errors[0] as Node | undefined) : undefined;
    if (typeof first?.code !== 'string' || typeof first?.title !== 'string') {
      problems.push(`${where}: error body lacks errors[0].code/title: ${JSON.stringify(body)}`);
    }
  }
  return problems;
}

/** Problems of `value` against components.schemas[name] (e.g. a per-type integration schema such as `twilio`). */
export function schemaErrors(name: string, value: unknown): string[] {
  if (!spec.components.schemas[name]) return [`no schema ${name}`];
  const v = compiled(`schema:${name}`, () => ({ $ref: `spec#/components/schemas/${name}` }));
  return v(value) ? [] : describe(v).map((e) => `${name}: ${e}`);
}

function resolveRef(node: Node): Node {
  let n = node;
  for (let i = 0; i < 20 && typeof n.$ref === 'string'; i++) {
    n = spec.components.schemas[(n.$ref as string).replace('#/components/schemas/', '')] ?? {};
  }
  return n;
}

/** The spec schemas that apply to a value: follows $ref and allOf; anyOf/oneOf branches all count. */
function flatten(node: Node | undefined, out: Node[] = []): Node[] {
  if (!node || typeof node !== 'object') return out;
  const n = resolveRef(node);
  if (out.includes(n)) return out; // twilio → allOf integration → mapping → twilio
  out.push(n);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (n[k] as Node[] | undefined) ?? []) flatten(sub, out);
  }
  // A discriminator mapping names the concrete schemas of a base (e.g. integration → twilio).
  const mapping = (n.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
  for (const ref of Object.values(mapping ?? {})) flatten({ $ref: ref }, out);
  return out;
}

function walkExtras(schemas: Node[], value: unknown, at: string, out: string[]): void {
  if (Array.isArray(value)) {
    const items = schemas.map((s) => s.items as Node | undefined).filter((s): s is Node => !!s).flatMap((s) => flatten(s));
    value.forEach((v, i) => walkExtras(items, v, `${at}/${i}`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  // Free-form objects (metadata, `type: object` without properties) document no names.
  const described = schemas.filter((s) => s.properties || s.additionalProperties !== undefined);
  if (described.length === 0 || described.some((s) => s.additionalProperties && s.additionalProperties !== false)) return;
  for (const [key, v] of Object.entries(value as Node)) {
    const subs = described.map((s) => (s.properties as Record<string, Node> | undefined)?.[key]).filter((s): s is Node => !!s);
    if (subs.length === 0) out.push(`${at}/${key}`);
    else walkExtras(subs.flatMap((s) => flatten(s)), v, `${at}/${key}`, out);
  }
}

/**
 * Properties in a response that the spec's response schema does not name (JSON pointers).
 * The spec allows them (no `additionalProperties: false`), so this is a fidelity signal,
 * not a schema violation: a faithful emulator returns only what the API documents.
 */
export function undocumentedProperties(method: string, path: string, status: number, body: unknown): string[] {
  const op = findOperation(method, path)?.op;
  const schema = op?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return [];
  const out: string[] = [];
  walkExtras(flatten(schema), body, '', out);
  return out;
}

/** Properties of `value` that components.schemas[name] does not name (JSON pointers); see undocumentedProperties. */
export function undocumentedIn(name: string, value: unknown): string[] {
  const out: string[] = [];
  walkExtras(flatten({ $ref: `#/components/schemas/${name}` }), value, '', out);
  return out;
}
