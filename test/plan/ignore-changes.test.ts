/**
 * `ignoreChanges` speaks the config's names, references included, from the file to the plan:
 * a live change of an ignored field, made behind sunco's back with a raw API call, stays out
 * of the plan (against the emulator).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { makePlan } from '../../src/cli/make-plan.js';
import type { LoadedConfig } from '../../src/config/types.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { cleanup, issuesOf, load } from '../config/helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await cleanup();
});

const yaml = (ignore: string, extra: string[] = []) => [
  'version: 1',
  'apps:',
  '  a:',
  '    displayName: A',
  '    integrations:',
  '      web: { type: web, displayName: Site, defaultResponder: bot }',
  '      hook:',
  '        type: custom',
  '        webhooks:',
  '          main: { target: https://bot.example/hook, triggers: [conversation:message] }',
  '    switchboard:',
  '      enabled: true',
  '      default: bot',
  '      integrations:',
  `        bot: { integration: hook, next: agent${ignore} }`,
  '        agent: { integrationType: "zd:agentWorkspace", next: bot }',
  ...extra,
  '',
].join('\n');

async function applied(cfg: LoadedConfig): Promise<{ client: ApiClient; keyId: string; appId: string }> {
  emu = await startEmulator({ port: 0 });
  const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
  const keyId = emu.accountKey.keyId;
  const { plan } = await makePlan({ loaded: cfg, client, keyId });
  const secrets = new SecretsFile(join(mkdtempSync(join(tmpdir(), 'sunco-ign-')), 'secrets.json'));
  const report = await executePlan({ plan, client, config: cfg.config, secrets });
  expect(report.failed).toEqual([]);
  const apps = (await client.get<{ apps: { id: string }[] }>('/v2/apps')).apps;
  expect(apps).toHaveLength(1);
  return { client, keyId, appId: apps[0]!.id };
}

/** Repoints bot's `next` to itself with a raw PATCH (someone else's change). */
async function repointNext(client: ApiClient, appId: string): Promise<void> {
  const sb = (await client.get<{ switchboards: { id: string }[] }>(`/v2/apps/${appId}/switchboards`)).switchboards[0]!;
  const path = `/v2/apps/${appId}/switchboards/${sb.id}/switchboardIntegrations`;
  const sis = (await client.get<{ switchboardIntegrations: { id: string; name: string; nextSwitchboardIntegrationId?: string }[] }>(path)).switchboardIntegrations;
  const bot = sis.find((s) => s.name === 'bot')!;
  await client.request('PATCH', `${path}/${bot.id}`, { body: { nextSwitchboardIntegrationId: bot.id } });
  const after = (await client.get<{ switchboardIntegrations: { id: string; name: string; nextSwitchboardIntegrationId?: string }[] }>(path)).switchboardIntegrations;
  expect(after.find((s) => s.name === 'bot')!.nextSwitchboardIntegrationId).toBe(bot.id);
}

describe('ignoreChanges in config names', () => {
  it('ignoreChanges: [next] keeps a live change of next out of the plan', async () => {
    const cfg = await load({ 'sunco.yaml': yaml(', ignoreChanges: [next]') });
    const { client, keyId, appId } = await applied(cfg);
    await repointNext(client, appId);
    const { plan } = await makePlan({ loaded: cfg, client, keyId });
    expect(plan.changes).toEqual([]);
    expect(plan.steps).toEqual([]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
  });

  it('without it, the same live change is planned back (the test can fail)', async () => {
    const cfg = await load({ 'sunco.yaml': yaml('') });
    const { client, keyId, appId } = await applied(cfg);
    await repointNext(client, appId);
    const { plan } = await makePlan({ loaded: cfg, client, keyId });
    expect(plan.changes).toEqual([
      expect.objectContaining({
        address: 'app.a.switchboard.integration.bot', action: 'update',
        fields: [{ field: 'nextSwitchboardIntegrationId', before: { $ref: 'app.a.switchboard.integration.bot' }, after: { $ref: 'app.a.switchboard.integration.agent' } }],
      }),
    ]);
    expect(plan.summary.update).toBe(1);
  });

  it('validate refuses a name the kind does not have, at its file:line', async () => {
    const issues = await issuesOf({ 'sunco.yaml': yaml(', ignoreChanges: [nextSwitchboardIntegrationId]') });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'sunco.yaml', line: 15, code: 'unknown_ignore_field', address: 'app.a.switchboard.integration.bot' });
    expect(issues[0]!.message).toContain('"nextSwitchboardIntegrationId" is not a field of a switchboard integration');
  });

  it('accepts every reference by its config name', async () => {
    const cfg = await load({
      'sunco.yaml': yaml(', ignoreChanges: [next, integration]').replace('defaultResponder: bot }', 'defaultResponder: bot, ignoreChanges: [defaultResponder] }').replace('      default: bot', '      default: bot\n      ignoreChanges: [default]'),
    });
    expect(cfg.config.apps.a!.switchboard!.ignoreChanges).toEqual(['default']);
  });
});

type Sbi = { id: string; name: string };
/** The other reference fields, each changed live with a raw PATCH to the agent. */
const references: Array<{ field: string; apiField: string; address: string; ignore: (y: string) => string; change: (c: ApiClient, appId: string) => Promise<void> }> = [
  {
    field: 'defaultResponder', apiField: 'defaultResponderId', address: 'app.a.integration.web',
    ignore: (y) => y.replace('defaultResponder: bot }', 'defaultResponder: bot, ignoreChanges: [defaultResponder] }'),
    change: async (client, appId) => {
      const { agent } = await switchboardIds(client, appId);
      const web = (await client.get<{ integrations: { id: string; type: string }[] }>(`/v2/apps/${appId}/integrations`)).integrations.find((i) => i.type === 'web')!;
      await client.request('PATCH', `/v2/apps/${appId}/integrations/${web.id}`, { body: { defaultResponderId: agent } });
    },
  },
  {
    field: 'default', apiField: 'defaultSwitchboardIntegrationId', address: 'app.a.switchboard',
    ignore: (y) => y.replace('      default: bot', '      default: bot\n      ignoreChanges: [default]'),
    change: async (client, appId) => {
      const { sb, agent } = await switchboardIds(client, appId);
      await client.request('PATCH', `/v2/apps/${appId}/switchboards/${sb}`, { body: { defaultSwitchboardIntegrationId: agent } });
    },
  },
];

async function switchboardIds(client: ApiClient, appId: string): Promise<{ sb: string; agent: string }> {
  const sb = (await client.get<{ switchboards: { id: string }[] }>(`/v2/apps/${appId}/switchboards`)).switchboards[0]!.id;
  const sis = (await client.get<{ switchboardIntegrations: Sbi[] }>(`/v2/apps/${appId}/switchboards/${sb}/switchboardIntegrations`)).switchboardIntegrations;
  return { sb, agent: sis.find((s) => s.name === 'agent')!.id };
}

describe('ignoreChanges for each other reference, end to end', () => {
  for (const r of references) {
    it(`ignoreChanges: [${r.field}] keeps a live ${r.apiField} change out of the plan`, async () => {
      const cfg = await load({ 'sunco.yaml': r.ignore(yaml('')) });
      const { client, keyId, appId } = await applied(cfg);
      await r.change(client, appId);
      const { plan } = await makePlan({ loaded: cfg, client, keyId });
      expect(plan.changes).toEqual([]);
    });

    it(`without ignoreChanges the live ${r.apiField} change is planned back`, async () => {
      const cfg = await load({ 'sunco.yaml': yaml('') });
      const { client, keyId, appId } = await applied(cfg);
      await r.change(client, appId);
      const { plan } = await makePlan({ loaded: cfg, client, keyId });
      expect(plan.changes.map((c) => [c.address, c.action, c.fields?.map((f) => f.field)])).toEqual([[r.address, 'update', [r.apiField]]]);
    });
  }
});
