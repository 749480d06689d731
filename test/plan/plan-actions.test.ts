/**
 * `sunco-plan` against the emulator, preloaded with exactly what test/plan/design.sunco.yaml
 * declares, for each kind and each action: the JSON document and the text are asserted.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type EmulatorState, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { designLiveState } from '../state/live-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the config is edited as plain YAML data */
type Config = any;
interface Doc {
  summary: Record<string, number>;
  hasChanges: boolean;
  changes: { address: string; kind: string; action: string; fields: { field: string; before?: unknown; after?: unknown; sensitive?: boolean }[]; reason?: string }[];
  steps: { id: string; dependsOn: string[] }[];
  notes: { code: string; address: string; message: string }[];
}

const design = parse(readFileSync(new URL('./design.sunco.yaml', import.meta.url), 'utf8')) as Config;
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Writes the edited design config, starts the emulator, and returns a `sunco-plan ARGS` runner. */
async function setup(edit: (c: Config) => void = () => undefined, state: EmulatorState = designLiveState('tok-1')) {
  emu = await startEmulator({ port: 0, initialState: state });
  const dir = mkdtempSync(join(tmpdir(), 'sunco-plan-actions-'));
  const config = structuredClone(design);
  edit(config);
  writeFileSync(join(dir, 'sunco.yaml'), stringify(config));
  const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret, TWILIO_AUTH_TOKEN: 'tok-1' };
  return (args: string[], extra: Record<string, string> = {}): Promise<CliResult> => runCli(args, { cwd: dir, env: { ...env, ...extra }, only: 'plan' });
}

function doc(r: CliResult): Doc {
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Doc;
}

const actions = (d: Doc) => Object.fromEntries(d.changes.map((c) => [c.address, c.action]));
const fields = (d: Doc, address: string) => d.changes.find((c) => c.address === address)!.fields;

/** No field is ever shown as a change when its before equals its after. */
function expectNoNoOps(d: Doc): void {
  for (const c of d.changes) for (const f of c.fields) if ('before' in f && 'after' in f) expect(JSON.stringify(f.before), `${c.address} ${f.field}`).not.toBe(JSON.stringify(f.after));
}

describe('sunco-plan against the emulator, per kind and action', () => {
  it('creates every kind, breaking the cycles with link PATCHes after the creates (--emulator)', async () => {
    const plan = await setup();
    const d = doc(await plan(['--emulator', '--json']).then((r) => ({ ...r, stderr: '' })));
    expect(new Set(d.changes.map((c) => c.kind))).toEqual(new Set(['app', 'app-key', 'integration', 'integration-key', 'webhook', 'switchboard', 'switchboard-integration']));
    expect(d.changes.every((c) => c.action === 'create')).toBe(true);
    const at = (id: string) => d.steps.findIndex((s) => s.id === id);
    for (const link of ['app.support.switchboard', 'app.support.switchboard.integration.bot', 'app.support.switchboard.integration.agent', 'app.support.integration.website']) {
      expect(at(`${link}:link`)).toBeGreaterThan(at(`${link}:create`));
    }
    expect(at('app.support.switchboard.integration.bot:link')).toBeGreaterThan(at('app.support.switchboard.integration.agent:create'));
    expect(at('app.support.switchboard:link')).toBeGreaterThan(at('app.support.switchboard.integration.bot:create'));
    expect(at('app.support.integration.website:link')).toBeGreaterThan(at('app.support.switchboard.integration.bot:create'));
    const text = (await plan(['--emulator'])).stdout;
    expect(text.startsWith('Resource actions are indicated with the following symbols:\n  + create\n\n')).toBe(true);
    expect(text).toContain('  # app.support.switchboard will be created\n  + app.support.switchboard (switchboard)\n      + enabled: true\n      + default: bot\n');
  });

  it('updates or replaces each kind as its field rules say', async () => {
    const plan = await setup((c) => {
      const s = c.apps.support;
      s.settings.conversationRetentionSeconds = 3600;
      s.keys.deployer = { id: 'app_000000000000000000000001', displayName: 'CI deployer 2' };
      s.integrations.website.brandColor = 'ff0000';
      s.integrations.sms.accountSid = 'AC999';
      s.integrations.bot.webhooks.main.includeFullUser = false;
      s.integrations.bot.keys.runtime = { id: 'int_000000000000000000000001', displayName: 'bot runtime 2' };
      s.switchboard.enabled = false;
      s.switchboard.integrations.agent.messageHistoryCount = 5;
    });
    const d = doc(await plan(['--json']));
    expect(actions(d)).toEqual({
      'app.support': 'update',
      'app.support.key.deployer': 'replace',
      'app.support.integration.website': 'update',
      'app.support.integration.sms': 'replace',
      'app.support.integration.bot.webhook.main': 'update',
      'app.support.integration.bot.key.runtime': 'replace',
      'app.support.switchboard': 'update',
      'app.support.switchboard.integration.agent': 'update',
      'app.support.key[app_000000000000000000000002]': 'unmanaged',
    });
    expect(d.summary).toEqual({ create: 0, update: 5, replace: 3, delete: 0, unmanaged: 1 });
    // The twilio token is re-sent unchanged by the replace: no fingerprint change on the app.
    expect(fields(d, 'app.support')).toEqual([{ field: 'settings.conversationRetentionSeconds', before: 2592000, after: 3600 }]);
    expect(fields(d, 'app.support.integration.sms')).toEqual([{ field: 'accountSid', before: 'AC0123456789', after: 'AC999', forcesReplacement: true }]);
    expect(fields(d, 'app.support.switchboard')).toEqual([{ field: 'enabled', before: true, after: false }]);
    expectNoNoOps(d);
    const text = (await plan([])).stdout;
    expect(text).toContain('  # app.support.key.deployer must be replaced (displayName forces replacement)\n-/+ app.support.key.deployer (app-key)  # id app_000000000000000000000001\n      ~ displayName: "CI deployer" → "CI deployer 2"  # forces replacement\n');
    expect(text).toContain('  # app.support.integration.bot.webhook.main will be updated in-place\n  ~ app.support.integration.bot.webhook.main (webhook)  # id w00000000000000000000001\n      ~ includeFullUser: true → false\n');
    expect(text).not.toMatch(/: (.+) → \1(\s|$)/m);
    expect(text).toContain('Plan: 0 to create, 5 to update, 3 to replace, 0 to delete. 1 unmanaged.');
  });

  it('lists what the config does not declare as unmanaged; --prune deletes it, moving references first', async () => {
    const plan = await setup((c) => {
      const s = c.apps.support;
      delete s.keys;
      delete s.integrations.bot.webhooks.audit;
      delete s.integrations.bot.keys;
      delete s.switchboard.integrations.agent;
      delete s.switchboard.integrations.bot.next;
      delete c.apps.marketing.integrations;
    });
    const unmanaged = [
      'app.support.key[app_000000000000000000000001]',
      'app.support.key[app_000000000000000000000002]',
      'app.support.integration.bot.webhook[w00000000000000000000002]',
      'app.support.integration.bot.key[int_000000000000000000000001]',
      'app.support.switchboard.integration[s00000000000000000000002]',
      'app.marketing.integration[i00000000000000000000004]',
    ];
    const kept = await plan(['--json', '--detailed-exitcode']);
    expect(kept.code).toBe(0);
    const d = doc(kept);
    expect(d.hasChanges).toBe(false);
    expect(Object.keys(actions(d)).sort()).toEqual([...unmanaged].sort());
    expect(d.changes.every((c) => c.action === 'unmanaged')).toBe(true);
    const text = (await plan([])).stdout;
    expect(text).toContain('  ? app.support.switchboard.integration[s00000000000000000000002] (switchboard-integration)  # not in the configuration: "agent"\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('No changes. Live state matches the configuration. 6 unmanaged.');

    const pruned = await plan(['--json', '--prune', '--detailed-exitcode']);
    expect(pruned.code).toBe(2);
    const p = doc(pruned);
    expect(p.summary).toEqual({ create: 0, update: 1, replace: 0, delete: 6, unmanaged: 0 });
    // The bot entry's next points at the deleted agent: unset first.
    expect(fields(p, 'app.support.switchboard.integration.bot')).toEqual([{ field: 'nextSwitchboardIntegrationId', configField: 'next', before: { $ref: 'app.support.switchboard.integration[s00000000000000000000002]' }, after: null }]);
    expect(p.steps.find((s) => s.id === 'app.support.switchboard.integration[s00000000000000000000002]:delete')!.dependsOn).toContain('app.support.switchboard.integration.bot:update');
    const prunedText = (await plan(['--prune'])).stdout;
    expect(prunedText).toContain('  # app.marketing.integration[i00000000000000000000004] will be deleted (not in the configuration: web "Landing")\n  - app.marketing.integration[i00000000000000000000004] (integration)  # id i00000000000000000000004\n');
  });

  it('deletes an app declared absent: true', async () => {
    const plan = await setup((c) => {
      c.apps.marketing = { displayName: 'Acme Marketing', absent: true };
    });
    const d = doc(await plan(['--json']));
    expect(d.changes.filter((c) => c.action !== 'unmanaged')).toEqual([{ address: 'app.marketing', kind: 'app', action: 'delete', fields: [], reason: 'absent: true', liveId: 'a00000000000000000000002' }]);
    expect((await plan([])).stdout).toContain('  # app.marketing will be deleted (absent: true)\n  - app.marketing (app)  # id a00000000000000000000002\n');
  });

  it('--prune deletes an undeclared switchboard (its switchboard integrations go with it)', async () => {
    const plan = await setup((c) => {
      delete c.apps.support.switchboard;
      delete c.apps.support.integrations.website.defaultResponder;
    });
    const d = doc(await plan(['--json', '--prune']));
    expect(d.changes.filter((c) => c.action !== 'unmanaged')).toEqual([
      { address: 'app.support.key[app_000000000000000000000002]', kind: 'app-key', action: 'delete', fields: [], reason: 'not in the configuration: "someone else"', liveId: 'app_000000000000000000000002' },
      { address: 'app.support.switchboard', kind: 'switchboard', action: 'delete', fields: [], reason: 'not in the configuration: switchboard', liveId: 'b00000000000000000000001' },
    ]);
    expect((await plan(['--prune'])).stdout).toContain('  # app.support.switchboard will be deleted (not in the configuration: switchboard)\n  - app.support.switchboard (switchboard)  # id b00000000000000000000001\n');
  });

  it('replaces create-first (+/-) an integration a switchboard integration routes to, repointing it', async () => {
    const state = designLiveState('tok-1');
    const agent = state.provisioning.apps[0]!.switchboard!.integrations[1]!;
    Object.assign(agent, { integrationId: 'i00000000000000000000002', integrationType: 'twilio' });
    const plan = await setup((c) => {
      c.apps.support.integrations.sms.accountSid = 'AC999';
      c.apps.support.switchboard.integrations.agent = { integration: 'sms', messageHistoryCount: 10, next: 'bot' };
    }, state);
    const d = doc(await plan(['--json']));
    expect(d.steps.map((s) => s.id)).toEqual(['app.support.integration.sms:create', 'app.support.switchboard.integration.agent:update', 'app.support.integration.sms:delete', 'app.support:bookkeeping']);
    expect(fields(d, 'app.support.switchboard.integration.agent')).toEqual([{ field: 'integrationId', configField: 'integration', before: { $ref: 'id:i00000000000000000000002' }, after: { $ref: 'app.support.integration.sms' } }]);
    expectNoNoOps(d);
    const text = (await plan([])).stdout;
    expect(text).toContain('+/- create replacement and then delete\n');
    expect(text).toContain('  # app.support.integration.sms must be replaced (accountSid forces replacement)\n+/- app.support.integration.sms (integration)  # id i00000000000000000000002\n');
    expect(text).toContain('  # app.support.switchboard.integration.agent will be updated in-place (repointed to the replacement of app.support.integration.sms)\n  ~ app.support.switchboard.integration.agent (switchboard-integration)  # id s00000000000000000000002\n      ~ integration: (id i00000000000000000000002) → sms\n');
  });

  it('sees a changed write-only value, without ever printing it', async () => {
    const plan = await setup();
    const d = doc(await plan(['--json'], { TWILIO_AUTH_TOKEN: 'tok-2' }));
    expect(fields(d, 'app.support.integration.sms')).toEqual([{ field: 'authToken', sensitive: true, forcesReplacement: true }]);
    // The new fingerprint is bookkeeping: no change of the app, one note.
    expect(d.changes.find((c) => c.address === 'app.support')).toBeUndefined();
    expect(d.notes.map((n) => n.code)).toEqual(['bookkeeping']);
    expectNoNoOps(d);
    const text = await plan([], { TWILIO_AUTH_TOKEN: 'tok-2' });
    expect(text.stdout).toContain('  # app.support.integration.sms must be replaced (authToken forces replacement)\n-/+ app.support.integration.sms (integration)  # id i00000000000000000000002\n      ~ authToken: (sensitive)  # forces replacement\n');
    expect(text.stdout + text.stderr + JSON.stringify(d)).not.toContain('tok-2');
  });

  it('refuses to replace a protected entry, naming file:line:column, before any write', async () => {
    const plan = await setup((c) => {
      Object.assign(c.apps.support.integrations.sms, { accountSid: 'AC999', protect: true });
    });
    const r = await plan(['--json', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: The plan cannot be made \(1 problem\):\n {2}- sunco\.yaml:\d+:\d+: app\.support\.integration\.sms: protect: true, but the plan would replace it \(accountSid forces replacement\)\n$/);
    expect(emu!.requestLog.every((e) => e.method === 'GET')).toBe(true);
  });

  it('refuses an ambiguous match, naming both live objects', async () => {
    const state = designLiveState('tok-1');
    const twin = { id: 'i00000000000000000000009', type: 'web', status: 'active', displayName: 'Website', fields: {}, generated: {}, webhooks: [], keys: [] };
    (state.provisioning.apps[0]!.integrations as unknown[]).push(twin);
    const plan = await setup(undefined, state);
    const r = await plan([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/app\.support\.integration\.website: 2 live objects fit \(i00000000000000000000001 web "Website", i00000000000000000000009 web "Website"\); pin one with `id`/);
    expect(r.stderr).not.toContain('    at ');
  });
});
