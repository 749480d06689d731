/**
 * Red-team of "*.localhost counts as loopback only if it resolves to loopback" (issue 14): the
 * name was checked once, then resolved again by each connection, so an answer that changed
 * after the check (an /etc/hosts edit, a rebinding resolver) sent the credentials elsewhere.
 * Each connection's lookup now keeps loopback addresses only.
 */
import type { LookupAddress, lookup } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackOnly } from '../../src/api/base-url.js';
import { createClient } from '../../src/api/client.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

/** A resolver whose answer is fixed by the test. */
function resolver(addresses: LookupAddress[]): typeof lookup {
  return ((_host: string, _options: unknown, callback: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => callback(null, addresses)) as unknown as typeof lookup;
}

function resolve(fn: ReturnType<typeof loopbackOnly>, all: boolean): Promise<{ err: NodeJS.ErrnoException | null; result: unknown }> {
  return new Promise((done) => fn('evil.localhost', { all }, (err, address, family) => done({ err, result: all ? address : { address, family } })));
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

describe('each connection to a localhost name is pinned to loopback', () => {
  it('an answer that turned into an outside address is refused at connect time', async () => {
    const { err } = await resolve(loopbackOnly(resolver([{ address: '10.1.2.3', family: 4 }])), false);
    expect(err?.code).toBe('ENOTFOUND');
    expect(err?.message).toBe('evil.localhost no longer resolves to a loopback address: refusing to send credentials over plain http');
  });

  it('a mixed answer keeps only its loopback addresses', async () => {
    const mixed = resolver([{ address: '10.1.2.3', family: 4 }, { address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
    expect((await resolve(loopbackOnly(mixed), false)).result).toEqual({ address: '127.0.0.1', family: 4 });
    expect((await resolve(loopbackOnly(mixed), true)).result).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
  });

  it('a real localhost URL still works end to end through the pinned lookup', async () => {
    const url = emu.url.replace('127.0.0.1', 'localhost');
    const client = createClient({ baseUrl: url, auth: 'basic', credentials: emu.accountKey, lookupAll: async () => ['127.0.0.1'] });
    expect(await client.get('/v2/apps')).toMatchObject({ apps: [] });
  });
});
