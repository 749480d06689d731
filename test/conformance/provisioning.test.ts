/**
 * Provisioning endpoints driven through the official SunCo JavaScript client: the client
 * must get back what it expects (its model classes, with the fields it reads), and every
 * raw response must match the spec's schema for that operation and status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE } from './integration-bodies.js';
import { createApp, expectConformant, expectEmptyOk, harness, lastRaw, type Harness } from './helpers.js';
import { failure, SunCo, type Loose } from './sdk.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());
const newApp = (name: string) => createApp(h, name);

describe('apps', () => {
  it('create, list, get, update and delete deserialize into the client models', async () => {
    const mark = h.log.length;
    const body = Object.assign(new SunCo.AppCreateBody('Conformance'), {
      settings: Object.assign(new SunCo.AppSettings(), { multiConvoEnabled: true, conversationRetentionSeconds: 3600 }),
      metadata: { team: 'support', tier: 2 },
    });
    const created = await h.sdk.apps.createApp(body);
    expect(created).toBeInstanceOf(SunCo.AppResponse);
    expect(created.app).toBeInstanceOf(SunCo.App);
    expect(created.app.id).toMatch(/\S/);
    expect(created.app.displayName).toBe('Conformance');
    expect(created.app.settings.multiConvoEnabled).toBe(true);
    expect(created.app.settings.conversationRetentionSeconds).toBe(3600);
    expect(created.app.metadata).toEqual({ team: 'support', tier: 2 });
    expect(lastRaw(h.log, 'POST', '/v2/apps').status).toBe(201);

    const list = await h.sdk.apps.listApps({});
    expect(list).toBeInstanceOf(SunCo.AppListResponse);
    expect(list.apps.map((a: Loose) => a.id)).toContain(created.app.id);
    expect(list.meta).toBeInstanceOf(SunCo.Meta);
    expect(typeof list.meta.hasMore).toBe('boolean');

    const got = await h.sdk.apps.getApp(created.app.id);
    expect(got.app.displayName).toBe('Conformance');

    const updated = await h.sdk.apps.updateApp(created.app.id, Object.assign(new SunCo.AppUpdateBody(), { displayName: 'Renamed' }));
    expect(updated.app.displayName).toBe('Renamed');
    expect(updated.app.settings.multiConvoEnabled).toBe(true);

    await expectEmptyOk(h.log, h.sdk.apps.deleteApp(created.app.id));
    const gone = await failure(h.sdk.apps.getApp(created.app.id));
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('app_not_found');
    expectConformant(h.log, mark);
  });

  it('pages the app list with page[size] and an after cursor', async () => {
    const mark = h.log.length;
    for (const n of ['P1', 'P2', 'P3']) await newApp(n);
    const first = await h.sdk.apps.listApps({ page: { size: 2 } });
    expect(first.apps).toHaveLength(2);
    expect(first.meta.hasMore).toBe(true);
    expect(first.meta.afterCursor).toMatch(/\S/);
    expect(first.links.next).toMatch(/page%5Bafter%5D|page\[after\]/);
    // The client sends only the first key of `page` (ApiClient.normalizeParams), so the cursor goes alone.
    const next = await h.sdk.apps.listApps({ page: { after: first.meta.afterCursor } });
    const seen = new Set(first.apps.map((a: Loose) => a.id));
    expect(next.apps.some((a: Loose) => seen.has(a.id))).toBe(false);
    expectConformant(h.log, mark);
  });
});

describe('app keys', () => {
  it('create returns the secret once; list, get and delete work', async () => {
    const appId = await newApp('Keys');
    const mark = h.log.length;
    const { key } = await h.sdk.appKeys.createAppKey(appId, new SunCo.AppKeyCreateBody('deployer'));
    expect(key).toBeInstanceOf(SunCo.AppKey);
    expect(key.id).toMatch(/\S/);
    expect(key.displayName).toBe('deployer');
    expect(key.secret).toMatch(/\S/);
    const list = await h.sdk.appKeys.listAppKeys(appId);
    expect(list.keys.map((k: Loose) => k.id)).toContain(key.id);
    const got = await h.sdk.appKeys.getAppKey(appId, key.id);
    expect(got.key.displayName).toBe('deployer');
    await expectEmptyOk(h.log, h.sdk.appKeys.deleteAppKey(appId, key.id));
    expect((await failure(h.sdk.appKeys.getAppKey(appId, key.id))).status).toBe(404);
    expectConformant(h.log, mark);
  });
});

describe('switchboards and switchboard integrations', () => {
  it('create (no body), list, integrations, enable with a default, and delete', async () => {
    const appId = await newApp('Switch');
    const { integration } = await h.sdk.integrations.createIntegration(appId, CREATE.custom.body());
    const mark = h.log.length;
    const { switchboard } = await h.sdk.switchboards.createSwitchboard(appId);
    expect(switchboard).toBeInstanceOf(SunCo.Switchboard);
    expect(switchboard.enabled).toBe(false);
    const again = await failure(h.sdk.switchboards.createSwitchboard(appId));
    expect(again.status).toBe(400);

    const list = await h.sdk.switchboards.listSwitchboards(appId);
    expect(list.switchboards.map((s: Loose) => s.id)).toEqual([switchboard.id]);

    const bot = (await h.sdk.switchboardIntegrations.createSwitchboardIntegration(
      appId,
      switchboard.id,
      Object.assign(new SunCo.SwitchboardIntegrationCreateBody('bot'), { integrationId: integration.id, deliverStandbyEvents: false }),
    )).switchboardIntegration;
    expect(bot).toBeInstanceOf(SunCo.SwitchboardIntegration);
    expect(bot.integrationId).toBe(integration.id);
    expect(bot.integrationType).toBe('custom');
    const agent = (await h.sdk.switchboardIntegrations.createSwitchboardIntegration(
      appId,
      switchboard.id,
      Object.assign(new SunCo.SwitchboardIntegrationCreateBody('agent'), { integrationType: 'zd:agentWorkspace', messageHistoryCount: 10 }),
    )).switchboardIntegration;
    expect(agent.name).toBe('agent');
    expect(agent.messageHistoryCount).toBe(10);

    const linked = await h.sdk.switchboardIntegrations.updateSwitchboardIntegration(
      appId,
      switchboard.id,
      bot.id,
      Object.assign(new SunCo.SwitchboardIntegrationUpdateBody(), { nextSwitchboardIntegrationId: agent.id }),
    );
    expect(linked.switchboardIntegration.nextSwitchboardIntegrationId).toBe(agent.id);
    const sis = await h.sdk.switchboardIntegrations.listSwitchboardIntegrations(appId, switchboard.id);
    expect(sis.switchboardIntegrations.map((s: Loose) => s.name).sort()).toEqual(['agent', 'bot']);

    const enabled = await h.sdk.switchboards.updateSwitchboard(
      appId,
      switchboard.id,
      Object.assign(new SunCo.SwitchboardUpdateBody(), { enabled: true, defaultSwitchboardIntegrationId: bot.id }),
    );
    expect(enabled.switchboard.enabled).toBe(true);
    expect(enabled.switchboard.defaultSwitchboardIntegrationId).toBe(bot.id);

    // Spec, DeleteSwitchboardIntegration: forbidden while it is the default or another one's next.
    expect((await failure(h.sdk.switchboardIntegrations.deleteSwitchboardIntegration(appId, switchboard.id, agent.id))).status).toBe(400);
    expect((await failure(h.sdk.switchboardIntegrations.deleteSwitchboardIntegration(appId, switchboard.id, bot.id))).status).toBe(400);
    const unlinked = await h.sdk.switchboardIntegrations.updateSwitchboardIntegration(
      appId,
      switchboard.id,
      bot.id,
      Object.assign(new SunCo.SwitchboardIntegrationUpdateBody(), { nextSwitchboardIntegrationId: null }),
    );
    expect(unlinked.switchboardIntegration.nextSwitchboardIntegrationId).toBeFalsy();
    await expectEmptyOk(h.log, h.sdk.switchboardIntegrations.deleteSwitchboardIntegration(appId, switchboard.id, agent.id));
    await expectEmptyOk(h.log, h.sdk.switchboards.deleteSwitchboard(appId, switchboard.id));
    const gone = await failure(h.sdk.switchboardIntegrations.listSwitchboardIntegrations(appId, switchboard.id));
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('switchboard_not_found');
    expectConformant(h.log, mark);
  });
});
