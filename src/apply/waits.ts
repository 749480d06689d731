/**
 * How long a run was held up by retry waits, split into rate limits (429: the API asked us to
 * slow down; we sleep for its Retry-After or our backoff) and transient faults (5xx, resets).
 * An apply that was slowed down says so in its summary instead of just looking slow.
 *
 * Concurrent requests sleep at the same time, so summing their delays would overstate it
 * (8 requests sleeping 1 s each is 1 s of waiting, not 8): the totals are the length of the
 * union of the waiting intervals, i.e. wall-clock time during which some request was waiting.
 */
export interface WaitTotals {
  /** Wall-clock ms during which at least one request was waiting to retry, and the retries. */
  ms: number;
  retries: number;
  /** The same for waits that followed a 429 Too Many Requests. */
  rateLimitMs: number;
  rateLimitRetries: number;
}

/** Length of a union of intervals that arrive in order of their start. */
class Union {
  total = 0;
  private until = -Infinity;

  add(start: number, ms: number): void {
    const end = start + ms;
    if (end <= this.until) return;
    this.total += end - Math.max(start, this.until);
    this.until = end;
  }
}

export class WaitTally {
  private readonly all = new Union();
  private readonly rateLimited = new Union();
  private retries = 0;
  private rateLimitRetries = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** ClientOptions.onWait, called just before each sleep; `reason` starts with the HTTP status (src/api/client.ts). */
  readonly onWait = (ms: number, reason: string): void => {
    const t = this.now();
    this.all.add(t, ms);
    this.retries += 1;
    if (/^429\b/.test(reason)) {
      this.rateLimited.add(t, ms);
      this.rateLimitRetries += 1;
    }
  };

  get totals(): WaitTotals {
    return {
      ms: Math.round(this.all.total),
      retries: this.retries,
      rateLimitMs: Math.round(this.rateLimited.total),
      rateLimitRetries: this.rateLimitRetries,
    };
  }
}
