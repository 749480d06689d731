/**
 * Request-body checks for the operations routes against the official spec's component
 * schemas. Compilation (and the OpenAPI 3.0 adaptations: nullable, discriminated oneOf)
 * lives in ../spec-schemas.ts, shared with the provisioning routes and the tests.
 */
import type { ErrorObject } from 'ajv';
import { HttpError } from '../route.js';
import { componentSchemas, schemaValidator } from '../spec-schemas.js';

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
  const fn = schemaValidator(name);
  if (fn(value)) return;
  // if/then failures repeat the inner error; the most specific one comes first.
  const errors = (fn.errors ?? []).filter((e) => e.keyword !== 'if');
  const first = errors[0];
  throw new HttpError(400, 'bad_request', first ? describe(first, label) : `${label} is invalid`);
}

/** Whether the spec's content schema knows this message type (components.schemas.content mapping). */
export function contentTypes(): string[] {
  // components.schemas.content is a discriminated oneOf: its mapping keys are the types.
  const content = componentSchemas().content as { discriminator?: { mapping?: Record<string, string> } } | undefined;
  return Object.keys(content?.discriminator?.mapping ?? {});
}
