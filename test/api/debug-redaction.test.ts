import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { bodySnippet } from '../../src/api/error-mapping.js';
import { redactValue } from '../../src/api/redact.js';
import { recordKey } from '../../src/resources/sensitive-record.js';
import { resetSecretMask } from '../../src/secret-mask.js';
import { BASE, KEY, rejection, testClient, useNock } from './helpers.js';

useNock();

const WEBHOOK_SECRET = 'whsec-7f3a9c1e5b2d4f6a8c0e';
const AUTH_TOKEN = 'twilio-token-0a1b2c3d4e5f';
const APP_KEY_SECRET = 'appkey-secret-9z8y7x6w5v4u';
const PASSWORD = 'pa55w0rd-value-qwerty';

describe('--debug output', () => {
  it('logs method, URL, status and duration, and no secret anywhere', async () => {
    nock(BASE)
      .post('/v2/apps/a/integrations', (b: Record<string, unknown>) => b.authToken === AUTH_TOKEN)
      .reply(201, { integration: { id: 'i1', type: 'twilio', authToken: AUTH_TOKEN, displayName: 'SMS' } })
      .post('/v2/apps/a/integrations/i1/webhooks')
      .reply(201, { webhook: { id: 'w1', target: 'https://bot.example/x', secret: WEBHOOK_SECRET } })
      .post('/v2/apps/a/keys')
      .reply(201, { key: { id: 'app_k', displayName: 'ci', secret: APP_KEY_SECRET } })
      .patch('/v2/apps/a/integrations/i2')
      .reply(400, { errors: [{ code: 'bad_request', title: `invalid password ${PASSWORD} and key ${KEY.secret}` }] })
      .get('/v2/apps/a')
      .query(true)
      .reply(503, `<html>oops token=${AUTH_TOKEN} echo ${KEY.secret}</html>`)
      .get('/v2/apps/a')
      .query(true)
      .reply(200, { app: { id: 'a', metadata: { note: `contains ${KEY.secret}` } } });

    const { client, debug } = testClient();
    await client.post('/v2/apps/a/integrations', { type: 'twilio', accountSid: 'AC1', authToken: AUTH_TOKEN, nested: [{ password: PASSWORD }] });
    await client.post('/v2/apps/a/integrations/i1/webhooks', { target: 'https://bot.example/x', triggers: ['conversation:message'] });
    await client.post('/v2/apps/a/keys', { displayName: 'ci' });
    const err = await rejection(client.patch('/v2/apps/a/integrations/i2', { serverKey: 'fcm-server-key-abcdef', certificate: 'MIIB-cert-data' }));
    await client.get('/v2/apps/a', { query: { q: KEY.secret } });

    const out = debug.join('\n');
    for (const secret of [WEBHOOK_SECRET, AUTH_TOKEN, APP_KEY_SECRET, PASSWORD, KEY.secret, 'fcm-server-key-abcdef', 'MIIB-cert-data', encodeURIComponent(KEY.secret)]) {
      expect(out).not.toContain(secret);
    }
    const basic = Buffer.from(`${KEY.keyId}:${KEY.secret}`).toString('base64');
    expect(out).not.toContain(basic);
    expect(out).not.toMatch(/authorization|Basic |Bearer /i);
    // The error shown to the user does not echo the key secret either.
    expect((err as Error).message).not.toContain(KEY.secret);

    expect(out).toContain('→ POST https://api.smooch.io/v2/apps/a/integrations');
    expect(out).toMatch(/← 201 POST https:\/\/api\.smooch\.io\/v2\/apps\/a\/integrations \d+ ms/);
    expect(out).toMatch(/← 400 PATCH https:\/\/api\.smooch\.io\/v2\/apps\/a\/integrations\/i2 \d+ ms/);
    expect(out).toMatch(/← 503 GET https:\/\/api\.smooch\.io\/v2\/apps\/a\?q=\(redacted\) \d+ ms/);
    expect(out).toMatch(/← 200 GET .*\/v2\/apps\/a/);
    expect(out).toContain('"authToken":"(redacted)"');
    expect(out).toContain('"secret":"(redacted)"');
    expect(out).toContain('"accountSid":"AC1"'); // non-secret fields stay readable
    expect(out).toMatch(/waiting \d+ ms before retrying: 503/);
    // One line per request and per response (plus the retry wait).
    expect(debug.filter((l) => l.includes('→ '))).toHaveLength(6);
    expect(debug.filter((l) => l.includes('← '))).toHaveLength(6);
  });

  it('redacts the JWT it signs as well', async () => {
    let token = '';
    nock(BASE)
      .get('/v2/apps/a')
      .reply(function () {
        token = String(this.req.headers.authorization).slice(7);
        return [200, { echo: token }];
      });
    const { client, debug } = testClient({ auth: 'jwt' });
    await client.get('/v2/apps/a');
    expect(token.length).toBeGreaterThan(20);
    expect(debug.join('\n')).not.toContain(token);
  });

  it('logs nothing when debug is off', async () => {
    nock(BASE).get('/v2/apps/a').reply(200, {});
    const { client, debug } = testClient({ debug: undefined });
    await client.get('/v2/apps/a');
    expect(debug).toEqual([]);
  });

  it('redactValue matches secret-looking keys recursively, keeping the rest', () => {
    expect(
      redactValue({ a: 1, pageAccessToken: 'x', nested: { privateKey: 'k', apiKey: 'k', accessKey: 'k', signingKey: 'k', consumerKey: 'k', list: [{ Authorization: 'x', ok: true }] } }),
    ).toEqual({
      a: 1,
      pageAccessToken: '(redacted)',
      nested: { privateKey: '(redacted)', apiKey: '(redacted)', accessKey: '(redacted)', signingKey: '(redacted)', consumerKey: '(redacted)', list: [{ Authorization: '(redacted)', ok: true }] },
    });
  });

  it('redactValue hides credential names only: a plain field is never hidden for its name', () => {
    expect(redactValue({ webhook: { target: 'https://a.example', metadata: { team: 'x' } } })).toEqual({ webhook: { target: 'https://a.example', metadata: { team: 'x' } } });
  });
});

describe('--debug: fields fed by sensitive variables', () => {
  const HOOK = 'https://hooks.example/sensitive-target-8f2c1d';
  const PLAIN = 'https://plain.example/visible-target';
  const OLD = 'https://hooks.example/rotated-away-value-77ab';
  const W1 = 'aaaaaaaaaaaaaaaaaaaaaaa1';
  const W2 = 'aaaaaaaaaaaaaaaaaaaaaaa2';

  it('masks the sensitive webhook target by value and leaves an unrelated target visible', async () => {
    resetSecretMask().add(HOOK);
    nock(BASE)
      .get('/v2/apps/a/integrations/i1/webhooks')
      .reply(200, { webhooks: [{ id: W1, target: HOOK, triggers: ['conversation:message'] }, { id: W2, target: PLAIN, triggers: ['conversation:message'] }] });
    const { client, debug } = testClient();
    await client.get('/v2/apps/a/integrations/i1/webhooks');
    const log = debug.join('\n');
    expect(log).not.toContain('sensitive-target-8f2c1d');
    expect(log).toContain(`"target":"${PLAIN}"`);
    expect(log).toContain('"target":"(sensitive)"');
    resetSecretMask();
  });

  it('masks by the app record the live value a rotation replaces (unknown by value), after reading the app', async () => {
    resetSecretMask().add(HOOK);
    const record = JSON.stringify({ '': ['displayName', 'metadata.team'], [recordKey(W1)]: ['target'] });
    nock(BASE)
      .get('/v2/apps/a')
      .reply(200, { app: { id: 'a', displayName: 'Old Brand Name', metadata: { team: 'old-team-value', region: 'eu', 'sunco:sensitive': record } } })
      .get('/v2/apps/a/integrations/i1/webhooks')
      .reply(200, { webhooks: [{ id: W1, target: OLD }, { id: W2, target: PLAIN }] });
    const { client, debug } = testClient();
    await client.get('/v2/apps/a');
    await client.get('/v2/apps/a/integrations/i1/webhooks');
    const log = debug.join('\n');
    for (const old of ['Old Brand Name', 'old-team-value', 'rotated-away-value']) expect(log).not.toContain(old);
    expect(log).toContain('"region":"eu"');
    expect(log).toContain(PLAIN);
    resetSecretMask();
  });
});

describe('long bodies', () => {
  it('truncates a long body without leaving part of a secret at the cut', async () => {
    // Place the key secret across the 2000-character truncation point.
    const pad = 'p'.repeat(2000 - '{"app":{"note":"'.length - 10);
    nock(BASE).get('/v2/apps/a').reply(200, { app: { note: `${pad}${KEY.secret}${'q'.repeat(3000)}` } });
    const { client, debug } = testClient();
    await client.get('/v2/apps/a');
    const line = debug.find((l) => l.startsWith('[debug] ← 200'))!;
    expect(line).toMatch(/…\(\d+ chars\)$/);
    expect(line).not.toContain(KEY.secret.slice(0, 6));
  });

  it('masks the run\'s registered values before the cut too: a write-only value without a secret name, an echo in an error page', async () => {
    const email = 'leak-client-email-0123456789@project.example';
    resetSecretMask().add(email);
    const pad = 'p'.repeat(2000 - '{"integration":{"clientEmail":"'.length - 10);
    nock(BASE).post('/v2/apps/a/integrations').reply(201, { integration: { clientEmail: `${pad}${email}` } });
    const { client, debug } = testClient();
    await client.post('/v2/apps/a/integrations', { type: 'android' });
    expect(debug.join('\n')).not.toContain(email.slice(0, 8));
    const page = `<html><body>${'x'.repeat(140)}bad value ${email}</body></html>`;
    expect(bodySnippet(page)).not.toContain(email.slice(0, 10));
    resetSecretMask();
  });
});
