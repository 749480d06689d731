import { readFileSync } from 'node:fs';
import got from 'got';
import { UserError } from '../errors.js';
import { Authorizer } from './auth.js';
import type { LookupFunction } from 'node:net';
import { checkTransport, loopbackOnly, normalizeApiUrl } from './base-url.js';
import { DebugLog } from './debug-log.js';
import { apiErrorFromFault, apiErrorFromResponse, displayPath } from './error-mapping.js';
import { ApiError } from './errors.js';
import { paginate } from './paginate.js';
import { redactString, redactValue } from './redact.js';
import { buildUrl, encodeBody, parseBody } from './request-parts.js';
import { type Sleep, REFUSED_RETRIES, backoffDelay, defaultSleep, isTransientNetworkError, isTransientStatus, mayRetryFault, parseRetryAfter, retryPolicy } from './retry.js';
import type { ApiClient, ApiResponse, ClientOptions, ClientStats, Credentials, HttpMethod, RequestOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Test seams on top of the public options: time, randomness and sleeping are injectable. */
export interface CreateClientOptions extends ClientOptions {
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  /** Name resolution for the `localhost` transport check (tests inject one). */
  lookupAll?: (host: string) => Promise<string[]>;
}

interface Shared {
  options: CreateClientOptions;
  baseUrl: string;
  stats: ClientStats;
  authorizer: Authorizer;
  debug: DebugLog;
  secrets: Set<string>;
  userAgent: string;
  checkTransport: () => Promise<void>;
  /** For a `localhost` name over plain http: every connection's lookup keeps loopback addresses only. */
  dnsLookup: LookupFunction | undefined;
  /** Requests that have ended (answered or faulted), for onProgress. */
  ended: number;
}

type Attempt = { kind: 'answer'; status: number; statusText: string | undefined; headers: Record<string, string | string[] | undefined>; text: string } | { kind: 'fault'; error: unknown };

/** The SunCo v2 client: auth, retries, pagination, error mapping, redacted debug log. */
export function createClient(options: CreateClientOptions): ApiClient {
  const baseUrl = normalizeApiUrl(options.baseUrl);
  const pendingCheck = checkTransport(baseUrl, options.insecure, options.lookupAll);
  let transportChecked: Promise<void> | undefined;
  const secrets = new Set<string>();
  const shared: Shared = {
    options,
    baseUrl,
    stats: { requests: 0, retries: 0, waitedMs: 0 },
    authorizer: new Authorizer(options.auth, options.now),
    debug: new DebugLog(options.debug, () => secrets),
    secrets,
    userAgent: `sunco/${packageVersion()}`,
    // Once per client, before the first request carries credentials.
    checkTransport: () => (pendingCheck ? (transportChecked ??= pendingCheck()) : Promise.resolve()),
    dnsLookup: pendingCheck ? loopbackOnly() : undefined,
    ended: 0,
  };
  return clientWith(shared, options.credentials);
}

function clientWith(shared: Shared, credentials: Credentials | undefined): ApiClient {
  if (credentials) shared.secrets.add(credentials.secret);
  const client: ApiClient = {
    baseUrl: shared.baseUrl,
    stats: shared.stats,
    request: <T>(method: HttpMethod, path: string, opts: RequestOptions = {}) => send<T>(shared, credentials, method, path, opts),
    get: async <T>(path: string, opts?: RequestOptions) => (await client.request<T>('GET', path, opts)).body,
    post: async <T>(path: string, body?: unknown, opts?: RequestOptions) => (await client.request<T>('POST', path, { ...opts, body })).body,
    patch: async <T>(path: string, body?: unknown, opts?: RequestOptions) => (await client.request<T>('PATCH', path, { ...opts, body })).body,
    delete: async <T>(path: string, opts?: RequestOptions) => (await client.request<T>('DELETE', path, opts)).body,
    paginate: <T>(path: string, itemsKey: string, opts?: RequestOptions) => paginate<T>((p, o) => client.get(p, o), path, itemsKey, opts),
    listAll: async <T>(path: string, itemsKey: string, opts?: RequestOptions) => {
      const all: T[] = [];
      for await (const item of client.paginate<T>(path, itemsKey, opts)) all.push(item);
      return all;
    },
    withCredentials: (other: Credentials) => clientWith(shared, other),
  };
  return client;
}

async function send<T>(shared: Shared, own: Credentials | undefined, method: HttpMethod, path: string, opts: RequestOptions): Promise<ApiResponse<T>> {
  const { options, stats, debug } = shared;
  const credentials = opts.credentials ?? own;
  if (!credentials) {
    throw new UserError(`${method} ${displayPath(path)}: no API credentials. Set --key-id and --key-secret (or SUNCO_KEY_ID and SUNCO_KEY_SECRET).`);
  }
  shared.secrets.add(credentials.secret);
  await shared.checkTransport();
  const body = encodeBody(method, path, opts);
  // Secret values we send (tokens, passwords) are redacted wherever they are echoed back.
  if (opts.body !== undefined) redactValue(opts.body, shared.secrets);
  const url = buildUrl(shared.baseUrl, path, opts.query);
  const policy = retryPolicy(options.retry);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const start = now();
  let waited = 0;
  let refused = 0;

  const redact = (text: string) => redactString(text, shared.secrets);

  for (let attempt = 1; ; attempt++) {
    const authorization = await shared.authorizer.header(credentials);
    // The header value (base64 of id:secret, or the JWT) is as secret as the key itself.
    shared.secrets.add(authorization.replace(/^\S+ /, ''));
    const headers: Record<string, string> = {
      'user-agent': shared.userAgent,
      accept: 'application/json',
      ...(body ? { 'content-type': body.contentType } : {}),
      ...opts.headers,
      authorization,
    };
    stats.requests++;
    debug.request(method, url.href, attempt, body?.json, body && !body.json ? body.contentType : undefined);
    const sentAt = now();
    options.onProgress?.(stats.requests, shared.ended);
    const result = await attemptOnce(url, method, headers, body?.payload, timeoutMs, shared.dnsLookup);
    shared.ended++;
    options.onProgress?.(stats.requests, shared.ended);
    const ms = Math.max(0, now() - sentAt);

    let error: ApiError;
    let delay: number | undefined;
    let reason: string;
    if (result.kind === 'answer') {
      const { status } = result;
      if (status >= 200 && status < 300) {
        debug.response(method, url.href, status, ms, result.text);
        const parsed = parseBody(result.text);
        // Every success body in the spec is a JSON object (or empty); `null`, a number or a
        // list would only surface later as a crash far from the call that returned it.
        if (parsed === null || typeof parsed === 'number' || typeof parsed === 'boolean' || Array.isArray(parsed)) {
          throw new UserError(`${method} ${displayPath(path)}: the API answered ${status} with ${Array.isArray(parsed) ? 'a JSON list' : `JSON ${String(parsed)}`} where the spec has an object.`);
        }
        return { status, body: parsed as T, headers: result.headers };
      }
      if (method === 'DELETE' && status === 404 && attempt > 1) {
        // An earlier attempt deleted it and its answer was lost: the goal is reached.
        debug.response(method, url.href, status, ms, result.text, '(already deleted by an earlier attempt: success)');
        return { status, body: {} as T, headers: result.headers };
      }
      debug.response(method, url.href, status, ms, result.text);
      error = apiErrorFromResponse(method, path, { ...result, text: redact(result.text) });
      if (status === 429) {
        // 429 means "not processed", so even a POST may be repeated (RESOURCES.md "Errors").
        delay = parseRetryAfter(result.headers['retry-after'], now()) ?? backoffDelay(attempt - 1, policy, options.random);
      } else if (isTransientStatus(status, method) && mayRetryFault(method)) {
        delay = backoffDelay(attempt - 1, policy, options.random);
      }
      reason = `${status} ${error.code}`;
    } else {
      error = apiErrorFromFault(method, path, url.host, result.error, timeoutMs, redact);
      debug.fault(method, url.href, error.title, ms);
      const e = result.error as { code?: string; message?: string };
      if (mayRetryFault(method) && isTransientNetworkError(e.code, e.message ?? '')) delay = backoffDelay(attempt - 1, policy, options.random);
      reason = `${error.code}: ${error.title}`;
      if (e.code === 'ECONNREFUSED') {
        // Nobody listens at that URL: say so at once, retry a few times, then name the URL.
        if (delay === undefined || refused >= REFUSED_RETRIES || attempt >= policy.maxAttempts) {
          throw new ApiError({ status: 0, method, path: displayPath(path), code: 'connection_refused', title: `cannot connect to ${shared.baseUrl}: connection refused${refused > 0 ? ` (tried ${refused + 1} times)` : ''}. Is the API URL right, and is the server running?` });
        }
        refused++;
        options.notice?.(`${method} ${displayPath(path)}: ${url.origin} refused the connection, retrying (${refused}/${REFUSED_RETRIES})`);
      }
    }

    if (delay === undefined || attempt >= policy.maxAttempts) throw error;
    // The budget counts real elapsed time, and at least the time we chose to sleep (an injected sleep may not advance the clock).
    const spent = Math.max(now() - start, waited);
    if (spent + delay > policy.maxTotalMs) throw error;
    reason = `${reason} (attempt ${attempt} of ${policy.maxAttempts})`;
    debug.wait(delay, reason);
    options.onWait?.(delay, reason);
    stats.retries++;
    stats.waitedMs += delay;
    waited += delay;
    await sleep(delay);
  }
}

async function attemptOnce(url: URL, method: HttpMethod, headers: Record<string, string>, body: string | Buffer | undefined, timeoutMs: number, dnsLookup: LookupFunction | undefined): Promise<Attempt> {
  try {
    const res = await got(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      // We run our own retry loop: got's would retry without our POST rule and stats.
      retry: { limit: 0 },
      throwHttpErrors: false,
      // Never carry credentials to wherever a redirect points.
      followRedirect: false,
      timeout: { request: timeoutMs },
      responseType: 'text',
      ...(dnsLookup ? { dnsLookup } : {}),
    });
    return { kind: 'answer', status: res.statusCode, statusText: res.statusMessage, headers: res.headers, text: res.body };
  } catch (error) {
    return { kind: 'fault', error };
  }
}

let version: string | undefined;
function packageVersion(): string {
  // Two folders below the package root both in src/api (tests) and dist/api (installed).
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
