/**
 * The spec's retry policy (Webhooks tag, "Retry policy"): "A webhook call will be attempted
 * up to 5 times over a 15 minute window. The attempts will happen at an exponentially
 * increasing interval if the target responds with anything but a success (2XX) or a
 * non-recoverable error. If no response is received within 20 seconds, the call will be
 * considered a failure and will also be reattempted."
 */

export const MAX_ATTEMPTS = 5;
export const TIMEOUT_MS = 20_000;
/**
 * Delays of base, 2·base, 4·base and 8·base between the 5 attempts: 15·base in all, so a
 * one-minute base spans the spec's 15 minute window. `--webhook-retry-base-ms` compresses it.
 */
export const DEFAULT_RETRY_BASE_MS = 60_000;

/** "Non-recoverable Errors": 400, 401, 403, 404 and 406 are never retried. */
export const NON_RECOVERABLE = new Set([400, 401, 403, 404, 406]);

export type AttemptOutcome = { status: number } | { error: string };

export type Verdict = 'delivered' | 'retry' | 'failed';

export function verdict(outcome: AttemptOutcome, attempt: number): Verdict {
  if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) return 'delivered';
  if ('status' in outcome && NON_RECOVERABLE.has(outcome.status)) return 'failed';
  return attempt >= MAX_ATTEMPTS ? 'failed' : 'retry';
}

/** Milliseconds to wait before attempt `next` (2..MAX_ATTEMPTS). */
export function delayBefore(next: number, baseMs: number): number {
  return baseMs * 2 ** (next - 2);
}
