import { describe, expect, it } from 'vitest';
import { isLoopback, loopbackAddresses } from '../../../src/emulator/webhooks/local-target.js';
import { delayBefore, MAX_ATTEMPTS, verdict } from '../../../src/emulator/webhooks/retry-policy.js';

describe('loopback targets', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s is loopback', (ip) => expect(isLoopback(ip)).toBe(true));
  it.each(['0.0.0.0', '10.0.0.1', '192.168.1.1', '::', 'fe80::1', '::ffff:10.0.0.1', 'localhost'])('%s is not', (ip) => expect(isLoopback(ip)).toBe(false));

  it('accepts IP literals in URLs, including bracketed IPv6', async () => {
    expect(await loopbackAddresses('http://127.0.0.1:3000/hook')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await loopbackAddresses('https://[::1]:3000/hook')).toEqual([{ address: '::1', family: 6 }]);
  });

  it('refuses other hosts without looking them up, and non-http URLs', async () => {
    for (const t of ['https://bot.example/hook', 'http://10.0.0.1/', 'ftp://127.0.0.1/', 'not a url', 'http://localhost.example.com/']) {
      expect(await loopbackAddresses(t)).toBeUndefined();
    }
  });

  // The URL parser normalizes these before the check: ::ffff:127.0.0.1 becomes ::ffff:7f00:1,
  // 2130706433 and 0x7f000001 become 127.0.0.1. The check must read the normalized forms right.
  it.each([
    ['http://[::ffff:127.0.0.1]:3000/h', '::ffff:7f00:1'],
    ['http://[::ffff:7f00:1]/h', '::ffff:7f00:1'],
    ['http://2130706433/h', '127.0.0.1'],
    ['http://0x7f000001/h', '127.0.0.1'],
    ['http://127.0.0.2/h', '127.0.0.2'],
  ])('%s is a loopback target (%s)', async (url, address) => {
    expect((await loopbackAddresses(url))?.map((a) => a.address)).toEqual([address]);
  });

  it.each(['http://[::ffff:10.0.0.1]/h', 'http://[::ffff:a00:1]/h', 'http://[::ffff:8.8.8.8]/h', 'http://0.0.0.0/h', 'http://167772161/h', 'http://0xa000001/h', 'http://[::]/h'])(
    '%s is not a loopback target',
    async (url) => expect(await loopbackAddresses(url)).toBeUndefined(),
  );

  it('accepts localhost only through addresses that are all loopback', async () => {
    const addrs = await loopbackAddresses('http://localhost:1/');
    expect(addrs?.length).toBeGreaterThan(0);
    for (const a of addrs ?? []) expect(isLoopback(a.address)).toBe(true);
  });
});

describe('retry policy', () => {
  it('waits base, 2·base, 4·base, 8·base: 15 minutes in all with the default one-minute base', () => {
    const delays = [2, 3, 4, 5].map((n) => delayBefore(n, 60_000));
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(delays.reduce((a, b) => a + b)).toBe(15 * 60_000);
  });

  it('retries anything but 2xx and the non-recoverable statuses, up to 5 attempts', () => {
    expect(verdict({ status: 204 }, 1)).toBe('delivered');
    expect(verdict({ status: 500 }, 1)).toBe('retry');
    expect(verdict({ status: 429 }, 4)).toBe('retry');
    expect(verdict({ status: 302 }, 1)).toBe('retry');
    expect(verdict({ error: 'ECONNREFUSED' }, 1)).toBe('retry');
    expect(verdict({ status: 500 }, MAX_ATTEMPTS)).toBe('failed');
    for (const s of [400, 401, 403, 404, 406]) expect(verdict({ status: s }, 1)).toBe('failed');
  });
});
