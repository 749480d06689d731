import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import { isValidOrder, orderSteps } from '../../src/plan/order.js';
import type { Plan, Step } from '../../src/plan/types.js';
import { problems } from './problems.js';
import { app, custom, integration, loaded, SALT, state, switchboard } from './fixtures.js';
import { designConfig } from './design-config.js';

const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id)!;
const before = (p: Plan, a: string, b: string) => p.steps.findIndex((s) => s.id === a) < p.steps.findIndex((s) => s.id === b);

describe('ordering: cycles the API forces', () => {
  const p = diff(loaded(designConfig()), state(), { salt: SALT });

  it('is a valid topological order', () => {
    expect(isValidOrder(p.steps)).toBe(true);
    expect(new Set(p.steps.map((s) => s.id)).size).toBe(p.steps.length);
  });

  it('creates the switchboard with no body, its integrations, then enables it with the default in one PATCH', () => {
    expect(step(p, 'app.support.switchboard:create').body).toBeUndefined();
    const link = step(p, 'app.support.switchboard:link');
    expect(link).toMatchObject({ operation: 'link', method: 'PATCH', body: { enabled: true, defaultSwitchboardIntegrationId: { $ref: 'app.support.switchboard.integration.bot' } } });
    expect(link.dependsOn).toContain('app.support.switchboard.integration.bot:create');
    expect(before(p, 'app.support.switchboard:create', 'app.support.switchboard.integration.bot:create')).toBe(true);
  });

  it('creates switchboard integrations without next, then PATCHes next (bot → agent → bot)', () => {
    expect(step(p, 'app.support.switchboard.integration.bot:create').body).toEqual({ name: 'bot', integrationId: { $ref: 'app.support.integration.bot' }, deliverStandbyEvents: false });
    expect(step(p, 'app.support.switchboard.integration.agent:create').body).toEqual({ name: 'agent', integrationType: 'zd:agentWorkspace', messageHistoryCount: 10 });
    expect(step(p, 'app.support.switchboard.integration.bot:link').body).toEqual({ nextSwitchboardIntegrationId: { $ref: 'app.support.switchboard.integration.agent' } });
    expect(step(p, 'app.support.switchboard.integration.bot:link').dependsOn).toContain('app.support.switchboard.integration.agent:create');
    expect(step(p, 'app.support.switchboard.integration.agent:link').dependsOn).toContain('app.support.switchboard.integration.bot:create');
  });

  it('creates an integration without defaultResponderId and PATCHes it once the switchboard integration exists', () => {
    const create = step(p, 'app.support.integration.website:create');
    expect(create.body).not.toHaveProperty('defaultResponderId');
    const link = step(p, 'app.support.integration.website:link');
    expect(link).toMatchObject({ path: '/v2/apps/{{app.support}}/integrations/{{app.support.integration.website}}', body: { defaultResponderId: { $ref: 'app.support.switchboard.integration.bot' } } });
    expect(link.dependsOn).toEqual(expect.arrayContaining(['app.support.integration.website:create', 'app.support.switchboard.integration.bot:create']));
    // The switchboard integration in turn waits for the integration it routes to.
    expect(step(p, 'app.support.switchboard.integration.bot:create').dependsOn).toContain('app.support.integration.bot:create');
  });

  it('orderSteps refuses a cycle', () => {
    const s = (id: string, dependsOn: string[]): Step => ({ id, address: id, kind: 'app', operation: 'update', method: 'PATCH', path: '/', dependsOn, app: 'a' });
    expect(() => orderSteps([s('a', ['b']), s('b', ['a'])])).toThrow(/cycle/);
    expect(orderSteps([s('a', ['b']), s('b', [])]).map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('ordering: deletes and replacements that references depend on', () => {
  const sbLive = (sis: Parameters<typeof switchboard>[1], raw = { id: 'sb', enabled: true, defaultSwitchboardIntegrationId: 'si1' }) => switchboard(raw, sis);

  it('moves the default and unsets next before deleting a switchboard integration', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, {
      integration: [custom({ id: 'ib', displayName: 'Bot' }, [{ id: 'w', target: 'https://b', triggers: ['x'] }])],
      switchboard: [sbLive([
        { id: 'si1', name: 'old', integrationId: 'ib', integrationType: 'custom', nextSwitchboardIntegrationId: null },
        { id: 'si2', name: 'agent', integrationType: 'zd:agentWorkspace', integrationId: 'zz', nextSwitchboardIntegrationId: 'si1' },
      ])],
    }));
    const cfg = loaded({ prune: true, apps: { s: { displayName: 'S',
      integrations: { bot: { type: 'custom', displayName: 'Bot', webhooks: { w: { target: 'https://b', triggers: ['x'] } } } },
      switchboard: { enabled: true, default: 'agent', integrations: { agent: { integrationType: 'zd:agentWorkspace' } } } } } });
    const p = diff(cfg, live, { salt: SALT });
    const del = step(p, 'app.s.switchboard.integration[si1]:delete');
    expect(del.dependsOn).toEqual(expect.arrayContaining(['app.s.switchboard:update', 'app.s.switchboard.integration.agent:update']));
    expect(step(p, 'app.s.switchboard:update').body).toEqual({ defaultSwitchboardIntegrationId: { $ref: 'app.s.switchboard.integration.agent' } });
    expect(step(p, 'app.s.switchboard.integration.agent:update').body).toEqual({ nextSwitchboardIntegrationId: null });
    expect(p.changes.find((c) => c.address === 'app.s.switchboard.integration.agent')).toMatchObject({ action: 'update', fields: [{ field: 'nextSwitchboardIntegrationId', before: { $ref: 'app.s.switchboard.integration[si1]' }, after: null }] });
    expect(isValidOrder(p.steps)).toBe(true);
    expect(before(p, 'app.s.switchboard:update', 'app.s.switchboard.integration[si1]:delete')).toBe(true);
  });

  it('refuses to delete the default switchboard integration when no other default is declared', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { switchboard: [sbLive([{ id: 'si1', name: 'old', integrationType: 'zd:agentWorkspace', integrationId: 'zz' }])] }));
    const cfg = loaded({ prune: true, apps: { s: { displayName: 'S', switchboard: { integrations: {} } } } });
    expect(problems(() => diff(cfg, live, { salt: SALT }))).toMatch(/app\.s\.switchboard\.integration\[si1\]: cannot be deleted while it is the switchboard's default; set `default` of app\.s\.switchboard/);
  });

  it('replaces an integration that switchboard integrations point to create-first, repointing them before the delete', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, {
      integration: [integration({ id: 'i1', type: 'twilio', displayName: 'SMS', accountSid: 'AC1' })],
      switchboard: [sbLive([{ id: 'si1', name: 'sms', integrationId: 'i1', integrationType: 'twilio' }])],
    }));
    const cfg = loaded({ apps: { s: { displayName: 'S',
      integrations: { sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC2' } },
      switchboard: { integrations: { sms: { integration: 'sms' } } } } } });
    const p = diff(cfg, live, { salt: SALT });
    const ids = p.steps.map((s) => s.id);
    expect(ids).toEqual(['app.s.integration.sms:create', 'app.s.switchboard.integration.sms:update', 'app.s.integration.sms:delete', 'app.s:bookkeeping']);
    expect(step(p, 'app.s.integration.sms:create').adopt).toMatchObject({ excludeIds: ['i1'] });
    expect(step(p, 'app.s.switchboard.integration.sms:update')).toMatchObject({ body: { integrationId: { $ref: 'app.s.integration.sms' } }, dependsOn: ['app.s.integration.sms:create'] });
    expect(step(p, 'app.s.integration.sms:delete').dependsOn).toEqual(expect.arrayContaining(['app.s.integration.sms:create', 'app.s.switchboard.integration.sms:update']));
    expect(p.changes.find((c) => c.address === 'app.s.switchboard.integration.sms')).toMatchObject({
      reason: 'repointed to the replacement of app.s.integration.sms',
      // Never "X → X": before names the old object, after the replacement.
      fields: [{ field: 'integrationId', before: { $ref: 'id:i1' }, after: { $ref: 'app.s.integration.sms' } }],
    });
  });

  it('maps a live defaultResponder back to the switchboard integration address (no phantom diff)', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, {
      integration: [integration({ id: 'i1', type: 'web', displayName: 'Web', defaultResponder: { name: 'bot', integrationId: 'ib', inherited: false } })],
      switchboard: [sbLive([{ id: 'si1', name: 'bot', integrationType: 'zd:agentWorkspace', integrationId: 'zz' }])],
    }));
    const cfg = (responder: string) => loaded({ apps: { s: { displayName: 'S',
      integrations: { web: { type: 'web', displayName: 'Web', defaultResponder: responder } },
      switchboard: { integrations: { bot: { integrationType: 'zd:agentWorkspace' }, other: { integrationType: 'x:y' } } } } } });
    expect(diff(cfg('bot'), live, { salt: SALT }).changes.filter((c) => c.action !== 'create')).toEqual([]);
    const p = diff(cfg('other'), live, { salt: SALT });
    expect(step(p, 'app.s.integration.web:update')).toMatchObject({ body: { defaultResponderId: { $ref: 'app.s.switchboard.integration.other' } }, dependsOn: ['app.s.switchboard.integration.other:create'] });
  });
});

describe('ordering: pruning a switchboard', () => {
  it('deletes the switchboard (and with it its switchboard integrations) before the integrations they route to', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, {
      integration: [integration({ id: 'i1', type: 'twilio', displayName: 'SMS', accountSid: 'AC1' })],
      switchboard: [switchboard({ id: 'sb', enabled: true, defaultSwitchboardIntegrationId: 'si1' }, [{ id: 'si1', name: 'sms', integrationId: 'i1', integrationType: 'twilio' }])],
    }));
    const p = diff(loaded({ apps: { s: { displayName: 'S' } } }), live, { salt: SALT, prune: true });
    expect(p.steps.map((s) => s.id)).toEqual(['app.s.switchboard:delete', 'app.s.integration[i1]:delete', 'app.s:bookkeeping']);
    expect(step(p, 'app.s.integration[i1]:delete').dependsOn).toEqual(['app.s.switchboard:delete']);
  });
});
