/**
 * The emulator's HTTP pipeline, one request at a time:
 * body limit → rate limit → route match (404/405) → authentication → scope → fault draw →
 * JSON parse → handler → latency → response. It never throws to node:http: anything that is
 * not an HttpError becomes a 500 with the spec's error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import type { FaultInjector, RateLimiter } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import { errorBody, HttpError, type EmuResult } from './route.js';
import type { Router } from './router.js';
import { authorize } from './scope.js';
import type { EmulatorStore } from './store.js';

/** Spec "Request Size Limits" (RESOURCES.md "Errors"): JSON 100kb, file upload 50mb. */
export const MAX_BODY_BYTES = 100 * 1024;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const isMultipart = (req: IncomingMessage) => /^multipart\//i.test(req.headers['content-type'] ?? '');

export interface PipelineDeps {
  router: Router;
  store: EmulatorStore;
  faults: FaultInjector;
  limiter: RateLimiter;
  latencyMs: number;
  /** Waits out the latency; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  log: RequestLog;
  baseUrl: () => string;
  /** Called once per request after it is answered (or dropped by a fault); `sunco emulator --debug`. */
  onRequest?: (entry: RequestLogEntry) => void;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: errorBody('internal_error', 'Internal server error') });
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  // Prefixing (rather than resolving against a base) keeps '//x' a path, not a host.
  const target = `http://emulator.invalid${req.url ?? '/'}`;
  const url = new URL(URL.canParse(target) ? target : 'http://emulator.invalid/');
  const entry: RequestLogEntry = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), status: 0, latencyMs: deps.latencyMs, ms: 0 };
  deps.log.add(entry);

  let result: EmuResult;
  try {
    result = await dispatch(deps, req, method, url, entry);
  } catch (err) {
    result =
      err instanceof HttpError
        ? { status: err.status, body: errorBody(err.code, err.title) }
        : { status: 500, body: errorBody('internal_error', 'Internal server error') };
  }

  if (deps.latencyMs > 0) await (deps.sleep ?? sleep)(deps.latencyMs);
  entry.ms = Date.now() - started;
  if (entry.faulted === 'reset' || entry.faulted === 'lost') {
    // The connection drops without an answer; for `lost` the handler has already committed.
    req.socket.destroy();
    deps.onRequest?.(entry);
    return;
  }
  entry.status = result.status;
  send(res, result);
  deps.onRequest?.(entry);
}

/** Everything between reading the request and answering it; records faults and scope in `entry`. */
async function dispatch(deps: PipelineDeps, req: IncomingMessage, method: string, url: URL, entry: RequestLogEntry): Promise<EmuResult> {
  let raw: Buffer;
  try {
    raw = await readBody(req, isMultipart(req) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      throw new HttpError(413, 'payload_too_large', `Request body is larger than the ${isMultipart(req) ? '50mb' : '100kb'} limit`);
    }
    throw err;
  }
  const retryAfter = deps.limiter.check();
  if (retryAfter !== undefined) {
    entry.faulted = 'rate_limit';
    return tooMany(retryAfter);
  }
  const match = deps.router.match(method, url.pathname);
  if (match.kind === 'not_found') throw new HttpError(404, 'not_found', 'Resource not found');
  if (match.kind === 'method_not_allowed') {
    return { status: 405, body: errorBody('method_not_allowed', 'Method not allowed'), headers: { allow: match.allow.join(', ') } };
  }
  const principal = await authenticate(req.headers.authorization, deps.store.state.provisioning);
  entry.scope = principal.scope;
  authorize(match.route, match.params, principal);

  // Faults are drawn only for authenticated, authorized requests: a 401 stays a 401.
  const fault = deps.faults.next(match.route.mutates === true);
  if (fault) entry.faulted = fault;
  if (fault === '500') return { status: 500, body: errorBody('internal_error', 'Internal server error (injected fault)') };
  if (fault === '503') return { status: 503, body: errorBody('service_unavailable', 'Service unavailable (injected fault)') };
  if (fault === '429') return tooMany(1);
  if (fault === 'reset') return { status: 0 };
  return match.route.handler({
    method,
    path: url.pathname,
    params: match.params,
    query: url.searchParams,
    body: isMultipart(req) ? undefined : parseJson(raw, method),
    rawBody: raw,
    headers: req.headers,
    principal,
    baseUrl: publicBase(req, deps.baseUrl()),
  });
}

/**
 * The base URL for links and media URLs: the one the client used (its Host header), so that
 * links work through a port mapping (e.g. Docker) or a `localhost` name; else the bound address.
 */
function publicBase(req: IncomingMessage, bound: string): string {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host) ? `http://${host}` : bound;
}

function tooMany(retryAfter: number): EmuResult {
  return { status: 429, body: errorBody('too_many_requests', 'Too many requests'), headers: { 'retry-after': String(retryAfter) } };
}

function parseJson(raw: Buffer, method: string): unknown {
  if (raw.length === 0 || method === 'GET' || method === 'DELETE') return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_request', 'Invalid JSON body');
  }
}

function send(res: ServerResponse, result: EmuResult): void {
  const body = result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(body)),
    ...(result.headers ?? {}),
  });
  res.end(body);
}
