/**
 * The spec's prose rules, as the emulator answers them over HTTP: 400 for each violation,
 * 2xx for the nearest valid request (so that refusing everything cannot pass).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { caller, createApp, createCustom, start, type Call } from '../../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
let appId: string;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
  appId = await createApp(call);
});
afterAll(() => emu.close());

const integrations = () => `/v2/apps/${appId}/integrations`;
const twilio = { type: 'twilio', accountSid: 'AC1', authToken: 'tok' };
const mailgun = { type: 'mailgun', apiKey: 'key', domain: 'mg.example.com' };

describe('integration create rules', () => {
  it.each([
    ['twilio with neither sender', twilio, /phoneNumberSid or messagingServiceSid/],
    ['mailgun incomingAddress on another domain', { ...mailgun, incomingAddress: 'help@other.example.com' }, /incomingAddress must be an address on the domain mg\.example\.com/],
    ['mailgun incomingAddress with no @', { ...mailgun, incomingAddress: 'mg.example.com' }, /incomingAddress/],
    ['line channelId without channelSecret', { type: 'line', channelId: 'c1' }, /channelId and channelSecret go together/],
    ['line channelSecret without channelId', { type: 'line', channelSecret: 's1' }, /channelId and channelSecret go together/],
    ['web originWhitelist with a path', { type: 'web', originWhitelist: ['https://acme.example/shop'] }, /not an origin/],
    ['web originWhitelist with a non-http scheme', { type: 'web', originWhitelist: ['ftp://acme.example'] }, /not an origin/],
    ['web originWhitelist that is no URL', { type: 'web', originWhitelist: ['acme.example'] }, /not an origin/],
  ])('%s → 400', async (_what, body, title) => {
    const r = await call('POST', integrations(), { body });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ code: 'bad_request', title: expect.stringMatching(title) });
  });

  it.each([
    ['twilio with phoneNumberSid', { ...twilio, phoneNumberSid: 'PN1' }],
    ['twilio with messagingServiceSid', { ...twilio, messagingServiceSid: 'MG1' }],
    ['mailgun incomingAddress on its domain (any case)', { ...mailgun, incomingAddress: 'help@MG.example.com' }],
    ['line with both', { type: 'line', channelId: 'c1', channelSecret: 's1' }],
    ['line with neither (webhook first, credentials later)', { type: 'line', channelAccessToken: 'cat' }],
    ['web origins with and without a port', { type: 'web', originWhitelist: ['https://acme.example', 'http://localhost:8080'] }],
  ])('%s → 201', async (_what, body) => {
    expect((await call('POST', integrations(), { body })).status).toBe(201);
  });

  it('originWhitelist is checked on update too; create-only rules are not applied to a PATCH', async () => {
    const web = await call('POST', integrations(), { body: { type: 'web' } });
    const id = web.body.integration.id as string;
    const bad = await call('PATCH', `${integrations()}/${id}`, { body: { originWhitelist: ['https://acme.example/'] } });
    expect(bad.status).toBe(400);
    expect((await call('PATCH', `${integrations()}/${id}`, { body: { originWhitelist: ['https://acme.example'] } })).status).toBe(200);
    const sms = await call('POST', integrations(), { body: { ...twilio, phoneNumberSid: 'PN1' } });
    expect((await call('PATCH', `${integrations()}/${sms.body.integration.id as string}`, { body: { displayName: 'SMS' } })).status).toBe(200);
  });
});

describe('app settings: endSessionEnabled and disableConversationReopen need multiConvoEnabled', () => {
  for (const setting of ['endSessionEnabled', 'disableConversationReopen']) {
    it(`${setting}: refused on create and update without multiConvo, accepted with it`, async () => {
      const refused = await call('POST', '/v2/apps', { body: { displayName: 'A', settings: { [setting]: true } } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].title).toMatch(new RegExp(`${setting} needs multiConvoEnabled`));
      expect((await call('POST', '/v2/apps', { body: { displayName: 'A', settings: { [setting]: false } } })).status).toBe(201);
      const app = await call('POST', '/v2/apps', { body: { displayName: 'B', settings: { multiConvoEnabled: true, [setting]: true } } });
      expect(app.status).toBe(201);
      const plain = await createApp(call, 'C');
      expect((await call('PATCH', `/v2/apps/${plain}`, { body: { settings: { [setting]: true } } })).status).toBe(400);
      // The stored multiConvoEnabled counts: once on, the setting may be enabled alone.
      expect((await call('PATCH', `/v2/apps/${plain}`, { body: { settings: { multiConvoEnabled: true } } })).status).toBe(200);
      expect((await call('PATCH', `/v2/apps/${plain}`, { body: { settings: { [setting]: true } } })).status).toBe(200);
    });
  }
});

describe('limits and metadata', () => {
  it('at most 10 app keys, 10 keys per integration and 10 webhooks per app', async () => {
    const app = await createApp(call, 'Limits');
    for (let i = 0; i < 10; i++) expect((await call('POST', `/v2/apps/${app}/keys`, { body: { displayName: `k${i}` } })).status).toBe(201);
    expect((await call('POST', `/v2/apps/${app}/keys`, { body: { displayName: 'k10' } })).status).toBe(400);
    const bot = await createCustom(call, app);
    for (let i = 0; i < 10; i++) expect((await call('POST', `/v2/apps/${app}/integrations/${bot.id}/keys`, { body: { displayName: `k${i}` } })).status).toBe(201);
    expect((await call('POST', `/v2/apps/${app}/integrations/${bot.id}/keys`, { body: { displayName: 'k10' } })).status).toBe(400);
    // The custom integration's inline webhook is the first of the app's 10.
    const hooks = `/v2/apps/${app}/integrations/${bot.id}/webhooks`;
    for (let i = 1; i < 10; i++) expect((await call('POST', hooks, { body: { target: `https://bot.example/${i}`, triggers: ['conversation:message'] } })).status).toBe(201);
    expect((await call('POST', hooks, { body: { target: 'https://bot.example/10', triggers: ['conversation:message'] } })).status).toBe(400);
  });

  it('metadata values are strings, numbers or booleans: null is refused', async () => {
    const refused = await call('POST', '/v2/apps', { body: { displayName: 'M', metadata: { team: null } } });
    expect(refused.status).toBe(400);
    expect((await call('POST', '/v2/apps', { body: { displayName: 'M', metadata: { team: 'x', n: 1, b: false } } })).status).toBe(201);
  });
});
