import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { basic, caller, createApp, createCustom, jwtFor, start, type Call, type Creds } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
let appA: string;
let appB: string;
let appKey: Creds;
let bot: { id: string; webhookId: string };
let other: { id: string; webhookId: string };
let intKey: Creds;

beforeAll(async () => {
  emu = await start();
  call = caller(emu);
  appA = await createApp(call, 'A');
  appB = await createApp(call, 'B');
  const k = await call('POST', `/v2/apps/${appA}/keys`, { body: { displayName: 'deployer' } });
  appKey = { keyId: k.body.key.id, secret: k.body.key.secret };
  bot = await createCustom(call, appA, 'bot');
  other = await createCustom(call, appA, 'other');
  const ik = await call('POST', `/v2/apps/${appA}/integrations/${bot.id}/keys`, { body: { displayName: 'runtime' } });
  intKey = { keyId: ik.body.key.id, secret: ik.body.key.secret };
});
afterAll(() => emu.close());

const UNAUTHORIZED = expect.objectContaining({ errors: [expect.objectContaining({ code: 'unauthorized' })] });
const FORBIDDEN = { errors: [{ code: 'forbidden', title: 'Forbidden' }] };

describe('authentication', () => {
  it('key ids carry their scope prefix', () => {
    expect(appKey.keyId).toMatch(/^app_/);
    expect(intKey.keyId).toMatch(/^int_/);
  });

  it('Basic with the account key works; missing auth → 401', async () => {
    expect((await call('GET', '/v2/apps')).status).toBe(200);
    const r = await call('GET', '/v2/apps', { auth: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ errors: [{ code: 'unauthorized', title: 'Authorization is required' }] });
  });

  it('bad secret, unknown key, malformed header → 401 unauthorized', async () => {
    for (const authorization of [basic({ keyId: 'act_test', secret: 'wrong' }), basic({ keyId: 'act_nope', secret: 'test-secret' }), 'Basic !!!', 'Token abc']) {
      const r = await call('GET', '/v2/apps', { authorization });
      expect(r.status, authorization).toBe(401);
      expect(r.body).toEqual(UNAUTHORIZED);
    }
  });

  it('JWT HS256 with kid and the right scope claim works', async () => {
    expect((await call('GET', '/v2/apps', { jwt: { scope: 'account' } })).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}`, { auth: appKey, jwt: { scope: 'app' } })).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}/integrations/${bot.id}/webhooks`, { auth: intKey, jwt: { scope: 'integration' } })).status).toBe(200);
  });

  it('JWT: alg none, bad signature, wrong secret, unknown kid, missing kid, wrong or missing scope claim, expired → 401', async () => {
    const none = new UnsecuredJWT({ scope: 'account' }).encode();
    const [h, p] = none.split('.');
    const noneWithKid = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'act_test' })).toString('base64url')}.${p}.`;
    const wrongSecret = await jwtFor({ keyId: 'act_test', secret: 'not-the-secret' }, 'account');
    const good = await jwtFor(emu.accountKey, 'account');
    const tampered = `${good.slice(0, -4)}AAAA`;
    const unknownKid = await jwtFor({ keyId: 'act_unknown', secret: 'test-secret' }, 'account');
    const noKid = `Bearer ${await new SignJWT({ scope: 'account' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('test-secret'))}`;
    const hs512 = `Bearer ${await new SignJWT({ scope: 'account' })
      .setProtectedHeader({ alg: 'HS512', kid: 'act_test' })
      .sign(new TextEncoder().encode('test-secret'.padEnd(64, 'x')))}`;
    const wrongScope = await jwtFor(emu.accountKey, 'app');
    const noScope = `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'act_test' }).sign(new TextEncoder().encode('test-secret'))}`;
    const expired = `Bearer ${await new SignJWT({ scope: 'account' })
      .setProtectedHeader({ alg: 'HS256', kid: 'act_test' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode('test-secret'))}`;
    const cases = { none: `Bearer ${none}`, noneWithKid: `Bearer ${noneWithKid}`, wrongSecret, tampered, unknownKid, noKid, hs512, wrongScope, noScope, expired, garbage: `Bearer ${h}` };
    for (const [name, authorization] of Object.entries(cases)) {
      const r = await call('GET', '/v2/apps', { authorization });
      expect(r.status, name).toBe(401);
      expect(r.body, name).toEqual(UNAUTHORIZED);
    }
  });
});

describe('scopes', () => {
  it('account key: everything', async () => {
    expect((await call('GET', `/v2/apps/${appB}/integrations`)).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}/integrations/${bot.id}/webhooks`)).status).toBe(200);
  });

  it('app key: own app ok; apps list, app create/delete, app keys and other apps → 403', async () => {
    const asApp = { auth: appKey };
    expect((await call('GET', `/v2/apps/${appA}`, asApp)).status).toBe(200);
    expect((await call('PATCH', `/v2/apps/${appA}`, { ...asApp, body: { displayName: 'A2' } })).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}/integrations`, asApp)).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}/integrations/${bot.id}/webhooks`, asApp)).status).toBe(200);
    expect((await call('POST', `/v2/apps/${appA}/switchboards`, asApp)).status).toBe(201);
    const denied: [string, string, unknown?][] = [
      ['GET', '/v2/apps'],
      ['POST', '/v2/apps', { displayName: 'x' }],
      ['DELETE', `/v2/apps/${appA}`],
      ['GET', `/v2/apps/${appA}/keys`],
      ['POST', `/v2/apps/${appA}/keys`, { displayName: 'x' }],
      ['GET', `/v2/apps/${appB}`],
      ['GET', `/v2/apps/${appB}/integrations`],
      ['GET', '/v2/apps/000000000000000000000000'],
    ];
    for (const [m, p, body] of denied) {
      const r = await call(m, p, { ...asApp, ...(body ? { body } : {}) });
      expect(r.status, `${m} ${p}`).toBe(403);
      expect(r.body).toEqual(FORBIDDEN);
    }
  });

  it('integration key: its own webhooks only', async () => {
    const asInt = { auth: intKey };
    const own = await call('GET', `/v2/apps/${appA}/integrations/${bot.id}/webhooks`, asInt);
    expect(own.status).toBe(200);
    expect(own.body.webhooks.map((w: { id: string }) => w.id)).toEqual([bot.webhookId]);
    const denied = [
      `/v2/apps/${appA}/integrations/${other.id}/webhooks`,
      `/v2/apps/${appA}/integrations`,
      `/v2/apps/${appA}/integrations/${bot.id}`,
      `/v2/apps/${appA}/integrations/${bot.id}/keys`,
      `/v2/apps/${appA}`,
      `/v2/apps/${appA}/switchboards`,
      `/v2/apps/${appB}/integrations/${bot.id}/webhooks`,
    ];
    for (const p of denied) {
      const r = await call('GET', p, asInt);
      expect(r.status, p).toBe(403);
      expect(r.body).toEqual(FORBIDDEN);
    }
  });

  it('the request log records the scope', async () => {
    emu.resetLog();
    await call('GET', `/v2/apps/${appA}`, { auth: appKey });
    expect(emu.requestLog).toEqual([expect.objectContaining({ method: 'GET', path: `/v2/apps/${appA}`, status: 200, scope: 'app' })]);
  });

  it('a deleted key stops working', async () => {
    const k = await call('POST', `/v2/apps/${appA}/keys`, { body: { displayName: 'temp' } });
    const creds = { keyId: k.body.key.id, secret: k.body.key.secret };
    expect((await call('GET', `/v2/apps/${appA}`, { auth: creds })).status).toBe(200);
    expect((await call('DELETE', `/v2/apps/${appA}/keys/${creds.keyId}`)).status).toBe(200);
    expect((await call('GET', `/v2/apps/${appA}`, { auth: creds })).status).toBe(401);
  });
});
