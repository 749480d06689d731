/**
 * Error paths and authentication, through the official client: status codes, the spec's
 * error codes, and error bodies that match `errorResponse` with `{code, title}`.
 */
import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE } from './integration-bodies.js';
import { expectConformant, harness, type Harness } from './helpers.js';
import { failure, SunCo, type Loose, type Sdk } from './sdk.js';

const NOPE = '5f0000000000000000000000';
let h: Harness;
let appA: string;
let appB: string;
let custom: Loose;
let appKeyA: { keyId: string; secret: string };
let integrationKeyA: { keyId: string; secret: string };

beforeAll(async () => {
  h = await harness();
  appA = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('A'))).app.id;
  appB = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('B'))).app.id;
  custom = (await h.sdk.integrations.createIntegration(appA, CREATE.custom.body())).integration;
  const ak = (await h.sdk.appKeys.createAppKey(appA, new SunCo.AppKeyCreateBody('a-key'))).key;
  appKeyA = { keyId: ak.id, secret: ak.secret };
  const ik = (await h.sdk.integrationKeys.createCustomIntegrationKey(appA, custom.id, new SunCo.IntegrationApiKey('i-key'))).key;
  integrationKeyA = { keyId: ik.id, secret: ik.secret };
});
afterAll(() => h.close());

async function expectError(call: Promise<unknown>, status: number, code?: string): Promise<void> {
  const e = await failure(call);
  expect(e.status).toBe(status);
  if (code) expect(e.body.errors[0].code).toBe(code);
}

describe('404 with the kind’s code', () => {
  it('names the missing app, integration, switchboard, user and conversation', async () => {
    const mark = h.log.length;
    await expectError(h.sdk.apps.getApp(NOPE), 404, 'app_not_found');
    await expectError(h.sdk.apps.updateApp(NOPE, Object.assign(new SunCo.AppUpdateBody(), { displayName: 'x' })), 404, 'app_not_found');
    await expectError(h.sdk.apps.deleteApp(NOPE), 404, 'app_not_found');
    await expectError(h.sdk.integrations.listIntegrations(NOPE, {}), 404, 'app_not_found');
    await expectError(h.sdk.integrations.getIntegration(appA, NOPE), 404, 'integration_not_found');
    await expectError(h.sdk.integrations.deleteIntegration(appA, NOPE), 404, 'integration_not_found');
    await expectError(h.sdk.switchboards.updateSwitchboard(appA, NOPE, new SunCo.SwitchboardUpdateBody()), 404, 'switchboard_not_found');
    await expectError(h.sdk.switchboardIntegrations.listSwitchboardIntegrations(appA, NOPE), 404, 'switchboard_not_found');
    await expectError(h.sdk.users.getUser(appA, 'nobody'), 404, 'user_not_found');
    await expectError(h.sdk.conversations.getConversation(appA, NOPE), 404, 'conversation_not_found');
    // The spec's own 404 example for ListMessages is `not_found` "Resource not found".
    await expectError(h.sdk.messages.listMessages(appA, NOPE, {}), 404, 'not_found');
    await expectError(h.sdk.participants.listParticipants(appA, NOPE, {}), 404, 'conversation_not_found');
    await expectError(h.sdk.switchboardActions.passControl(appA, NOPE, new SunCo.PassControlBody('next')), 404, 'conversation_not_found');
    await expectError(h.sdk.appKeys.getAppKey(appA, 'app_nope'), 404);
    await expectError(h.sdk.integrationKeys.getCustomIntegrationKey(appA, custom.id, 'int_nope'), 404);
    expectConformant(h.log, mark);
  });
});

describe('400 bad_request on a bad body', () => {
  it('refuses an unknown integration type, missing required fields and wrong types', async () => {
    const mark = h.log.length;
    await expectError(h.sdk.integrations.createIntegration(appA, { type: 'carrier-pigeon' }), 400, 'bad_request');
    await expectError(h.sdk.integrations.createIntegration(appA, new SunCo.Twilio('twilio', 'AC1', undefined)), 400, 'bad_request');
    await expectError(h.sdk.integrations.createIntegration(appA, new SunCo.Custom('custom', [])), 400, 'bad_request');
    await expectError(h.sdk.apps.createApp({ displayName: 42 }), 400, 'bad_request');
    await expectError(h.sdk.apps.updateApp(appA, { metadata: { big: 'x'.repeat(5000) } }), 400, 'bad_request');
    await expectError(h.sdk.users.createUser(appA, { externalId: '' }), 400, 'bad_request');
    const user = (await h.sdk.users.createUser(appA, new SunCo.UserCreateBody('bad-bodies'))).user;
    const conv = (await h.sdk.conversations.createConversation(appA, { type: 'personal', participants: [{ userId: user.id }] })).conversation;
    await expectError(h.sdk.messages.postMessage(appA, conv.id, { author: { type: 'robot' }, content: { type: 'text', text: 'x' } }), 400, 'bad_request');
    expectConformant(h.log, mark);
  });

  it('validates page[size] to 1..100', async () => {
    const mark = h.log.length;
    await expectError(h.sdk.apps.listApps({ page: { size: 0 } }), 400, 'bad_request');
    await expectError(h.sdk.apps.listApps({ page: { size: 101 } }), 400, 'bad_request');
    expect((await h.sdk.apps.listApps({ page: { size: 100 } })).apps.length).toBeGreaterThanOrEqual(2);
    expectConformant(h.log, mark);
  });

  it('refuses a cursor that is not a 24-character record id (components.schemas.page; finding F3)', async () => {
    const mark = h.log.length;
    await expectError(h.sdk.apps.listApps({ page: { after: 'short' } }), 400, 'bad_request');
    await expectError(h.sdk.apps.listApps({ page: { before: 'x'.repeat(25) } }), 400, 'bad_request');
    expectConformant(h.log, mark);
  });

  it('answers 413 to a JSON body over 100 kB', async () => {
    const mark = h.log.length;
    await expectError(h.sdk.users.createUser(appA, { externalId: 'big', metadata: { blob: 'x'.repeat(110_000) } }), 413);
    expectConformant(h.log, mark);
  });
});

describe('authentication', () => {
  it('401 for a wrong secret, an unknown or deleted key, and a JWT that is unsigned, wrongly signed or of the wrong scope', async () => {
    const mark = h.log.length;
    const wrong = await h.as({ basic: { keyId: h.emu.accountKey.keyId, secret: 'not-the-secret' } });
    await expectError(wrong.apps.listApps({}), 401, 'unauthorized');
    const unknown = await h.as({ basic: { keyId: 'act_unknown', secret: 'x' } });
    await expectError(unknown.apps.getApp(appA), 401, 'unauthorized');
    const badJwt = await h.as({ jwt: { keyId: h.emu.accountKey.keyId, secret: 'not-the-secret', scope: 'account' } });
    await expectError(badJwt.apps.listApps({}), 401, 'unauthorized');
    // Spec, Authentication: "Unsigned JWTs are not accepted".
    const unsigned = await h.as({ token: new UnsecuredJWT({ scope: 'account' }).setIssuedAt().encode() });
    await expectError(unsigned.apps.listApps({}), 401, 'unauthorized');
    const wrongScope = await h.as({ jwt: { ...appKeyA, scope: 'account' } });
    await expectError(wrongScope.apps.getApp(appA), 401, 'unauthorized');
    const gone = (await h.sdk.appKeys.createAppKey(appA, new SunCo.AppKeyCreateBody('short-lived'))).key;
    await h.sdk.appKeys.deleteAppKey(appA, gone.id);
    const revoked = await h.as({ basic: { keyId: gone.id, secret: gone.secret } });
    await expectError(revoked.apps.getApp(appA), 401, 'unauthorized');
    expectConformant(h.log, mark);
  });

  it('accepts a Bearer JWT (HS256, kid, scope) for account, app and integration keys', async () => {
    const mark = h.log.length;
    const account = await h.as({ jwt: { ...h.emu.accountKey, scope: 'account' } });
    expect((await account.apps.listApps({})).apps.map((a: Loose) => a.id)).toContain(appA);
    const app = await h.as({ jwt: { ...appKeyA, scope: 'app' } });
    expect((await app.apps.getApp(appA)).app.id).toBe(appA);
    const integ = await h.as({ jwt: { ...integrationKeyA, scope: 'integration' } });
    expect((await integ.webhooks.listWebhooks(appA, custom.id)).webhooks).toHaveLength(1);
    expectConformant(h.log, mark);
  });
});

describe('scopes (the spec’s authorization table)', () => {
  let app: Sdk;
  let integ: Sdk;
  beforeAll(async () => {
    app = await h.as({ basic: appKeyA });
    integ = await h.as({ basic: integrationKeyA });
  });

  it('an app key works on its app and gets 403 on another app and on account provisioning', async () => {
    const mark = h.log.length;
    expect((await app.integrations.listIntegrations(appA, {})).integrations.map((i: Loose) => i.id)).toContain(custom.id);
    await expectError(app.apps.getApp(appB), 403, 'forbidden');
    await expectError(app.integrations.listIntegrations(appB, {}), 403, 'forbidden');
    await expectError(app.apps.listApps({}), 403, 'forbidden');
    await expectError(app.apps.createApp(new SunCo.AppCreateBody('nope')), 403, 'forbidden');
    await expectError(app.appKeys.createAppKey(appA, new SunCo.AppKeyCreateBody('nope')), 403, 'forbidden');
    await expectError(app.appKeys.listAppKeys(appA), 403, 'forbidden');
    await expectError(app.apps.deleteApp(appA), 403, 'forbidden');
    const renamed = await app.apps.updateApp(appA, Object.assign(new SunCo.AppUpdateBody(), { displayName: 'A renamed' }));
    expect(renamed.app.displayName).toBe('A renamed');
    expectConformant(h.log, mark);
  });

  it('the account key may call every method, webhooks included (RESOURCES.md: per-operation lists are narrower)', async () => {
    const mark = h.log.length;
    const list = await h.sdk.webhooks.listWebhooks(appA, custom.id);
    expect(list.webhooks).toHaveLength(1);
    const hook = Object.assign(new SunCo.WebhookCreateBody(), { target: 'https://acct.example.com/h', triggers: ['conversation:message'] });
    const { webhook } = await h.sdk.webhooks.createWebhook(appA, custom.id, hook);
    expect(webhook.secret).toMatch(/\S/);
    await h.sdk.webhooks.deleteWebhook(appA, custom.id, webhook.id);
    expectConformant(h.log, mark);
  });

  it('an integration key reaches users, conversations and its own webhooks only', async () => {
    const mark = h.log.length;
    const user = (await integ.users.createUser(appA, new SunCo.UserCreateBody('via-integration'))).user;
    const conv = (await integ.conversations.createConversation(appA, Object.assign(new SunCo.ConversationCreateBody('personal'), { participants: [{ userId: user.id }] })))
      .conversation;
    const posted = await integ.messages.postMessage(appA, conv.id, new SunCo.MessagePost(new SunCo.Author('business'), Object.assign(new SunCo.TextMessage('text'), { text: 'hi' })));
    expect(posted.messages[0].content.text).toBe('hi');
    expect((await integ.webhooks.listWebhooks(appA, custom.id)).webhooks).toHaveLength(1);

    const other = (await h.sdk.integrations.createIntegration(appA, CREATE.custom.body())).integration;
    await expectError(integ.webhooks.listWebhooks(appA, other.id), 403, 'forbidden');
    await expectError(integ.integrations.listIntegrations(appA, {}), 403, 'forbidden');
    await expectError(integ.apps.getApp(appA), 403, 'forbidden');
    await expectError(integ.users.getUser(appB, 'anyone'), 403, 'forbidden');
    await expectError(integ.switchboards.listSwitchboards(appA), 403, 'forbidden');
    await expectError(integ.integrationKeys.createCustomIntegrationKey(appA, custom.id, new SunCo.IntegrationApiKey('x')), 403, 'forbidden');
    expectConformant(h.log, mark);
  });
});
