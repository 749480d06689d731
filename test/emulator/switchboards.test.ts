import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { VALID_BODIES } from './fixtures.js';
import { caller, createApp, createCustom, start, type Call } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
});
afterAll(() => emu.close());

async function setup() {
  const appId = await createApp(call, 'sb app');
  const created = await call('POST', `/v2/apps/${appId}/switchboards`);
  const sb = created.body.switchboard.id as string;
  const base = `/v2/apps/${appId}/switchboards/${sb}`;
  return { appId, sb, base, created };
}

describe('switchboards', () => {
  it('create takes no body, answers 201 disabled; list; one per app', async () => {
    const { appId, sb, created } = await setup();
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ switchboard: { id: sb, enabled: false } });
    expect((await call('GET', `/v2/apps/${appId}/switchboards`)).body).toEqual({ switchboards: [{ id: sb, enabled: false }] });
    const second = await call('POST', `/v2/apps/${appId}/switchboards`);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ errors: [{ code: 'bad_request', title: 'Only one switchboard can be created per app' }] });
  });

  it('enabling without a default → 400; default + enable in one PATCH works', async () => {
    const { base, sb } = await setup();
    const r = await call('PATCH', base, { body: { enabled: true } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'Enabled switchboard must have an associated default switchboardIntegration' }] });
    const si = await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } });
    const bad = await call('PATCH', base, { body: { defaultSwitchboardIntegrationId: '000000000000000000000000' } });
    expect(bad.status).toBe(400);
    const ok = await call('PATCH', base, { body: { enabled: true, defaultSwitchboardIntegrationId: si.body.switchboardIntegration.id } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ switchboard: { id: sb, enabled: true, defaultSwitchboardIntegrationId: si.body.switchboardIntegration.id } });
  });

  it('unknown switchboard → 404 switchboard_not_found', async () => {
    const appId = await createApp(call, 'none');
    const NF = { errors: [{ code: 'switchboard_not_found', title: 'Switchboard not found' }] };
    const base = `/v2/apps/${appId}/switchboards/000000000000000000000000`;
    expect((await call('PATCH', base, { body: { enabled: false } })).body).toEqual(NF);
    expect((await call('DELETE', base)).body).toEqual(NF);
    expect((await call('GET', `${base}/switchboardIntegrations`)).body).toEqual(NF);
  });

  it('DELETE removes its switchboard integrations and keeps the integrations', async () => {
    const { appId, base } = await setup();
    const bot = await createCustom(call, appId);
    await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'bot', integrationId: bot.id } });
    expect(await call('DELETE', base)).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `/v2/apps/${appId}/switchboards`)).body).toEqual({ switchboards: [] });
    expect(emu.store.switchboardIntegrations(appId)).toEqual([]);
    expect((await call('GET', `/v2/apps/${appId}/integrations/${bot.id}`)).status).toBe(200);
    expect((await call('POST', `/v2/apps/${appId}/switchboards`)).status).toBe(201);
  });
});

describe('switchboard integrations', () => {
  it('create 201 with integrationId (type derived) or integrationType; list; store view', async () => {
    const { appId, base } = await setup();
    const bot = await createCustom(call, appId);
    const a = await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'bot', integrationId: bot.id, deliverStandbyEvents: false } });
    expect(a.status).toBe(201);
    expect(a.body.switchboardIntegration).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'bot',
      integrationId: bot.id,
      integrationType: 'custom',
      deliverStandbyEvents: false,
      nextSwitchboardIntegrationId: null,
      messageHistoryCount: null,
    });
    const b = await call('POST', `${base}/switchboardIntegrations`, {
      body: { name: 'agent', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: a.body.switchboardIntegration.id, messageHistoryCount: 5 },
    });
    expect(b.body.switchboardIntegration).toMatchObject({ deliverStandbyEvents: true, integrationType: 'zd:agentWorkspace', messageHistoryCount: 5 });
    const list = await call('GET', `${base}/switchboardIntegrations`);
    expect(list.body.switchboardIntegrations).toEqual([a.body.switchboardIntegration, b.body.switchboardIntegration]);
    expect(emu.store.switchboardIntegrations(appId)).toEqual([
      { id: a.body.switchboardIntegration.id, name: 'bot', integrationId: bot.id, integrationType: 'custom' },
      expect.objectContaining({ name: 'agent', nextSwitchboardIntegrationId: a.body.switchboardIntegration.id }),
    ]);
  });

  it('integrationId must be an integration of the app; next must be in the same switchboard; name required', async () => {
    const { base } = await setup();
    const other = await setup();
    const otherSi = await call('POST', `${other.base}/switchboardIntegrations`, { body: { name: 'x', integrationType: 'zd:agentWorkspace' } });
    const cases = [
      { name: 'bot', integrationId: '000000000000000000000000' },
      { name: 'bot', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: otherSi.body.switchboardIntegration.id },
      { integrationType: 'zd:agentWorkspace' },
      { name: 'neither' },
      { name: 'bot', integrationType: 'zd:agentWorkspace', messageHistoryCount: 11 },
      // components.schemas.name: alphanumeric, - and _ only.
      { name: 'my bot', integrationType: 'zd:agentWorkspace' },
      { name: 'bot.v2', integrationType: 'zd:agentWorkspace' },
      { name: '', integrationType: 'zd:agentWorkspace' },
      // A custom integration is linked by integrationId, not by its type.
      { name: 'bot', integrationType: 'custom' },
    ];
    for (const body of cases) {
      const r = await call('POST', `${base}/switchboardIntegrations`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0].code).toBe('bad_request');
    }
  });

  it('at most 10 per switchboard → 400 too_many_switchboard_integrations', async () => {
    const { base } = await setup();
    for (let i = 0; i < 10; i++) {
      expect((await call('POST', `${base}/switchboardIntegrations`, { body: { name: `si${i}`, integrationType: `t${i}` } })).status).toBe(201);
    }
    const r = await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'eleventh', integrationType: 'zd:agentWorkspace' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      errors: [{ code: 'too_many_switchboard_integrations', title: 'Switchboard has reached the max number of switchboard integrations (10)' }],
    });
  });

  it('PATCH updates fields and next (cycles allowed); unknown → 404', async () => {
    const { appId, base } = await setup();
    const bot = await createCustom(call, appId);
    const a = (await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'bot', integrationType: 'custom-x' } })).body.switchboardIntegration;
    const b = (await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: a.id } })).body.switchboardIntegration;
    const p = await call('PATCH', `${base}/switchboardIntegrations/${a.id}`, { body: { nextSwitchboardIntegrationId: b.id, name: 'bot2', deliverStandbyEvents: false } });
    expect(p.status).toBe(200);
    expect(p.body.switchboardIntegration).toMatchObject({ id: a.id, name: 'bot2', nextSwitchboardIntegrationId: b.id, deliverStandbyEvents: false });
    // switchboardIntegrationUpdateBody: not both integrationId and integrationType; name as on create.
    const relinked = await call('PATCH', `${base}/switchboardIntegrations/${a.id}`, { body: { integrationId: bot.id } });
    expect(relinked.body.switchboardIntegration).toMatchObject({ integrationId: bot.id, integrationType: 'custom' });
    // Names address switchboard integrations in passControl: unique per switchboard (renaming to itself is fine).
    expect((await call('PATCH', `${base}/switchboardIntegrations/${a.id}`, { body: { name: 'bot2' } })).status).toBe(200);
    const taken = await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'zd:answerBot' } });
    expect(taken.body).toEqual({ errors: [{ code: 'bad_request', title: 'A switchboard integration named agent already exists in this switchboard' }] });
    for (const body of [{ integrationId: bot.id, integrationType: 'custom' }, { name: 'bot 3' }, { name: 'agent' }]) {
      const bad = await call('PATCH', `${base}/switchboardIntegrations/${a.id}`, { body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.errors[0].code).toBe('bad_request');
    }
    const nf = await call('PATCH', `${base}/switchboardIntegrations/000000000000000000000000`, { body: { name: 'x' } });
    expect(nf.status).toBe(404);
    expect(nf.body.errors[0].code).toBe('switchboard_integration_not_found');
  });

  it('DELETE: refused while default or while another one names it as next; then allowed', async () => {
    const { appId, base } = await setup();
    const a = (await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'bot', integrationType: 'x' } })).body.switchboardIntegration;
    const b = (await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'y', nextSwitchboardIntegrationId: a.id } })).body.switchboardIntegration;
    await call('PATCH', base, { body: { defaultSwitchboardIntegrationId: b.id } });
    const web = (await call('POST', `/v2/apps/${appId}/integrations`, { body: { ...VALID_BODIES.web, defaultResponderId: a.id } })).body.integration;

    const asNext = await call('DELETE', `${base}/switchboardIntegrations/${a.id}`);
    expect(asNext.status).toBe(400);
    expect(asNext.body.errors[0].code).toBe('bad_request');
    const asDefault = await call('DELETE', `${base}/switchboardIntegrations/${b.id}`);
    expect(asDefault.status).toBe(400);

    await call('PATCH', `${base}/switchboardIntegrations/${b.id}`, { body: { nextSwitchboardIntegrationId: null } });
    expect(await call('DELETE', `${base}/switchboardIntegrations/${a.id}`)).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `${base}/switchboardIntegrations`)).body.switchboardIntegrations.map((s: { id: string }) => s.id)).toEqual([b.id]);
    // The integration whose default responder it was no longer shows one.
    expect((await call('GET', `/v2/apps/${appId}/integrations/${web.id}`)).body.integration).not.toHaveProperty('defaultResponder');
    const nf = await call('DELETE', `${base}/switchboardIntegrations/${a.id}`);
    expect(nf.body).toEqual({ errors: [{ code: 'switchboard_integration_not_found', title: 'SwitchboardIntegration not found' }] });
  });

  it('deleting an integration keeps switchboard integrations that point to it (dangling integrationId)', async () => {
    const { appId, base } = await setup();
    const bot = await createCustom(call, appId);
    const si = (await call('POST', `${base}/switchboardIntegrations`, { body: { name: 'bot', integrationId: bot.id } })).body.switchboardIntegration;
    expect((await call('DELETE', `/v2/apps/${appId}/integrations/${bot.id}`)).status).toBe(200);
    expect((await call('GET', `${base}/switchboardIntegrations`)).body.switchboardIntegrations).toEqual([si]);
  });
});
