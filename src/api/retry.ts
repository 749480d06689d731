import type { HttpMethod, RetryPolicy } from './types.js';

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, maxTotalMs: 60_000, baseDelayMs: 200, maxDelayMs: 10_000 };

export function retryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const p = { ...DEFAULT_RETRY, ...definedOnly(partial ?? {}) };
  return { ...p, maxAttempts: Math.max(1, Math.floor(p.maxAttempts)) };
}

/** Full jitter (AWS architecture blog): random(0, min(max, base * 2^retry)). `retry` counts from 0. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns ms to
 * wait, or undefined when absent or unparseable (then the caller backs off instead).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Transient network faults: the request may not have reached the server, or its answer was lost. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * A refused connection means nobody listens there (a wrong URL or port, a server that is down):
 * retrying for the whole budget would only keep the user waiting in silence. A few quick
 * retries cover a server that is just starting.
 */
export const REFUSED_RETRIES = 3;

export function isTransientNetworkError(code: string | undefined, message: string): boolean {
  return (code !== undefined && TRANSIENT_CODES.has(code)) || /socket hang up|timeout|timed out/i.test(message);
}

/**
 * 502/503/504 mean "not done, try again". A 500 may have been half-done, so it is retried
 * only for GET, which changes nothing: one 500 among a plan's many list calls would
 * otherwise fail the whole read.
 */
export function isTransientStatus(status: number, method: HttpMethod): boolean {
  return status === 502 || status === 503 || status === 504 || (status === 500 && method === 'GET');
}

/**
 * A POST is never repeated after a fault: it may have been committed with its answer lost,
 * and POSTs create things. A 429 is the exception: SunCo did not process the request.
 */
export function mayRetryFault(method: HttpMethod): boolean {
  return method !== 'POST';
}

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let currentSleep: Sleep = realSleep;

/**
 * Module-level hook so tests that build clients indirectly (e.g. through the CLI) need not
 * really wait. Returns a function that restores the previous sleep.
 */
export function setSleep(sleep: Sleep): () => void {
  const previous = currentSleep;
  currentSleep = sleep;
  return () => {
    currentSleep = previous;
  };
}

export function defaultSleep(ms: number): Promise<void> {
  return currentSleep(ms);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
