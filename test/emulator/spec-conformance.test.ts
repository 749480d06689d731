import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { SPEC_INTEGRATION_TYPES } from '../helpers/spec.js';
import { VALID_BODIES } from './fixtures.js';
import { caller, start, type Call, type CallOptions } from '../helpers/emulator.js';
import { conformanceErrors, schemaErrors } from './spec-validator.js';

let emu: RunningEmulator;
let raw: Call;
const checked: string[] = [];

/** Calls, then validates the response against the operation's schema for that status. */
async function op(operationId: string, method: string, path: string, opts: CallOptions = {}) {
  const r = await raw(method, path, opts);
  expect(conformanceErrors(operationId, r.status, r.body), `${operationId} ${r.status} ${JSON.stringify(r.body)}`).toEqual([]);
  checked.push(`${operationId} ${r.status}`);
  return r;
}

beforeAll(async () => {
  emu = await start();
  raw = caller(emu);
});
afterAll(() => emu.close());

describe('the helper', () => {
  it('rejects a body that breaks the schema, and a write-only field in a response', () => {
    expect(conformanceErrors('GetApp', 200, { app: { id: 5 } })).not.toEqual([]);
    expect(schemaErrors('twilio', { id: 'x', type: 'twilio', status: 'active', accountSid: 'AC', authToken: 't' })).not.toEqual([]);
    expect(schemaErrors('twilio', { id: 'x', type: 'twilio', status: 'active', accountSid: 'AC' })).toEqual([]);
    expect(conformanceErrors('ListAppKeys', 200, { keys: [{ id: 1 }] })).not.toEqual([]);
    expect(conformanceErrors('UpdateSwitchboard', 200, { switchboard: { enabled: true } })).not.toEqual([]);
    expect(conformanceErrors('UpdateSwitchboardIntegration', 200, { switchboardIntegration: { id: 'a', name: 'n', integrationId: null, integrationType: 't', deliverStandbyEvents: true } })).not.toEqual([]);
  });
});

describe('every provisioning endpoint answers per the spec', () => {
  it('apps, app keys, integrations (16 types), integration keys, webhooks, switchboards, switchboard integrations', async () => {
    const app = (await op('CreateApp', 'POST', '/v2/apps', { body: { displayName: 'Conf', settings: { echoPostback: true }, metadata: { a: 1 } } })).body.app;
    await op('CreateApp', 'POST', '/v2/apps', { body: {} });
    await op('ListApps', 'GET', '/v2/apps?page[size]=1');
    await op('ListApps', 'GET', '/v2/apps?page[size]=0');
    await op('GetApp', 'GET', `/v2/apps/${app.id}`);
    await op('GetApp', 'GET', '/v2/apps/000000000000000000000000');
    await op('UpdateApp', 'PATCH', `/v2/apps/${app.id}`, { body: { displayName: 'Conf 2', metadata: null } });
    await op('UpdateApp', 'PATCH', `/v2/apps/${app.id}`, { body: { metadata: { big: 'x'.repeat(5000) } } });
    await op('UpdateApp', 'PATCH', '/v2/apps/000000000000000000000000', { body: {} });

    const key = (await op('CreateAppKey', 'POST', `/v2/apps/${app.id}/keys`, { body: { displayName: 'k' } })).body.key;
    await op('ListAppKeys', 'GET', `/v2/apps/${app.id}/keys`);
    await op('GetAppKey', 'GET', `/v2/apps/${app.id}/keys/${key.id}`);
    await op('GetAppKey', 'GET', `/v2/apps/${app.id}/keys/nope`);
    await op('DeleteAppKey', 'DELETE', `/v2/apps/${app.id}/keys/${key.id}`);

    const ids: Record<string, string> = {};
    for (const type of SPEC_INTEGRATION_TYPES) {
      const r = await op('CreateIntegration', 'POST', `/v2/apps/${app.id}/integrations`, { body: VALID_BODIES[type] });
      ids[type] = r.body.integration.id;
      const got = await op('GetIntegration', 'GET', `/v2/apps/${app.id}/integrations/${ids[type]}`);
      // integrationResponse names only the base schema; the per-type one (write-only fields as
      // false schemas here) is checked too.
      for (const shown of [r.body.integration, got.body.integration]) expect(schemaErrors(type, shown), type).toEqual([]);
    }
    await op('CreateIntegration', 'POST', `/v2/apps/${app.id}/integrations`, { body: { type: 'nope' } });
    await op('ListIntegrations', 'GET', `/v2/apps/${app.id}/integrations?page[size]=5`);
    await op('ListIntegrations', 'GET', `/v2/apps/${app.id}/integrations?filter[types]=custom,web`);
    await op('GetIntegration', 'GET', `/v2/apps/${app.id}/integrations/000000000000000000000000`);
    await op('UpdateIntegration', 'PATCH', `/v2/apps/${app.id}/integrations/${ids.web}`, { body: { brandColor: '112233' } });
    await op('UpdateIntegration', 'PATCH', `/v2/apps/${app.id}/integrations/000000000000000000000000`, { body: {} });

    const custom = ids.custom ?? '';
    const ikey = (await op('CreateCustomIntegrationKey', 'POST', `/v2/apps/${app.id}/integrations/${custom}/keys`, { body: { displayName: 'rt' } })).body.key;
    await op('ListCustomIntegrationKeys', 'GET', `/v2/apps/${app.id}/integrations/${custom}/keys`);
    await op('ListCustomIntegrationKeys', 'GET', `/v2/apps/${app.id}/integrations/${ids.web}/keys`);
    await op('GetCustomIntegrationKey', 'GET', `/v2/apps/${app.id}/integrations/${custom}/keys/${ikey.id}`);
    await op('DeleteCustomIntegrationKey', 'DELETE', `/v2/apps/${app.id}/integrations/${custom}/keys/${ikey.id}`);

    const wbase = `/v2/apps/${app.id}/integrations/${custom}/webhooks`;
    const wh = (await op('CreateWebhook', 'POST', wbase, { body: { target: 'https://x.example', triggers: ['conversation:message'] } })).body.webhook;
    await op('CreateWebhook', 'POST', wbase, { body: { target: 'https://x.example' } });
    await op('CreateWebhook', 'POST', wbase.replace(custom, '000000000000000000000000'), { body: { target: 'https://x.example', triggers: [] } });
    await op('ListWebhooks', 'GET', wbase);
    await op('GetWebhook', 'GET', `${wbase}/${wh.id}`);
    await op('GetWebhook', 'GET', `${wbase}/000000000000000000000000`);
    await op('UpdateWebhook', 'PATCH', `${wbase}/${wh.id}`, { body: { includeFullSource: true } });
    await op('UpdateWebhook', 'PATCH', `${wbase}/${wh.id}`, { body: { triggers: 1 } });
    await op('DeleteWebhook', 'DELETE', `${wbase}/${wh.id}`);
    await op('DeleteWebhook', 'DELETE', `${wbase}/${wh.id}`);

    const sb = (await op('CreateSwitchboard', 'POST', `/v2/apps/${app.id}/switchboards`)).body.switchboard;
    await op('CreateSwitchboard', 'POST', `/v2/apps/${app.id}/switchboards`);
    await op('ListSwitchboards', 'GET', `/v2/apps/${app.id}/switchboards`);
    const sibase = `/v2/apps/${app.id}/switchboards/${sb.id}/switchboardIntegrations`;
    const bot = (await op('CreateSwitchboardIntegration', 'POST', sibase, { body: { name: 'bot', integrationId: custom } })).body.switchboardIntegration;
    const agent = (await op('CreateSwitchboardIntegration', 'POST', sibase, { body: { name: 'agent', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: bot.id } })).body.switchboardIntegration;
    await op('CreateSwitchboardIntegration', 'POST', sibase.replace(sb.id, '000000000000000000000000'), { body: { name: 'x', integrationType: 'y' } });
    await op('ListSwitchboardIntegrations', 'GET', sibase);
    await op('UpdateSwitchboardIntegration', 'PATCH', `${sibase}/${bot.id}`, { body: { nextSwitchboardIntegrationId: agent.id, messageHistoryCount: 3 } });
    await op('UpdateSwitchboardIntegration', 'PATCH', `${sibase}/000000000000000000000000`, { body: {} });
    await op('UpdateSwitchboard', 'PATCH', `/v2/apps/${app.id}/switchboards/${sb.id}`, { body: { enabled: true, defaultSwitchboardIntegrationId: agent.id } });
    await op('UpdateIntegration', 'PATCH', `/v2/apps/${app.id}/integrations/${ids.web}`, { body: { defaultResponderId: bot.id } });
    await op('GetIntegration', 'GET', `/v2/apps/${app.id}/integrations/${ids.web}`);
    await op('UpdateSwitchboard', 'PATCH', `/v2/apps/${app.id}/switchboards/000000000000000000000000`, { body: {} });
    await op('UpdateSwitchboardIntegration', 'PATCH', `${sibase}/${bot.id}`, { body: { nextSwitchboardIntegrationId: null } });
    await op('DeleteSwitchboardIntegration', 'DELETE', `${sibase}/${agent.id}`.replace(agent.id, bot.id));
    await op('DeleteSwitchboardIntegration', 'DELETE', `${sibase}/000000000000000000000000`);
    await op('DeleteSwitchboard', 'DELETE', `/v2/apps/${app.id}/switchboards/${sb.id}`);
    await op('DeleteSwitchboard', 'DELETE', `/v2/apps/${app.id}/switchboards/${sb.id}`);

    await op('DeleteIntegration', 'DELETE', `/v2/apps/${app.id}/integrations/${ids.web}`);
    await op('DeleteIntegration', 'DELETE', `/v2/apps/${app.id}/integrations/${ids.web}`);
    await op('DeleteApp', 'DELETE', `/v2/apps/${app.id}`);
    await op('DeleteApp', 'DELETE', `/v2/apps/${app.id}`);

    const operations = new Set(checked.map((c) => c.split(' ')[0]));
    expect(operations.size).toBe(31);
  });
});

describe('core error answers use the spec error body', () => {
  it('401, 403, 404, 405, 400 (JSON), 413', async () => {
    const app = (await raw('POST', '/v2/apps', { body: { displayName: 'E' } })).body.app;
    const key = (await raw('POST', `/v2/apps/${app.id}/keys`, { body: { displayName: 'k' } })).body.key;
    const cases: [string, number, string, string, CallOptions][] = [
      ['ListApps', 401, 'GET', '/v2/apps', { auth: null }],
      ['ListApps', 403, 'GET', '/v2/apps', { auth: { keyId: key.id, secret: key.secret } }],
      ['GetApp', 404, 'GET', '/v2/apps/000000000000000000000000', {}],
      ['ListApps', 405, 'DELETE', '/v2/apps', {}],
      ['CreateApp', 400, 'POST', '/v2/apps', { raw: '{' }],
      ['CreateApp', 413, 'POST', '/v2/apps', { raw: JSON.stringify({ displayName: 'x'.repeat(110_000) }) }],
    ];
    for (const [operationId, status, method, path, opts] of cases) {
      const r = await op(operationId, method, path, opts);
      expect(r.status).toBe(status);
      expect(r.body.errors).toHaveLength(1);
    }
  });
});

