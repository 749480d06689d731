import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { ApiError } from '../../src/api/errors.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

/** The client against the real local emulator (127.0.0.1, port 0): auth, pagination, 429s. */
describe('client ↔ emulator', () => {
  let emu: RunningEmulator;
  let clock = Date.now();
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, rateLimit: 3, now: () => clock });
  });
  afterAll(() => emu.close());

  // The emulator's rate-limit window follows the same fake clock the client sleeps on.
  const sleep = async (ms: number) => {
    clock += ms;
  };

  it('JWT (account scope) is accepted; lists paginate over 3 pages', async () => {
    const waits: number[] = [];
    const client = createClient({ baseUrl: emu.url, auth: 'jwt', credentials: emu.accountKey, sleep, onWait: (ms) => waits.push(ms) });
    for (let i = 0; i < 205; i++) await client.post('/v2/apps', { displayName: `app ${String(i).padStart(3, '0')}` });
    const apps = await client.listAll<{ displayName: string }>('/v2/apps', 'apps');
    expect(apps).toHaveLength(205);
    expect(new Set(apps.map((a) => a.displayName)).size).toBe(205);
    const lists = emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/v2/apps' && e.status === 200);
    expect(lists).toHaveLength(3);
    const queries = lists.map((e) => new URLSearchParams(e.query));
    expect(queries.map((q) => q.get('page[size]'))).toEqual(['100', '100', '100']);
    expect(queries[0]!.get('page[after]')).toBeNull();
    expect(queries[1]!.get('page[after]')).toBeTruthy();
    expect(queries[2]!.get('page[after]')).not.toBe(queries[1]!.get('page[after]'));
    expect(lists.every((e) => e.scope === 'account')).toBe(true);
    // 3 requests per second allowed: the POSTs were throttled with 429 + Retry-After and retried.
    expect(client.stats.retries).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 1000 && ms % 1000 === 0)).toBe(true);
    expect(client.stats.requests).toBe(205 + 3 + client.stats.retries);
  });

  it('basic auth with a wrong secret is a 401 ApiError', async () => {
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: { keyId: emu.accountKey.keyId, secret: 'wrong' }, sleep, now: () => clock });
    const err = (await client.get('/v2/apps').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', method: 'GET', path: '/v2/apps' });
  });
});
