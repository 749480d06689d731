/**
 * A `*.localhost` name counts as local only when every address it resolves to is loopback:
 * a resolver that answers one loopback and one outside address (a rebinding trick) gets the
 * target refused. The resolver is replaced here, so no real lookup happens.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:dns/promises', () => ({
  lookup: vi.fn(async (name: string) => {
    if (name === 'mixed.localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '10.0.0.5', family: 4 }];
    if (name === 'outside.localhost') return [{ address: '192.168.1.20', family: 4 }];
    if (name === 'both.localhost') return [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }];
    if (name === 'none.localhost') return [];
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  }),
}));

const { loopbackAddresses } = await import('../../../src/emulator/webhooks/local-target.js');

describe('*.localhost targets, by what they resolve to', () => {
  it.each(['http://mixed.localhost/h', 'http://outside.localhost/h', 'http://none.localhost/h', 'http://gone.localhost/h'])('%s is refused', async (url) => {
    expect(await loopbackAddresses(url)).toBeUndefined();
  });

  it('all-loopback answers are used, and only they (the request is pinned to them)', async () => {
    expect(await loopbackAddresses('http://both.localhost./h')).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
  });
});
