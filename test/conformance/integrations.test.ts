/**
 * Integrations (all 16 types), custom integration keys and webhooks driven through the
 * official SunCo JavaScript client: the client must get back what it expects, and every
 * raw response must match the spec's schema for that operation and status (and, for an
 * integration, its per-type schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, TYPES, renameBody } from './integration-bodies.js';
import { createApp, expectConformant, expectEmptyOk, harness, lastRaw, type Harness } from './helpers.js';
import { failure, SunCo, type Loose } from './sdk.js';
import { schemaErrors } from './spec-validator.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
const newApp = (name: string) => createApp(h, name);

describe('integrations', () => {
  it.each(TYPES)('%s: create, get, update, list and delete per the per-type schema', async (type) => {
    const appId = await newApp(`Integ ${type}`);
    const mark = h.log.length;
    const sent = CREATE[type].body();
    const { integration } = await h.sdk.integrations.createIntegration(appId, sent);
    expect(integration).toBeInstanceOf(SunCo.Integration);
    expect(integration.type).toBe(type);
    expect(integration.id).toMatch(/\S/);
    expect(typeof integration.status).toBe('string');

    const raw = lastRaw(h.log, 'POST', '/integrations');
    expect(raw.status).toBe(201);
    const rawIntegration = (raw.body as { integration: Record<string, unknown> }).integration;
    expect(schemaErrors(type, rawIntegration)).toEqual([]);
    for (const field of CREATE[type].writeOnly) expect(rawIntegration, `${type}.${field} is write-only`).not.toHaveProperty(field);
    // Every other field sent is read back as sent (RESOURCES.md "read back: yes"); webhooks come back as resources.
    const readable = Object.entries(JSON.parse(JSON.stringify(sent)) as Record<string, unknown>).filter(
      ([k]) => !CREATE[type].writeOnly.includes(k) && k !== 'webhooks',
    );
    for (const [k, v] of readable) expect(rawIntegration[k], `${type}.${k}`).toEqual(v);
    if (type === 'custom') expect((rawIntegration.webhooks as Loose[])[0].target).toBe('https://bot.example.com/sunco');

    const got = await h.sdk.integrations.getIntegration(appId, integration.id);
    expect(got.integration.type).toBe(type);
    expect(schemaErrors(type, (lastRaw(h.log, 'GET', integration.id).body as Loose).integration)).toEqual([]);

    const renamed = await h.sdk.integrations.updateIntegration(appId, integration.id, renameBody(type, `${type} renamed`));
    expect(renamed.integration.displayName).toBe(`${type} renamed`);
    expect(renamed.integration.type).toBe(type);

    const list = await h.sdk.integrations.listIntegrations(appId, {});
    expect(list).toBeInstanceOf(SunCo.IntegrationListResponse);
    expect(list.integrations.map((i: Loose) => i.id)).toContain(integration.id);

    await expectEmptyOk(h.log, h.sdk.integrations.deleteIntegration(appId, integration.id));
    const gone = await failure(h.sdk.integrations.getIntegration(appId, integration.id));
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('integration_not_found');
    expectConformant(h.log, mark);
  });

  it('filters the list by type with filter[types]', async () => {
    const appId = await newApp('Filter');
    await h.sdk.integrations.createIntegration(appId, CREATE.web.body());
    await h.sdk.integrations.createIntegration(appId, CREATE.telegram.body());
    const mark = h.log.length;
    const list = await h.sdk.integrations.listIntegrations(appId, { filter: { types: 'telegram' } });
    expect(list.integrations.map((i: Loose) => i.type)).toEqual(['telegram']);
    expectConformant(h.log, mark);
  });
});

describe('custom integration keys and webhooks', () => {
  it('integration keys: create returns the secret; list, get and delete work', async () => {
    const appId = await newApp('IKeys');
    const { integration } = await h.sdk.integrations.createIntegration(appId, CREATE.custom.body());
    const mark = h.log.length;
    const { key } = await h.sdk.integrationKeys.createCustomIntegrationKey(appId, integration.id, new SunCo.IntegrationApiKey('runtime'));
    expect(key).toBeInstanceOf(SunCo.ApiKey);
    expect(key.secret).toMatch(/\S/);
    expect(key.displayName).toBe('runtime');
    const list = await h.sdk.integrationKeys.listCustomIntegrationKeys(appId, integration.id);
    expect(list.keys.map((k: Loose) => k.id)).toContain(key.id);
    expect((await h.sdk.integrationKeys.getCustomIntegrationKey(appId, integration.id, key.id)).key.id).toBe(key.id);
    await expectEmptyOk(h.log, h.sdk.integrationKeys.deleteCustomIntegrationKey(appId, integration.id, key.id));
    expect((await failure(h.sdk.integrationKeys.getCustomIntegrationKey(appId, integration.id, key.id))).status).toBe(404);
    expectConformant(h.log, mark);
  });

  it('webhooks: the inline one is listed; create, get, update and delete work', async () => {
    const appId = await newApp('Hooks');
    const { integration } = await h.sdk.integrations.createIntegration(appId, CREATE.custom.body());
    const { key } = await h.sdk.appKeys.createAppKey(appId, new SunCo.AppKeyCreateBody('hooks'));
    // Webhooks' per-operation security names app and integration scopes only, so use an app key.
    const app = await h.as({ basic: { keyId: key.id, secret: key.secret } });
    const mark = h.log.length;
    const initial = await app.webhooks.listWebhooks(appId, integration.id);
    expect(initial.webhooks).toHaveLength(1);
    expect(initial.webhooks[0]).toBeInstanceOf(SunCo.Webhook);
    expect(initial.webhooks[0].target).toBe('https://bot.example.com/sunco');

    // WebhookCreateBody's constructor ignores its arguments (an allOf model), so the fields are assigned.
    const body = Object.assign(new SunCo.WebhookCreateBody(), {
      target: 'https://two.example.com/hook',
      triggers: ['conversation:message', 'conversation:postback'],
      includeFullUser: true,
    });
    const { webhook } = await app.webhooks.createWebhook(appId, integration.id, body);
    expect(webhook.id).toMatch(/\S/);
    expect(webhook.secret).toMatch(/\S/);
    expect(webhook.triggers).toEqual(['conversation:message', 'conversation:postback']);
    expect(webhook.includeFullUser).toBe(true);

    expect((await app.webhooks.getWebhook(appId, integration.id, webhook.id)).webhook.target).toBe('https://two.example.com/hook');
    const patched = await app.webhooks.updateWebhook(
      appId,
      integration.id,
      webhook.id,
      Object.assign(new SunCo.WebhookBody(), { target: 'https://three.example.com/hook', includeFullSource: true }),
    );
    expect(patched.webhook.target).toBe('https://three.example.com/hook');
    expect(patched.webhook.includeFullSource).toBe(true);
    await expectEmptyOk(h.log, app.webhooks.deleteWebhook(appId, integration.id, webhook.id));
    expect((await failure(app.webhooks.getWebhook(appId, integration.id, webhook.id))).status).toBe(404);
    expectConformant(h.log, mark);
  });
});

/*
 * defaultResponder (findings F1/F2, fixed): components.schemas.defaultResponder, on every
 * integration type but custom, is read-only and its `inherited` flag "Returns `false` if a
 * per-channel responder override has been set for this integration, and `true` otherwise":
 * once the switchboard has a default, an integration without an override reports that
 * default, inherited. Its documented properties are name, integrationId, integrationType,
 * deliverStandbyEvents, nextSwitchboardIntegrationId, messageHistoryCount and inherited.
 */
async function appWithDefault() {
  const appId = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('Responder'))).app.id as string;
  const bot = (await h.sdk.integrations.createIntegration(appId, CREATE.custom.body())).integration;
  const web = (await h.sdk.integrations.createIntegration(appId, CREATE.web.body())).integration;
  const { switchboard } = await h.sdk.switchboards.createSwitchboard(appId);
  const botSi = (
    await h.sdk.switchboardIntegrations.createSwitchboardIntegration(
      appId,
      switchboard.id,
      Object.assign(new SunCo.SwitchboardIntegrationCreateBody('bot'), { integrationId: bot.id }),
    )
  ).switchboardIntegration;
  await h.sdk.switchboards.updateSwitchboard(
    appId,
    switchboard.id,
    Object.assign(new SunCo.SwitchboardUpdateBody(), { enabled: true, defaultSwitchboardIntegrationId: botSi.id }),
  );
  return { appId, bot, web, botSi };
}

describe('defaultResponder', () => {
  it('an integration without an override reports the switchboard default, inherited: true', async () => {
    const { appId, bot, web } = await appWithDefault();
    const mark = h.log.length;
    const got = (await h.sdk.integrations.getIntegration(appId, web.id)).integration;
    const raw = (h.log[h.log.length - 1].body as { integration: Record<string, unknown> }).integration;
    expect(got.type).toBe('web');
    expect(raw.defaultResponder).toMatchObject({ name: 'bot', integrationId: bot.id, integrationType: 'custom', inherited: true });
    expectConformant(h.log, mark);
  });

  it('a per-channel override reports inherited: false with only the documented properties', async () => {
    const { appId, web, botSi } = await appWithDefault();
    const mark = h.log.length;
    await h.sdk.integrations.updateIntegration(appId, web.id, Object.assign(new SunCo.WebUpdate(), { defaultResponderId: botSi.id }));
    await h.sdk.integrations.getIntegration(appId, web.id);
    const raw = (h.log[h.log.length - 1].body as { integration: Record<string, unknown> }).integration;
    expect(raw.defaultResponder).toMatchObject({ name: 'bot', inherited: false });
    // expectConformant also reports properties the response schema does not name (F2: switchboardIntegrationId).
    expectConformant(h.log, mark);
  });
});
