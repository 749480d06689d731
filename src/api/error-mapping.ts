import { secretMask } from '../secret-mask.js';
import { STATUS_CODES } from 'node:http';
import { ApiError } from './errors.js';

const SNIPPET_CHARS = 160;

export interface HttpAnswer {
  status: number;
  statusText?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The path as the user knows it: no base URL, no query string. */
export function displayPath(path: string): string {
  return path.split('?')[0] ?? path;
}

export function requestIdOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['x-request-id'] ?? headers['x-zendesk-request-id'];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A non-2xx answer → ApiError. SunCo errors are `{"errors":[{"code","title"}]}` (spec schema
 * `ErrorResponse`); the first error gives the code, and several titles are joined. Anything
 * else (an HTML 502 page from a proxy, an empty body) still gets a readable one-line message.
 */
export function apiErrorFromResponse(method: string, path: string, answer: HttpAnswer): ApiError {
  const base = { status: answer.status, method, path: displayPath(path), requestId: requestIdOf(answer.headers) };
  const errors = sunCoErrors(answer.text);
  if (errors.length > 0) {
    const [first] = errors as [{ code: string; title: string }];
    const title = errors.map((e, i) => (i === 0 ? e.title : `${e.code}: ${e.title}`)).join('; ');
    return new ApiError({ ...base, code: first.code, title });
  }
  const statusText = answer.statusText || STATUS_CODES[answer.status] || 'HTTP error';
  const location = answer.headers.location;
  if (answer.status >= 300 && answer.status < 400 && typeof location === 'string') {
    // The client never follows a redirect (it would carry the Authorization header along).
    return new ApiError({ ...base, code: `http_${answer.status}`, title: `${statusText}: redirect to ${truncate(location)} not followed (check the API URL)` });
  }
  const snippet = bodySnippet(answer.text);
  return new ApiError({ ...base, code: `http_${answer.status}`, title: snippet ? `${statusText}: ${snippet}` : statusText });
}

/**
 * No HTTP answer at all: refused, reset, DNS failure, timeout. The library error is not kept
 * as `cause`: it holds the request options, Authorization header included. A plain copy
 * with the (redacted) message and code is kept instead.
 */
export function apiErrorFromFault(method: string, path: string, host: string, err: unknown, timeoutMs: number, redact: (s: string) => string = (s) => s): ApiError {
  const e = err as { code?: string; message?: string; name?: string };
  const cause = Object.assign(new Error(redact(e.message ?? String(err))), { code: e.code });
  const base = { status: 0, method, path: displayPath(path), cause };
  if (e.name === 'TimeoutError' || (e.code === 'ETIMEDOUT' && /timeout/i.test(e.message ?? ''))) {
    return new ApiError({ ...base, code: 'timeout', title: `no response from ${host} within ${formatSeconds(timeoutMs)}` });
  }
  const what = e.code && !(e.message ?? '').includes(e.code) ? `${e.code} ${e.message ?? ''}`.trim() : (e.message ?? String(err));
  return new ApiError({ ...base, code: 'network_error', title: `${truncate(oneLine(redact(what)))} (host ${host})` });
}

function sunCoErrors(text: string): Array<{ code: string; title: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is { code?: unknown; title?: unknown } => !!e && typeof e === 'object')
    .map((e) => ({ code: typeof e.code === 'string' ? e.code : 'unknown', title: typeof e.title === 'string' ? e.title : '' }))
    .filter((e) => e.code !== 'unknown' || e.title !== '');
}

/** A short single-line view of a body: HTML tags dropped, whitespace collapsed, truncated. */
export function bodySnippet(text: string): string {
  const plain = oneLine(text.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
  return truncate(plain);
}

function truncate(text: string): string {
  // Masked before the cut: the cut could leave part of an echoed secret that the output's mask no longer knows.
  const masked = secretMask().mask(text);
  return masked.length > SNIPPET_CHARS ? `${masked.slice(0, SNIPPET_CHARS)}…` : masked;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
