import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { VALID_BODIES } from './fixtures.js';
import { caller, createApp, createCustom, start, type Call } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
let appId: string;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
  appId = await createApp(call);
});
afterAll(() => emu.close());

const NOT_FOUND = { errors: [{ code: 'not_found', title: 'Resource not found' }] };

describe('app keys', () => {
  it('create 201 {key:{id,displayName,secret}}; list, get, delete', async () => {
    const c = await call('POST', `/v2/apps/${appId}/keys`, { body: { displayName: 'CI deployer' } });
    expect(c.status).toBe(201);
    expect(c.body).toEqual({ key: { id: expect.stringMatching(/^app_/), displayName: 'CI deployer', secret: expect.any(String) } });
    const key = c.body.key;
    // appKeyListResponse and appKeyResponse both use schemas.appKey, secret included.
    expect((await call('GET', `/v2/apps/${appId}/keys`)).body.keys).toContainEqual(key);
    expect((await call('GET', `/v2/apps/${appId}/keys/${key.id}`)).body).toEqual({ key });
    expect(await call('DELETE', `/v2/apps/${appId}/keys/${key.id}`)).toMatchObject({ status: 200, body: {} });
    const gone = await call('GET', `/v2/apps/${appId}/keys/${key.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(NOT_FOUND);
    expect((await call('DELETE', `/v2/apps/${appId}/keys/${key.id}`)).status).toBe(404);
  });

  it('an app can have at most 10 keys (the App Keys tag)', async () => {
    const a = await createApp(call, 'ten keys');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await call('POST', `/v2/apps/${a}/keys`, { body: { displayName: `k${i}` } })).body.key.id);
    const full = await call('POST', `/v2/apps/${a}/keys`, { body: { displayName: 'eleventh' } });
    expect(full).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'An app can have a maximum of 10 keys' }] } });
    await call('DELETE', `/v2/apps/${a}/keys/${ids[0]}`);
    expect((await call('POST', `/v2/apps/${a}/keys`, { body: { displayName: 'eleventh' } })).status).toBe(201);
  });

  it('displayName is required', async () => {
    const r = await call('POST', `/v2/apps/${appId}/keys`, { body: {} });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({ code: 'bad_request', title: "should have required property 'displayName'" });
  });
});

describe('custom integrations and their webhooks', () => {
  it('create needs exactly one inline webhook (minItems 1, maxItems 1)', async () => {
    const hook = { target: 'https://bot.example/a', triggers: ['conversation:message'] };
    for (const webhooks of [[], [hook, { ...hook, target: 'https://bot.example/b' }]]) {
      const r = await call('POST', `/v2/apps/${appId}/integrations`, { body: { type: 'custom', webhooks } });
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toEqual({ code: 'bad_request', title: expect.stringMatching(/webhooks should NOT have (fewer|more) than 1 items?/) });
    }
    const noTarget = await call('POST', `/v2/apps/${appId}/integrations`, { body: { type: 'custom', webhooks: [{ triggers: ['conversation:message'] }] } });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.errors[0].title).toBe("webhooks.0 should have required property 'target'");
  });

  it('the create response includes the webhook with its generated secret; it is then an ordinary webhook', async () => {
    const c = await call('POST', `/v2/apps/${appId}/integrations`, { body: { ...VALID_BODIES.custom, displayName: 'Support bot' } });
    expect(c.status).toBe(201);
    const integ = c.body.integration;
    expect(integ.webhooks).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        version: 'v2',
        target: 'https://bot.example/hook',
        triggers: ['conversation:message'],
        secret: expect.stringMatching(/^\S{32}$/),
        includeFullUser: false,
        includeFullSource: false,
      },
    ]);
    const base = `/v2/apps/${appId}/integrations/${integ.id}/webhooks`;
    const wh = integ.webhooks[0];
    expect((await call('GET', base)).body).toEqual({ webhooks: [wh] });
    expect((await call('GET', `${base}/${wh.id}`)).body).toEqual({ webhook: wh });
    const p = await call('PATCH', `${base}/${wh.id}`, { body: { target: 'https://bot.example/v2', includeFullUser: true } });
    expect(p.status).toBe(200);
    expect(p.body.webhook).toEqual({ ...wh, target: 'https://bot.example/v2', includeFullUser: true });
    const second = await call('POST', base, { body: { target: 'https://other.example', triggers: ['conversation:postback'], includeFullSource: true } });
    expect(second.status).toBe(201);
    expect(second.body.webhook).toMatchObject({ version: 'v2', includeFullSource: true, includeFullUser: false, secret: expect.any(String) });
    expect((await call('GET', base)).body.webhooks).toHaveLength(2);
    expect(await call('DELETE', `${base}/${wh.id}`)).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `${base}/${wh.id}`)).body).toEqual(NOT_FOUND);
    expect((await call('GET', base)).body.webhooks.map((w: { id: string }) => w.id)).toEqual([second.body.webhook.id]);
  });

  it('webhook create/update bodies are validated', async () => {
    const { id, webhookId } = await createCustom(call, appId);
    const base = `/v2/apps/${appId}/integrations/${id}/webhooks`;
    const r = await call('POST', base, { body: { target: 'https://x.example' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].title).toBe("should have required property 'triggers'");
    const p = await call('PATCH', `${base}/${webhookId}`, { body: { triggers: 'conversation:message' } });
    expect(p.status).toBe(400);
    expect(p.body.errors[0].title).toBe('triggers should be array');
  });

  it('triggers must be ones of the spec\'s Webhook Triggers table (case sensitive), inline or not', async () => {
    const a = await createApp(call, 'triggers app');
    const { id, webhookId } = await createCustom(call, a);
    const base = `/v2/apps/${a}/integrations/${id}/webhooks`;
    const bad = { errors: [{ code: 'bad_request', title: 'triggers.1 is not a webhook trigger: Conversation:Message' }] };
    expect(await call('POST', base, { body: { target: 'https://x.example', triggers: ['conversation:read', 'Conversation:Message'] } })).toMatchObject({ status: 400, body: bad });
    expect(await call('PATCH', `${base}/${webhookId}`, { body: { triggers: ['user:merge', 'Conversation:Message'] } })).toMatchObject({ status: 400, body: bad });
    const inline = await call('POST', `/v2/apps/${a}/integrations`, {
      body: { type: 'custom', webhooks: [{ target: 'https://x.example', triggers: ['nope'] }] },
    });
    expect(inline).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'webhooks.0.triggers.0 is not a webhook trigger: nope' }] } });
    const all = ['client:add', 'conversation:message:delivery:failure', 'passthrough:messaging', 'switchboard:passControl:failure', 'user:update'];
    expect((await call('POST', base, { body: { target: 'https://x.example', triggers: all } })).status).toBe(201);
  });

  it('an app is limited to 10 webhooks, inline custom integration webhooks included', async () => {
    const a = await createApp(call, 'webhook limit app');
    const { id } = await createCustom(call, a);
    const base = `/v2/apps/${a}/integrations/${id}/webhooks`;
    for (let i = 1; i < 10; i++) {
      expect((await call('POST', base, { body: { target: `https://x.example/${i}`, triggers: ['conversation:message'] } })).status).toBe(201);
    }
    const full = { status: 400, body: { errors: [{ code: 'bad_request', title: 'An app is limited to 10 webhooks' }] } };
    expect(await call('POST', base, { body: { target: 'https://x.example/11', triggers: ['conversation:message'] } })).toMatchObject(full);
    expect(await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES.custom })).toMatchObject(full);
    // The limit is per app: another app is unaffected, and deleting one makes room.
    expect((await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.custom })).status).toBe(201);
    const first = (await call('GET', base)).body.webhooks[0].id;
    await call('DELETE', `${base}/${first}`);
    expect((await call('POST', base, { body: { target: 'https://x.example/11', triggers: ['conversation:message'] } })).status).toBe(201);
  });

  it('PATCH custom integration: displayName only', async () => {
    const { id } = await createCustom(call, appId, 'before');
    const r = await call('PATCH', `/v2/apps/${appId}/integrations/${id}`, { body: { displayName: 'after' } });
    expect(r.body.integration).toMatchObject({ displayName: 'after', type: 'custom' });
  });

  it('webhooks of a non-custom integration → 400; of an unknown integration → 404', async () => {
    const web = (await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.web })).body.integration.id;
    expect((await call('GET', `/v2/apps/${appId}/integrations/${web}/webhooks`)).status).toBe(400);
    const r = await call('GET', `/v2/apps/${appId}/integrations/000000000000000000000000/webhooks`);
    expect(r.body).toEqual({ errors: [{ code: 'integration_not_found', title: 'Integration not found' }] });
  });
});

describe('custom integration keys', () => {
  it('create returns the secret; list, get, delete; deleting the integration drops its keys', async () => {
    const { id } = await createCustom(call, appId);
    const base = `/v2/apps/${appId}/integrations/${id}/keys`;
    const c = await call('POST', base, { body: { displayName: 'runtime' } });
    expect(c.status).toBe(201);
    expect(c.body).toEqual({ key: { id: expect.stringMatching(/^int_/), displayName: 'runtime', secret: expect.any(String) } });
    expect((await call('GET', base)).body).toEqual({ keys: [c.body.key] });
    expect((await call('GET', `${base}/${c.body.key.id}`)).body).toEqual({ key: c.body.key });
    const creds = { keyId: c.body.key.id, secret: c.body.key.secret };
    expect((await call('GET', `/v2/apps/${appId}/integrations/${id}/webhooks`, { auth: creds })).status).toBe(200);
    expect(await call('DELETE', `${base}/${c.body.key.id}`)).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `${base}/${c.body.key.id}`)).body).toEqual(NOT_FOUND);
    expect((await call('GET', `/v2/apps/${appId}/integrations/${id}/webhooks`, { auth: creds })).status).toBe(401);
  });

  it('an integration can have at most 10 keys (the CustomIntegrationApiKeys tag)', async () => {
    const a = await createApp(call, 'ten integration keys');
    const { id } = await createCustom(call, a);
    const base = `/v2/apps/${a}/integrations/${id}/keys`;
    for (let i = 0; i < 10; i++) expect((await call('POST', base, { body: { displayName: `k${i}` } })).status).toBe(201);
    const full = await call('POST', base, { body: { displayName: 'eleventh' } });
    expect(full).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'An integration can have a maximum of 10 keys' }] } });
  });

  it('only custom integrations have keys (ListCustomIntegrationKeys 400)', async () => {
    const web = (await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.web })).body.integration.id;
    const r = await call('GET', `/v2/apps/${appId}/integrations/${web}/keys`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'API keys are available only for custom integrations' }] });
  });
});

describe('webhook targets', () => {
  it('must be http(s) URLs, inline or not', async () => {
    const inline = await call('POST', `/v2/apps/${appId}/integrations`, { body: { type: 'custom', webhooks: [{ target: 'not a url', triggers: ['conversation:message'] }] } });
    expect(inline.status).toBe(400);
    expect(inline.body.errors[0]).toEqual({ code: 'bad_request', title: 'webhooks.0.target should be an http or https URL' });
    const { id, webhookId } = await createCustom(call, appId);
    const base = `/v2/apps/${appId}/integrations/${id}/webhooks`;
    expect((await call('POST', base, { body: { target: 'ftp://x.example', triggers: ['conversation:message'] } })).status).toBe(400);
    expect((await call('PATCH', `${base}/${webhookId}`, { body: { target: 'nope' } })).body.errors[0].title).toBe('target should be an http or https URL');
  });
});
