/**
 * A small promise pool: at most `limit` tasks run at once (--parallelism). Tasks may
 * schedule further tasks; `drain` waits for all of them and rethrows the first failure.
 */
export class PromisePool {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`pool limit must be a positive integer, got ${limit}`);
  }

  /** Runs `task` when a slot is free; the returned promise settles with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const p = new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.active++;
        task()
          .then(resolve, (e: unknown) => {
            this.failure ??= { error: e };
            reject(e);
          })
          .finally(() => {
            this.active--;
            this.queue.shift()?.();
          });
      };
      if (this.active < this.limit) start();
      else this.queue.push(start);
    });
    const tracked = p.catch(() => undefined);
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
