/**
 * Fault injection, seeded so that a run can be replayed: the same seed and the same
 * sequence of requests give the same faults.
 */

/** mulberry32: a tiny, well-known 32-bit PRNG (uniform floats in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * - `500`, `503`: an error answer, the request is not executed;
 * - `reset`: the socket is destroyed before the request is executed;
 * - `429`: a spurious rate limit, not executed;
 * - `lost`: (mutating routes only) executed and committed, then the socket is destroyed.
 */
export type FaultKind = '500' | '503' | 'reset' | '429' | 'lost';

export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** Draws whether this request is faulted and how. Draws nothing when the rate is 0. */
  next(mutates: boolean): FaultKind | undefined {
    if (this.rate <= 0) return undefined;
    if (this.random() >= this.rate) return undefined;
    const kinds: FaultKind[] = mutates ? ['500', '503', 'reset', '429', 'lost'] : ['500', '503', 'reset', '429'];
    return kinds[Math.floor(this.random() * kinds.length)] ?? '500';
  }
}

/** A fixed one-second window: beyond `limit` requests in the current second → 429. */
export class RateLimiter {
  private window = -1;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Undefined when allowed, else the Retry-After seconds (integer ≥ 1). */
  check(): number | undefined {
    if (this.limit <= 0) return undefined;
    const t = this.now();
    const w = Math.floor(t / 1000);
    if (w !== this.window) {
      this.window = w;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= this.limit) return undefined;
    return Math.max(1, Math.ceil(((w + 1) * 1000 - t) / 1000));
  }
}
