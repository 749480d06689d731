/**
 * `sunco export` round trips against the emulator, from state made with raw API calls
 * (test/export/seed.ts): export, fill the variables, validate, plan (empty), edit one field,
 * plan (exactly that update), apply (records fingerprints, changes nothing else).
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDotenv } from '../../../src/config/dotenv.js';
import type { Change, Plan } from '../../../src/plan/types.js';
import { withoutReservedKeys } from '../../../src/resources/reserved-keys.js';
import { runCli, type CliResult } from '../../helpers/cli.js';
import { type Seeded, seed } from '../../export/seed.js';

let seeded: Seeded | undefined;
afterEach(async () => {
  await seeded?.emu.close();
  seeded = undefined;
});

const tmp = (): string => mkdtempSync(join(tmpdir(), 'sunco-export-'));

/** Every secret value the account holds: the seeded S3CR3T… values and what the emulator generated. */
function secretValues(s: Seeded): string[] {
  const out = new Set<string>(['S3CR3T', s.env.SUNCO_KEY_SECRET!]);
  for (const app of s.emu.store.state.provisioning.apps) {
    for (const k of app.keys) out.add(k.secret);
    for (const i of app.integrations) {
      for (const v of Object.values(i.generated)) if (typeof v === 'string' && /secret|^[0-9a-f]{32}$/i.test(v)) out.add(v);
      for (const w of i.webhooks) out.add(w.secret);
      for (const k of i.keys) out.add(k.secret);
    }
  }
  return [...out];
}

function expectNoSecret(s: Seeded, ...texts: string[]): void {
  for (const text of texts) for (const secret of secretValues(s)) expect(text).not.toContain(secret);
}

/** Fills the --vars-out template: channel credentials from the secrets file, write-only values with anything (never sent). */
function fillVars(template: string, secretsFile?: string): string {
  const secrets = secretsFile ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, { secret: string }>) : {};
  let savedKey: string | undefined;
  return template.split('\n').map((line) => {
    const saved = /under "(.+)"$/.exec(line);
    if (saved) savedKey = saved[1];
    const m = /^([A-Z0-9_]+)=$/.exec(line);
    if (!m) return line;
    const value = savedKey ? secrets[savedKey]!.secret : `filled-${m[1]!.toLowerCase()}`;
    savedKey = undefined;
    return `${m[1]}=${value}`;
  }).join('\n');
}

interface Exported {
  dir: string;
  result: CliResult;
  varFile: string;
}

async function exportAndFill(s: Seeded, args: string[], env = s.env): Promise<Exported> {
  const dir = tmp();
  const result = await runCli(['export', ...args, '--vars-out', 'vars.env', '--secrets-out', 'secrets.json'], { cwd: dir, env });
  expect(result.stderr).not.toMatch(/^Error/m);
  expect(result.code).toBe(0);
  writeFileSync(join(dir, 'filled.env'), fillVars(readFileSync(join(dir, 'vars.env'), 'utf8'), join(dir, 'secrets.json')));
  return { dir, result, varFile: 'filled.env' };
}

async function planJson(dir: string, file: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<Plan> {
  const r = await runCli(['plan', '-f', file, '--var-file', 'filled.env', '--json', ...extra], { cwd: dir, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

/** Changes other than recording fingerprints of write-only values (bookkeeping). */
const real = (p: Plan): Change[] => p.changes.filter((c) => c.reason !== 'records fingerprints of write-only values');

describe('sunco export', () => {
  it('every kind and all 16 types: export, validate, plan is empty; the YAML, stdout and stderr hold no secret', async () => {
    const s = (seeded = await seed());
    const { dir, result } = await exportAndFill(s, ['--app', s.appId, '-o', 'sunco.yaml']);
    const yaml = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    expect(yaml.split('\n').slice(0, 1)).toEqual([expect.stringMatching(/^# yaml-language-server: \$schema=.*schema\/sunco\.schema\.json$/)]);
    expect(yaml).toMatch(/\nversion: 1\n(variables:\n(?: {2}.*\n)+)?apps:\n {2}acme-support:\n/);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Exported 1 app to sunco.yaml (read with 7 API requests).\n27 variables to fill in before planning: see vars.env.\nSaved 12 secrets to secrets.json (mode 0600).\n');
    expectNoSecret(s, yaml, result.stdout, result.stderr, readFileSync(join(dir, 'vars.env'), 'utf8'));
    for (const type of ['android', 'apple', 'custom', 'instagram', 'ios', 'line', 'mailgun', 'messagebird', 'messenger', 'telegram', 'twilio', 'twitter', 'unity', 'viber', 'web', 'whatsapp']) {
      expect(yaml).toContain(`        type: ${type}\n`);
    }

    expect(await runCli(['validate', '-f', 'sunco.yaml', '--var-file', 'filled.env'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'OK: 1 app, 26 resources in sunco.yaml\n' });
    const plan = await planJson(dir, 'sunco.yaml', s.env);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
    expect(real(plan)).toEqual([]);
    // Only sunco's bookkeeping (fingerprints of the adopted write-only values): one PATCH of the app's metadata.
    expect(plan.steps.map((st) => [st.method, st.path])).toEqual([['PATCH', '/v2/apps/{{app.acme-support}}']]);
  });

  it('writes the secrets the API returns to --secrets-out only (mode 0600), keyed like sunco-apply keys them', async () => {
    const s = (seeded = await seed());
    const { dir } = await exportAndFill(s, ['--app', s.appId, '-o', 'sunco.yaml']);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { id: string; secret: string }>;
    const app = s.emu.store.state.provisioning.apps.find((a) => a.id === s.appId)!;
    const bot = app.integrations.find((i) => i.displayName === 'Support bot')!;
    expect(saved['app.acme-support.key.ci-deployer']).toEqual({ id: app.keys[0]!.id, secret: app.keys[0]!.secret });
    expect(saved['app.acme-support.integration.support-bot.webhook.bot-acme-example']).toEqual({ id: bot.webhooks[0]!.id, secret: bot.webhooks[0]!.secret });
    expect(saved['app.acme-support.integration.support-bot.key.bot-runtime']).toEqual({ id: bot.keys[0]!.id, secret: bot.keys[0]!.secret });
    expect(saved['app.acme-support.integration.messagebird']?.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(saved['app.acme-support.integration.line#channelSecret']).toEqual({ id: s.integrations.LINE, secret: 'S3CR3T-line-secret' });
    expect(saved['app.acme-support.integration.messenger#pageAccessToken']?.secret).toBe('S3CR3T-fb-page');
    expect(Object.keys(saved).sort()).toEqual([
      'app.acme-support.integration.apple-messages#authenticationMessageSecret',
      'app.acme-support.integration.email#signingKey',
      'app.acme-support.integration.line#channelAccessToken',
      'app.acme-support.integration.line#channelSecret',
      'app.acme-support.integration.messagebird',
      'app.acme-support.integration.messenger#pageAccessToken',
      'app.acme-support.integration.support-bot.key.bot-runtime',
      'app.acme-support.integration.support-bot.webhook.audit-acme-example',
      'app.acme-support.integration.support-bot.webhook.bot-acme-example',
      'app.acme-support.integration.whatsapp#accountManagementAccessToken',
      'app.acme-support.key.ci-deployer',
      'app.acme-support.key.ci-deployer-2',
    ]);
    // The template names each variable's field, and where a read-back credential's value was saved.
    const vars = readFileSync(join(dir, 'vars.env'), 'utf8');
    expect(vars).toContain('# app.acme-support.integration.telegram: token (write-only: the API never returns it)\nACME_SUPPORT_TELEGRAM_TOKEN=\n');
    expect(vars).toContain('# app.acme-support.integration.line: channelSecret (a credential the API reads back)\n#   its current value is in secrets.json under "app.acme-support.integration.line#channelSecret"\nACME_SUPPORT_LINE_CHANNEL_SECRET=\n');
    expect(parseDotenv(vars).values.size).toBe(27);
  });

  it('names, references and defaults: slugs unique within their parent, references by name, API defaults and reserved metadata keys left out', async () => {
    const s = (seeded = await seed());
    const r = await runCli(['export', '--app', s.appId], { env: s.env });
    expect(r.code).toBe(0);
    const y = r.stdout;
    // Display names that collide when slugged.
    expect(y).toContain('      ci-deployer:\n        displayName: CI deployer\n      ci-deployer-2:\n        displayName: ci deployer!\n');
    expect(y).toContain('      website:\n        type: web\n        displayName: Website\n');
    expect(y).toContain('      website-2:\n        type: web\n        displayName: website!\n        displayStyle: tab\n');
    // Two integrations of one type.
    expect(y).toContain('      telegram:\n        type: telegram\n        displayName: Telegram\n        token: ${ACME_SUPPORT_TELEGRAM_TOKEN}\n');
    expect(y).toContain('      telegram-eu:\n        type: telegram\n        displayName: Telegram EU\n        token: ${ACME_SUPPORT_TELEGRAM_EU_TOKEN}\n');
    // A switchboard with a next cycle, a default and a defaultResponder, all by name; no raw id anywhere.
    expect(y).toContain('    switchboard:\n      enabled: true\n      default: bot\n      integrations:\n        bot:\n          integration: support-bot\n          deliverStandbyEvents: false\n          next: agent\n');
    expect(y).toContain('        agent:\n          integrationType: zd:agentWorkspace\n          next: bot\n          messageHistoryCount: 10\n          protect: true\n');
    expect(y).toContain('        defaultResponder: agent\n');
    expect(y).not.toMatch(/[0-9a-f]{24}/);
    // Metadata without sunco's reserved keys; defaults (web brandColor 65758e, showAIDisclaimer true) left out.
    expect(y).toContain('    metadata:\n      team: support\n      tier: 3\n');
    expect(y).not.toContain('sunco:');
    expect(y).not.toContain('showAIDisclaimer: true');
    expect(y).toContain('        # Routes to zd:agentWorkspace, which Zendesk manages. protect: true keeps a plan from deleting or replacing it.\n        agent:\n');
    // The same account exports the same text, run after run.
    expect((await runCli(['export', '--app', s.appId], { env: s.env })).stdout).toBe(y);
  });

  it('export, edit one field, plan: exactly that update', async () => {
    const s = (seeded = await seed());
    const { dir } = await exportAndFill(s, ['--app', s.appId, '-o', 'sunco.yaml']);
    const yaml = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    const edits: [string, string, Change][] = [
      ['brandColor: "112233"', 'brandColor: "445566"', { address: 'app.acme-support.integration.website', kind: 'integration', action: 'update', fields: [{ field: 'brandColor', before: '112233', after: '445566' }], liveId: s.integrations.Website! }],
      ['      default: bot\n', '      default: agent\n', { address: 'app.acme-support.switchboard', kind: 'switchboard', action: 'update', fields: [{ field: expect.stringMatching(/^default(SwitchboardIntegrationId)?$/) as string, configField: 'default', before: { $ref: 'app.acme-support.switchboard.integration.bot' }, after: { $ref: 'app.acme-support.switchboard.integration.agent' } } as Change['fields'][number]], liveId: expect.any(String) as string }],
      ['      tier: 3\n', '      tier: 4\n', { address: 'app.acme-support', kind: 'app', action: 'update', fields: [{ field: 'metadata.tier', before: 3, after: 4 }], liveId: s.appId }],
    ];
    for (const [from, to, change] of edits) {
      expect(yaml).toContain(from);
      writeFileSync(join(dir, 'edited.yaml'), yaml.replace(from, to));
      const plan = await planJson(dir, 'edited.yaml', s.env);
      expect(real(plan).map((c) => ({ ...c, fields: c.fields.filter((f) => !f.field.startsWith('metadata.sunco:')) }))).toEqual([change]);
      expect(plan.summary).toEqual({ create: 0, update: 1, replace: 0, delete: 0, unmanaged: 0 });
    }
  });

  it('the first apply records fingerprints and changes nothing else; the next plan has no step (a messenger appSecret is not replaced)', async () => {
    const s = (seeded = await seed());
    const { dir } = await exportAndFill(s, ['--app', s.appId, '-o', 'sunco.yaml']);
    const before = JSON.parse(JSON.stringify(s.emu.store.state.provisioning.apps)) as typeof s.emu.store.state.provisioning.apps;
    s.emu.resetLog();
    const applied = await runCli(['apply', '-f', 'sunco.yaml', '--var-file', 'filled.env', '--yes'], { cwd: dir, env: s.env });
    expect(applied.code).toBe(0);
    expect(s.emu.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`)).toEqual([`PATCH /v2/apps/${s.appId}`]);
    const after = s.emu.store.state.provisioning.apps;
    // Everything but the reserved fingerprint key is as it was: same ids, same values.
    expect(after[0]!.metadata!['sunco:fingerprints']).toMatch(/^1\./);
    expect(withoutReservedKeys(after[0]!.metadata!)).toEqual({ team: 'support', tier: 3 });
    expect({ ...after[0]!, metadata: null }).toEqual({ ...before[0]!, metadata: null });
    expect(after[1]).toEqual(before[1]);
    expectNoSecret(s, applied.stdout, applied.stderr);

    const again = await planJson(dir, 'sunco.yaml', s.env);
    expect(again.changes).toEqual([]);
    expect(again.steps).toEqual([]);
  });

  it('--all with an account key, to -o DIR/: one file per app, which -f DIR merges back to an empty plan', async () => {
    const s = (seeded = await seed());
    const { dir, result } = await exportAndFill(s, ['--all', '-o', 'apps/']);
    expect(readdirSync(join(dir, 'apps')).sort()).toEqual(['acme-support.yaml', 'billing.yaml']);
    expect(result.stderr).toContain('Exported 2 apps to apps/acme-support.yaml, apps/billing.yaml');
    const billing = readFileSync(join(dir, 'apps', 'billing.yaml'), 'utf8');
    expect(billing).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+.*schema\/sunco\.schema\.json\n/);
    expect(billing).toContain('version: 1\napps:\n  billing:\n    displayName: Billing\n    integrations:\n      billing-widget:\n        type: web\n        displayName: Billing widget\n');
    expect(await runCli(['validate', '-f', 'apps', '--var-file', 'filled.env'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'OK: 2 apps, 27 resources in apps/acme-support.yaml, apps/billing.yaml\n' });
    const plan = await planJson(dir, 'apps', s.env);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
    expect(real(plan)).toEqual([]);

    // And as one file, the same apps plan the same.
    const one = await runCli(['export', '--all', '-o', 'all.yaml'], { cwd: dir, env: s.env });
    expect(one.code).toBe(0);
    expect(real(await planJson(dir, 'all.yaml', s.env))).toEqual([]);
  });

  it('--app ID with an app-scoped key: GET /v2/apps/{id}, the app pinned by id, no app keys, SDK integrations protected', async () => {
    const s = (seeded = await seed());
    const key = ((await s.client.post<{ key: { id: string; secret: string } }>(`/v2/apps/${s.appId}/keys`, { displayName: 'exporter' })).key);
    const env = { SUNCO_API_URL: s.emu.url, SUNCO_KEY_ID: key.id, SUNCO_KEY_SECRET: key.secret };
    s.emu.resetLog();
    const { dir } = await exportAndFill(s, ['--app', s.appId, '-o', 'sunco.yaml'], env);
    expect(s.emu.requestLog.map((e) => `${e.method} ${e.path}`)).toContain(`GET /v2/apps/${s.appId}`);
    expect(s.emu.requestLog.some((e) => e.path === '/v2/apps' || e.path.endsWith('/keys') && !e.path.includes('/integrations/'))).toBe(false);
    const yaml = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    expect(yaml).toContain(`  # Pinned by id: an app-scoped key finds its app by id only.\n  acme-support:\n    id: ${s.appId}\n`);
    expect(yaml).not.toMatch(/^ {4}keys:$/m);
    expect(yaml).toContain('      # An SDK integration: if it was configured in Zendesk Admin Center, the API cannot delete it. protect: true keeps a plan from deleting or replacing it.\n      website:\n');
    expect(yaml.match(/^ {8}protect: true$/gm)).toHaveLength(5); // android, ios, unity and the two web integrations
    const plan = await planJson(dir, 'sunco.yaml', env);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
    expect(real(plan)).toEqual([]);

    const byName = await runCli(['export', '--app', 'Acme Support'], { env });
    expect(byName).toMatchObject({ code: 1, stdout: '' });
    expect(byName.stderr).toBe('Error: Finding app "Acme Support" by name needs the apps list, which an app-scoped key (app_…) cannot read. Pass the app id: --app <24-hex id>.\n');
    expect((await runCli(['export', '--all'], { env })).stderr).toContain('Error: --all needs the apps list, which an app-scoped key (app_…) cannot read.');
  });

  it('--pin-ids writes every id; the plan still matches', async () => {
    const s = (seeded = await seed());
    const { dir } = await exportAndFill(s, ['--app', 'Acme Support', '-o', 'sunco.yaml', '--pin-ids']);
    const yaml = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    const app = s.emu.store.state.provisioning.apps[0]!;
    for (const id of [app.id, ...app.keys.map((k) => k.id), ...app.integrations.map((i) => i.id), app.switchboard!.id]) expect(yaml).toContain(`id: ${id}\n`);
    expect(real(await planJson(dir, 'sunco.yaml', s.env))).toEqual([]);
  });

  it('refuses bad requests with one line, before writing anything', async () => {
    const s = (seeded = await seed());
    const dir = tmp();
    writeFileSync(join(dir, 'sunco.yaml'), 'mine\n');
    const cases: [string[], string][] = [
      [[], 'Error: Name the apps to export: --app ID|NAME (repeatable), --all, or set SUNCO_APP_ID.\n'],
      [['--all', '--app', 'x'], 'Error: Give either --all or --app, not both.\n'],
      [['--app', 'Nope'], 'Error: No app named "Nope" (2 apps listed). Pass --app with an app id or an exact displayName.\n'],
      [['--app', '0123456789abcdef01234567'], 'Error: No app with id 0123456789abcdef01234567: check the id, and that the key belongs to that account or app.\n'],
      [['--app', s.appId, '-o', 'sunco.yaml'], `Error: ${join(dir, 'sunco.yaml')} already exists (-o): move it away, choose another path, or pass --force to overwrite it.\n`],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['export', ...args], { cwd: dir, env: s.env });
      expect(r).toEqual({ code: 1, stdout: '', stderr: message });
    }
    expect(readFileSync(join(dir, 'sunco.yaml'), 'utf8')).toBe('mine\n');
    expect((await runCli(['export', '--app', s.appId, '-o', 'sunco.yaml', '--force'], { cwd: dir, env: s.env })).code).toBe(0);
    expect(readFileSync(join(dir, 'sunco.yaml'), 'utf8')).toContain('acme-support:');

    // One existing file of -o DIR/ stops the export before any file is written.
    const apps = tmp();
    writeFileSync(join(apps, 'billing.yaml'), 'mine\n');
    const r = await runCli(['export', '--all', '-o', `${apps}/`, '--vars-out', join(apps, 'vars.env')], { env: s.env });
    expect(r).toEqual({ code: 1, stdout: '', stderr: `Error: ${join(apps, 'billing.yaml')} already exists (-o): move it away, choose another path, or pass --force to overwrite it.\n` });
    expect(readdirSync(apps)).toEqual(['billing.yaml']);
  });

  it('declares its variables sensitive in a top-level variables: block, where the config language has one', async () => {
    const s = (seeded = await seed());
    const { dir } = await exportAndFill(s, ['--all', '-o', 'apps/']);
    const schema = JSON.parse(readFileSync(new URL('../../../schema/sunco.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, unknown> };
    const doc = parse(readFileSync(join(dir, 'apps', 'acme-support.yaml'), 'utf8')) as { variables?: Record<string, { sensitive: boolean }> };
    const names = [...parseDotenv(readFileSync(join(dir, 'vars.env'), 'utf8')).values.keys()];
    if (schema.properties.variables) {
      expect(Object.keys(doc.variables!).sort()).toEqual(names.sort());
      expect(Object.values(doc.variables!).every((v) => v.sensitive)).toBe(true);
      // The billing app has no variable: its file declares none.
      expect(readFileSync(join(dir, 'apps', 'billing.yaml'), 'utf8')).not.toContain('variables:');
    } else {
      expect(doc.variables).toBeUndefined();
    }
  });

  it('--debug logs requests and responses without a secret in them', async () => {
    const s = (seeded = await seed());
    const r = await runCli(['export', '--app', s.appId, '--debug'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/← 200 GET .*\/integrations/);
    expectNoSecret(s, r.stdout, r.stderr);
  });
});
