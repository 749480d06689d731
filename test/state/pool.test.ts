import { describe, expect, it } from 'vitest';
import { PromisePool } from '../../src/state/pool.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('PromisePool', () => {
  it('never runs more than its limit at once, including tasks scheduled by tasks', async () => {
    const pool = new PromisePool(3);
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      await tick();
      running--;
      done.push(n);
      if (n < 5) void pool.run(task(n + 100));
    };
    for (let i = 0; i < 10; i++) void pool.run(task(i));
    await pool.drain();
    expect(peak).toBe(3);
    expect(done).toHaveLength(15);
  });

  it('drain rethrows the first failure after the others settle', async () => {
    const pool = new PromisePool(2);
    let finished = 0;
    void pool.run(async () => {
      await tick();
      throw new Error('boom');
    }).catch(() => undefined);
    void pool.run(async () => {
      await tick();
      await tick();
      finished++;
    });
    await expect(pool.drain()).rejects.toThrow('boom');
    expect(finished).toBe(1);
  });

  it('refuses a limit below 1', () => {
    expect(() => new PromisePool(0)).toThrow(RangeError);
  });
});
