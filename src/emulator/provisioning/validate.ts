/** Request bodies are validated against the spec's own schemas (spec/openapi.json) with ajv. */
import { HttpError } from '../route.js';
import { errorTitle, requestValidator, schemaValidator } from '../spec-schemas.js';

/** Validates against the operation's requestBody schema; 400 bad_request with ajv's message. */
export function validateRequest(operationId: string, body: unknown): void {
  const v = requestValidator(operationId);
  if (v && !v(body)) throw new HttpError(400, 'bad_request', errorTitle(v.errors));
}

/** Validates against components.schemas[name]. */
export function validateSchema(name: string, body: unknown): void {
  const v = schemaValidator(name);
  if (!v(body)) throw new HttpError(400, 'bad_request', errorTitle(v.errors));
}
