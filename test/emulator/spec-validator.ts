/**
 * Validates emulator responses against the official spec's response schema for an
 * operation (spec/openapi.json), independently of the emulator's own schema code.
 * OpenAPI 3.0 → ajv: `nullable: true` becomes a null alternative, and `writeOnly`
 * properties become `false` schemas so that a response carrying one fails (and are
 * dropped from `required`, which applies to requests only).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

type Node = Record<string, unknown>;
const spec = JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Node }> }> }>>;
  components: Node;
};

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(
        Object.entries(v as Node).map(([name, s]) => [name, (s as Node)?.writeOnly === true ? false : toJsonSchema(s)]),
      );
    } else if (k === '$ref' && typeof v === 'string') out[k] = `spec${v}`;
    else if (k !== 'nullable' && k !== 'discriminator') out[k] = toJsonSchema(v);
  }
  // OpenAPI 3.0: a required writeOnly property is required in requests only.
  const props = (node as Node).properties as Record<string, Node> | undefined;
  if (Array.isArray(out.required) && props) {
    out.required = (out.required as string[]).filter((name) => props[name]?.writeOnly !== true);
  }
  if ((node as Node).nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'spec', components: toJsonSchema(spec.components) } as Node);
const cache = new Map<string, ValidateFunction>();

function schemaFor(operationId: string, status: number): Node {
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (op?.operationId !== operationId) continue;
      const res = op.responses?.[String(status)];
      if (!res) throw new Error(`${operationId} documents no ${status} response`);
      const schema = res.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${operationId} ${status} has no JSON schema`);
      return schema;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/** Errors as strings; empty when the body conforms. Errors (4xx/5xx) not documented fall back to errorResponse. */
export function conformanceErrors(operationId: string, status: number, body: unknown): string[] {
  const key = `${operationId}:${status}`;
  let v = cache.get(key);
  if (!v) {
    let schema: Node;
    try {
      schema = schemaFor(operationId, status);
    } catch (err) {
      if (status < 400) throw err;
      schema = { $ref: '#/components/schemas/errorResponse' };
    }
    v = ajv.compile(toJsonSchema(schema) as Node);
    cache.set(key, v);
  }
  if (v(body)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Errors of `value` against components.schemas[name] (e.g. a per-type integration schema). */
export function schemaErrors(name: string, value: unknown): string[] {
  const key = `schema:${name}`;
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile({ $ref: `spec#/components/schemas/${name}` });
    cache.set(key, v);
  }
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
