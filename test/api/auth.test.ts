import { decodeProtectedHeader, jwtVerify } from 'jose';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { jwtScope } from '../../src/api/auth.js';
import { UserError } from '../../src/errors.js';
import { BASE, KEY, rejection, testClient, useNock } from './helpers.js';

useNock();

function captureAuth(count: number): string[] {
  const seen: string[] = [];
  nock(BASE)
    .get('/v2/apps/a')
    .times(count)
    .reply(function () {
      seen.push(String(this.req.headers.authorization));
      return [200, { app: { id: 'a' } }];
    });
  return seen;
}

describe('basic auth', () => {
  it('sends the exact Basic header of key id and secret', async () => {
    const seen = captureAuth(1);
    const { client } = testClient();
    await client.get('/v2/apps/a');
    expect(seen).toEqual([`Basic ${Buffer.from(`${KEY.keyId}:${KEY.secret}`).toString('base64')}`]);
  });

  it('uses per-call credentials from withCredentials', async () => {
    const seen = captureAuth(1);
    const { client } = testClient();
    await client.withCredentials({ keyId: 'app_other', secret: 'other-secret' }).get('/v2/apps/a');
    expect(seen).toEqual([`Basic ${Buffer.from('app_other:other-secret').toString('base64')}`]);
  });
});

describe('jwt auth', () => {
  const secretBytes = (s: string) => new TextEncoder().encode(s);

  it.each([
    ['act_abc', 'account'],
    ['svc_abc', 'account'],
    ['app_abc', 'app'],
    ['int_abc', 'integration'],
  ])('signs HS256 with kid and scope for %s', async (keyId, scope) => {
    const seen = captureAuth(1);
    const { client } = testClient({ auth: 'jwt', credentials: { keyId, secret: KEY.secret } });
    await client.get('/v2/apps/a');
    const token = seen[0]!.replace(/^Bearer /, '');
    expect(seen[0]).toMatch(/^Bearer /);
    const { payload, protectedHeader } = await jwtVerify(token, secretBytes(KEY.secret), { algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyId });
    expect(payload.scope).toBe(scope);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('a token signed with another secret does not verify (the test can fail)', async () => {
    const seen = captureAuth(1);
    const { client } = testClient({ auth: 'jwt' });
    await client.get('/v2/apps/a');
    await expect(jwtVerify(seen[0]!.slice(7), secretBytes('wrong'))).rejects.toThrow();
  });

  it('reuses the token across calls, and renews it shortly before exp', async () => {
    let clock = Date.UTC(2026, 0, 1, 12, 0, 0);
    const seen = captureAuth(4);
    const { client } = testClient({ auth: 'jwt', now: () => clock });
    await client.get('/v2/apps/a');
    clock += 10 * 60_000;
    await client.get('/v2/apps/a');
    expect(seen[1]).toBe(seen[0]);
    clock = Date.UTC(2026, 0, 1, 12, 59, 30); // 30 s before exp: too close, renew
    await client.get('/v2/apps/a');
    expect(seen[2]).not.toBe(seen[0]);
    const { payload } = await jwtVerify(seen[2]!.slice(7), secretBytes(KEY.secret), { currentDate: new Date(clock) });
    expect(payload.iat).toBe(Math.floor(clock / 1000));
    await client.get('/v2/apps/a');
    expect(seen[3]).toBe(seen[2]);
  });

  it('caches per credentials: another key gets its own token', async () => {
    const seen = captureAuth(2);
    const { client } = testClient({ auth: 'jwt' });
    await client.get('/v2/apps/a');
    await client.withCredentials({ keyId: 'int_xyz', secret: 'another-secret' }).get('/v2/apps/a');
    expect(decodeProtectedHeader(seen[0]!.slice(7)).kid).toBe(KEY.keyId);
    expect(decodeProtectedHeader(seen[1]!.slice(7)).kid).toBe('int_xyz');
  });

  it('refuses an unknown key id prefix before any request, suggesting basic', async () => {
    const { client } = testClient({ auth: 'jwt', credentials: { keyId: '5d8cff3c', secret: 'x' } });
    const err = await rejection(client.get('/v2/apps/a'));
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/act_.*svc_.*app_.*int_.*--auth basic/);
    expect(client.stats.requests).toBe(0);
    expect(() => jwtScope('key_1')).toThrow(UserError);
  });
});
