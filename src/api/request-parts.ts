import { UserError } from '../errors.js';
import { displayPath } from './error-mapping.js';
import type { QueryValue, RequestOptions } from './types.js';

/** RESOURCES.md "Errors": a JSON body is limited to 100 kB. */
export const MAX_JSON_BODY_BYTES = 102_400;

/** Base URL + path (which may carry its own query) + query values; arrays repeat the key. */
export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> | undefined): URL {
  const url = new URL(`${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url;
}

export interface EncodedBody {
  payload: string | Buffer;
  contentType: string;
  /** The JSON text, for the debug log (undefined for raw bodies). */
  json?: string;
}

/** Serialize the body once, and refuse an oversized JSON body before anything is sent. */
export function encodeBody(method: string, path: string, options: RequestOptions): EncodedBody | undefined {
  if (options.rawBody) return { payload: options.rawBody.data, contentType: options.rawBody.contentType };
  if (options.body === undefined) return undefined;
  const json = JSON.stringify(options.body);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_JSON_BODY_BYTES) {
    throw new UserError(
      `${method} ${displayPath(path)}: the JSON body is ${(bytes / 1024).toFixed(1)} kB (${bytes} bytes); the SunCo API accepts at most 100 kB (${MAX_JSON_BODY_BYTES} bytes). Nothing was sent.`,
    );
  }
  return { payload: json, contentType: 'application/json', json };
}

/** Parse a successful answer: JSON when it is JSON, {} when empty, else the text itself. */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
