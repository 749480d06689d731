/**
 * The state reader's request pool: at most `limit` tasks run at once (--parallelism), via
 * p-limit. Tasks may schedule further tasks; `drain` waits for all of them and rethrows the
 * first failure.
 */
import pLimit, { type LimitFunction } from 'p-limit';

export class PromisePool {
  private readonly limit: LimitFunction;
  private readonly pending = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`pool limit must be a positive integer, got ${limit}`);
    this.limit = pLimit(limit);
  }

  /** Runs `task` when a slot is free; the returned promise settles with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const p = this.limit(task);
    const tracked = p.catch((e: unknown) => {
      this.failure ??= { error: e };
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return p;
  }

  /** Waits until no task is queued or running; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    if (this.failure) throw this.failure.error;
  }
}
