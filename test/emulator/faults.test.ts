import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, mulberry32, type FaultKind } from '../../src/emulator/faults.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { caller, start } from '../helpers/emulator.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** The first seed whose first draw (rate 1, mutating route) is `kind`: replaying a seed replays its faults. */
function seedFor(kind: FaultKind): number {
  for (let seed = 1; seed < 1000; seed++) if (new FaultInjector(1, seed).next(true) === kind) return seed;
  throw new Error(`no seed for ${kind}`);
}

describe('seeded faults', () => {
  it('the same seed gives the same sequence of faults', () => {
    const a = new FaultInjector(0.5, 42);
    const b = new FaultInjector(0.5, 42);
    const seqA = Array.from({ length: 50 }, () => a.next(true));
    expect(Array.from({ length: 50 }, () => b.next(true))).toEqual(seqA);
    expect(seqA.some((k) => k === undefined)).toBe(true);
    expect(seqA.some((k) => k !== undefined)).toBe(true);
    expect(mulberry32(7)()).toBe(mulberry32(7)());
  });

  it('committed-then-lost: the write happens, the socket is destroyed without a response', async () => {
    emu = await start({ faultRate: 1, seed: seedFor('lost') });
    const call = caller(emu);
    await expect(call('POST', '/v2/apps', { body: { displayName: 'lost app' } })).rejects.toThrow();
    expect(emu.store.state.provisioning.apps.map((a) => a.displayName)).toEqual(['lost app']);
    expect(emu.requestLog).toEqual([expect.objectContaining({ method: 'POST', path: '/v2/apps', status: 0, faulted: 'lost' })]);
  });

  it('connection reset: nothing is executed', async () => {
    emu = await start({ faultRate: 1, seed: seedFor('reset') });
    await expect(caller(emu)('POST', '/v2/apps', { body: { displayName: 'x' } })).rejects.toThrow();
    expect(emu.store.state.provisioning.apps).toEqual([]);
    expect(emu.requestLog[0]).toMatchObject({ status: 0, faulted: 'reset' });
  });

  for (const [kind, status, code] of [['500', 500, 'internal_error'], ['503', 503, 'service_unavailable'], ['429', 429, 'too_many_requests']] as const) {
    it(`${kind} fault: answered with the error body, not executed`, async () => {
      emu = await start({ faultRate: 1, seed: seedFor(kind) });
      const r = await caller(emu)('POST', '/v2/apps', { body: { displayName: 'x' } });
      expect(r.status).toBe(status);
      expect(r.body.errors[0].code).toBe(code);
      if (kind === '429') expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(emu.store.state.provisioning.apps).toEqual([]);
      expect(emu.requestLog[0]).toMatchObject({ status, faulted: kind });
    });
  }

  it('over HTTP, the same seed and the same requests replay the same faults and the same state', async () => {
    const run = async () => {
      const e = await start({ faultRate: 0.5, seed: 1234 });
      const call = caller(e);
      for (let i = 0; i < 12; i++) {
        await call('POST', '/v2/apps', { body: { displayName: `app ${i}` } }).catch(() => undefined);
        await call('GET', '/v2/apps').catch(() => undefined);
      }
      const outcome = { log: e.requestLog.map((x) => [x.method, x.status, x.faulted ?? null]), apps: e.store.state.provisioning.apps.map((a) => a.displayName) };
      await e.close();
      return outcome;
    };
    const first = await run();
    expect(first.log.some(([, , f]) => f !== null)).toBe(true);
    expect(first.log.some(([, , f]) => f === null)).toBe(true);
    expect(await run()).toEqual(first);
  });

  it('read-only routes never get the committed-then-lost fault', () => {
    const f = new FaultInjector(1, 3);
    const kinds = new Set(Array.from({ length: 200 }, () => f.next(false)));
    expect(kinds.has('lost')).toBe(false);
    expect([...kinds].sort()).toEqual(['429', '500', '503', 'reset']);
  });

  it('fault rate 0 never faults', async () => {
    emu = await start({ faultRate: 0, seed: 1 });
    const call = caller(emu);
    for (let i = 0; i < 20; i++) expect((await call('GET', '/v2/apps')).status).toBe(200);
    expect(emu.requestLog.every((e) => e.faulted === undefined)).toBe(true);
    expect(emu.requestCount()).toBe(20);
    emu.resetLog();
    expect(emu.requestCount()).toBe(0);
  });
});

describe('rate limit', () => {
  it('beyond N requests in the current second → 429 too_many_requests with Retry-After; the next second is fresh', async () => {
    let now = 10_000_250;
    emu = await start({ rateLimit: 2, now: () => now });
    const call = caller(emu);
    expect((await call('GET', '/v2/apps')).status).toBe(200);
    expect((await call('GET', '/v2/apps')).status).toBe(200);
    const limited = await call('GET', '/v2/apps');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errors: [{ code: 'too_many_requests', title: 'Too many requests' }] });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(emu.requestLog[2]).toMatchObject({ status: 429, faulted: 'rate_limit' });
    now += 1000;
    expect((await call('GET', '/v2/apps')).status).toBe(200);
  });
});

describe('latency', () => {
  it('holds every response until the latency has passed, and records it in the request log', async () => {
    // An injected sleep that the test ends by hand: no real-time wait, and the order is observable.
    const sleeps: number[] = [];
    let began: (end: () => void) => void = () => {};
    emu = await start({ latencyMs: 25, sleep: (ms) => new Promise<void>((end) => (sleeps.push(ms), began(end))) });
    const call = caller(emu);
    for (const [path, status] of [['/v2/apps', 200], ['/v2/unknown', 404]] as const) {
      const sleeping = new Promise<() => void>((r) => (began = r));
      const pending = call('GET', path);
      // The response must wait for the sleep: the sleep begins first, and the answer only after it ends.
      const first = await Promise.race([sleeping, pending.then(() => 'answered before the latency' as const)]);
      expect(first).not.toBe('answered before the latency');
      (first as () => void)();
      expect((await pending).status).toBe(status);
    }
    expect(sleeps).toEqual([25, 25]);
    expect(emu.requestLog.map((e) => [e.status, e.latencyMs])).toEqual([
      [200, 25],
      [404, 25],
    ]);
  });
});

describe('request log', () => {
  it('is bounded by requestLogLimit while requestCount keeps counting', async () => {
    emu = await start({ requestLogLimit: 4 });
    const call = caller(emu);
    for (let i = 0; i < 7; i++) await call('GET', `/v2/apps?i=${i}`);
    expect(emu.requestCount()).toBe(7);
    expect(emu.requestLog.length).toBeLessThanOrEqual(4);
    expect(emu.requestLog[emu.requestLog.length - 1]).toMatchObject({ query: 'i=6', status: 200 });
  });
});
