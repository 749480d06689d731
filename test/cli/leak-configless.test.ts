/**
 * Issue 14: values that come from variables declared `sensitive: true` into plain fields
 * (an app's displayName, a webhook target, a twilio phoneNumberSid, an integration's and a
 * key's displayName, a metadata key) are hidden by the commands that read no config: export,
 * `sunco api`, the list/get commands and --debug. They know them from the record sunco keeps
 * in the app's metadata (sunco:sensitive: field paths by object id, never values). Against
 * the emulator: apply, then every config-less output; the record follows the config (a flag
 * toggled, a rename, a delete) and every apply is followed by an empty plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SENSITIVE_KEYS_KEY } from '../../src/resources/reserved-keys.js';
import { parseSensitiveRecord, recordKey } from '../../src/resources/sensitive-record.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => h.close());

const VALUES = {
  BRAND: 'Brandname-7Q2xk Care',
  HOOK_URL: 'https://hooks.example/target-V9d3mZ',
  PN_SID: 'PN5f0c1e2d3b4a59687f0e1d2c3b4a596',
  WEB_NAME: 'Webname-Lk28Pq',
  KEY_NAME: 'Keyname-Zr61Wd',
  TEAM: 'team-value-Hs40Nc',
};
const PLAIN_TARGET = 'https://plain.example/visible';

function config(opts: { hookSensitive?: boolean; hookName?: string; withSms?: boolean; withKey?: boolean } = {}): string {
  const { hookSensitive = true, hookName = 'hook', withSms = true, withKey = true } = opts;
  return `
version: 1
variables:
  BRAND: { sensitive: true }
  HOOK_URL: { sensitive: ${hookSensitive} }
  PN_SID: { sensitive: true }
  WEB_NAME: { sensitive: true }
  KEY_NAME: { sensitive: true }
  TEAM: { sensitive: true }
apps:
  support:
    displayName: "\${BRAND}"
    metadata: { team: "\${TEAM}", region: eu }
${withKey ? '    keys:\n      ci: { displayName: "${KEY_NAME}" }' : ''}
    integrations:
      web: { type: web, displayName: "\${WEB_NAME}" }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          ${hookName}: { target: "\${HOOK_URL}", triggers: ["conversation:message"] }
          plain: { target: "${PLAIN_TARGET}", triggers: ["conversation:message"] }
${withSms ? '      sms: { type: twilio, displayName: SMS, accountSid: AC0123456789, authToken: tok-literal-1234, phoneNumberSid: "${PN_SID}" }' : ''}
`;
}

const cli = (args: string[]) => h.cli(args, { env: VALUES });

async function planIsEmpty(): Promise<void> {
  const again = await cli(['plan', '--detailed-exitcode']);
  expect(again.stdout, again.stdout + again.stderr).toContain('No changes');
  expect(again.code).toBe(0);
}

async function apply(text: string): Promise<void> {
  await h.write('sunco.yaml', text);
  const r = await cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  await planIsEmpty();
}

async function liveApp(): Promise<{ id: string; metadata: Record<string, unknown> }> {
  const apps = await h.api.listAll<{ id: string; displayName: string; metadata: Record<string, unknown> }>('/v2/apps', 'apps');
  return apps.find((a) => a.displayName === VALUES.BRAND)!;
}

async function webhookIds(appId: string): Promise<{ integration: string; hook: string; plain: string }> {
  const ints = await h.api.listAll<{ id: string; type: string }>(`/v2/apps/${appId}/integrations`, 'integrations');
  const bot = ints.find((i) => i.type === 'custom')!;
  const hooks = (await h.api.get<{ webhooks: { id: string; target: string }[] }>(`/v2/apps/${appId}/integrations/${bot.id}/webhooks`)).webhooks;
  return { integration: bot.id, hook: hooks.find((w) => w.target !== PLAIN_TARGET)!.id, plain: hooks.find((w) => w.target === PLAIN_TARGET)!.id };
}

/** Every config-less output, concatenated, with the command that printed each part. */
async function configless(appId: string, integrationId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const runs: string[][] = [
    ['apps', 'list'], ['apps', 'list', '--json'], ['apps', 'get', appId, '--json'],
    ['integrations', 'list', '--app', appId], ['integrations', 'list', '--app', appId, '--json', '--debug'],
    ['integrations', 'get', integrationId, '--app', appId, '--json'],
    ['keys', 'list', '--app', appId, '--json', '--debug'], ['webhooks', 'list', '--app', appId], ['webhooks', 'list', '--app', appId, '--json'],
    ['webhooks', 'list', '--app', appId, '--debug'],
    ['api', 'GET', `/v2/apps/${appId}/integrations/${integrationId}/webhooks`], ['api', 'GET', `/v2/apps/${appId}/integrations`, '--debug'],
    ['api', 'GET', `/v2/apps/${appId}`], ['export', '--all', '-o', 'exported.yaml', '--vars-out', 'exported.env', '--secrets-out', 'export-secrets.json'],
  ];
  for (const args of runs) {
    const r = await cli(args);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    out[args.join(' ')] = r.stdout + r.stderr;
  }
  out['file exported.yaml'] = readFileSync(join(h.dir, 'exported.yaml'), 'utf8');
  out['file exported.env'] = readFileSync(join(h.dir, 'exported.env'), 'utf8');
  return out;
}

function leaks(outputs: Record<string, string>, values: string[]): string[] {
  return Object.entries(outputs).flatMap(([where, text]) => values.filter((v) => text.includes(v)).map((v) => `${where}: ${v}`));
}

describe('config-less commands hide plain fields fed by sensitive variables', () => {
  it('after apply: export, sunco api, list/get and --debug show none of them; the record holds ids and paths only; export round-trips to an empty plan', async () => {
    await apply(config());
    const app = await liveApp();
    const ids = await webhookIds(app.id);
    const record = parseSensitiveRecord(app.metadata);
    expect(record.get('')).toEqual(['displayName', 'metadata.team']);
    expect(record.get(recordKey(ids.hook))).toEqual(['target']);
    expect(record.has(recordKey(ids.plain))).toBe(false);
    const recorded = String(app.metadata[SENSITIVE_KEYS_KEY]);
    for (const v of Object.values(VALUES)) expect(recorded).not.toContain(v);

    const outputs = await configless(app.id, ids.integration);
    expect(leaks(outputs, Object.values(VALUES))).toEqual([]);
    // What is not sensitive stays visible; what is reads (sensitive).
    expect(outputs[`webhooks list --app ${app.id}`]).toContain(PLAIN_TARGET);
    expect(outputs[`webhooks list --app ${app.id}`]).toContain('(sensitive)');
    expect(outputs[`webhooks list --app ${app.id} --debug`]).toMatch(new RegExp(`\\[debug\\].*"target":"${PLAIN_TARGET.replace(/[./]/g, '\\$&')}"`));
    expect(outputs[`api GET /v2/apps/${app.id}`]).toContain('"region": "eu"');
    expect(outputs[`api GET /v2/apps/${app.id}`]).toMatch(/"displayName": "\(sensitive\)"/);

    // Export: ${VARIABLES} declared sensitive, their values in the secrets file only.
    const exported = outputs['file exported.yaml']!;
    const doc = parse(exported) as { variables: Record<string, { sensitive?: boolean }>; apps: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.apps)).toEqual(['support']);
    const refs = [...exported.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n').matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(6);
    for (const name of refs) expect(doc.variables[name]?.sensitive, name).toBe(true);
    expect(doc.apps.support!.displayName).toMatch(/^\$\{SUPPORT_DISPLAY_NAME\}$/);
    const saved = await h.secrets('export-secrets.json');
    const vars = Object.fromEntries(readFileSync(join(h.dir, 'exported.env'), 'utf8').split('\n').filter((l) => /^[A-Z0-9_]+=$/.test(l)).map((l) => [l.slice(0, -1), '']));
    // Each variable's value is in the secrets file under the key the template names.
    const template = readFileSync(join(h.dir, 'exported.env'), 'utf8').split('\n');
    for (let i = 0; i < template.length; i++) {
      const m = /under "(.+)"$/.exec(template[i]!);
      if (m) vars[template[i + 1]!.slice(0, -1)] = saved[m[1]!]!.secret;
    }
    // The one write-only value (the API never returns it): the value applied, as a user would fill it in.
    for (const [name, v] of Object.entries(vars)) if (v === '') vars[name] = name.endsWith('AUTH_TOKEN') ? 'tok-literal-1234' : `filled-${name.toLowerCase()}`;
    const plan = await h.cli(['plan', '-f', 'exported.yaml', '--detailed-exitcode'], { env: vars });
    expect(plan.stdout + plan.stderr).toContain('No changes');
    expect(leaks({ plan: plan.stdout + plan.stderr }, Object.values(VALUES))).toEqual([]);
  });

  it('--debug of a plan masks the sensitive target by value, old and new, and shows the unrelated one', async () => {
    await apply(config());
    const rotated = { ...VALUES, HOOK_URL: 'https://hooks.example/rotated-Fq81Tb' };
    const r = await h.cli(['plan', '--debug'], { env: rotated });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`"target":"${PLAIN_TARGET}"`);
    expect(r.stderr).toMatch(/"target":"\(sensitive\)"/);
    expect(leaks({ debug: r.stdout + r.stderr }, [VALUES.HOOK_URL, rotated.HOOK_URL, VALUES.BRAND, VALUES.PN_SID])).toEqual([]);
  });

  it('a plan masks, by the record, the live values it no longer applies: an undeclared key\'s name, a rotated target', async () => {
    await apply(config());
    await h.write('sunco.yaml', config({ withKey: false }));
    const rotated = { ...VALUES, HOOK_URL: 'https://hooks.example/rotated-Fq81Tb' };
    for (const args of [['plan'], ['plan', '--json'], ['plan', '--format', 'markdown']]) {
      // The config no longer names KEY_NAME's value, nor the target before the rotation.
      const r = await h.cli(args, { env: { ...rotated, KEY_NAME: 'unused-value' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/app\.support\.key\.|unmanaged/);
      expect(leaks({ [args.join(' ')]: r.stdout + r.stderr }, [VALUES.KEY_NAME, VALUES.HOOK_URL, rotated.HOOK_URL])).toEqual([]);
    }
  });

  it('follows the config: a flag turned off and on, a rename, a delete; each apply is followed by an empty plan', async () => {
    await apply(config());
    const app = await liveApp();
    const ids = await webhookIds(app.id);
    const list = async () => (await cli(['webhooks', 'list', '--app', app.id, '--json'])).stdout;

    // No longer sensitive: one bookkeeping write (no resource change), then the target shows.
    await h.write('sunco.yaml', config({ hookSensitive: false }));
    const toggled = await cli(['plan', '--json']);
    const plan = JSON.parse(toggled.stdout) as { changes: unknown[]; steps: { id: string }[] };
    expect(plan.changes).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual(['app.support:bookkeeping']);
    await apply(config({ hookSensitive: false }));
    expect(await list()).toContain(VALUES.HOOK_URL);
    // Sensitive again: hidden again.
    await apply(config());
    expect(await list()).not.toContain(VALUES.HOOK_URL);

    // A rename of the webhook's logical name keeps the object, and its entry (keyed by id).
    await apply(config({ hookName: 'renamed' }));
    expect(parseSensitiveRecord((await liveApp()).metadata).get(recordKey(ids.hook))).toEqual(['target']);
    expect(await list()).not.toContain(VALUES.HOOK_URL);

    // The twilio integration deleted (--prune): its entry goes.
    const ints = await h.api.listAll<{ id: string; type: string }>(`/v2/apps/${app.id}/integrations`, 'integrations');
    const sms = ints.find((i) => i.type === 'twilio')!;
    expect(parseSensitiveRecord((await liveApp()).metadata).get(recordKey(sms.id))).toEqual(['phoneNumberSid']);
    await h.write('sunco.yaml', config({ hookName: 'renamed', withSms: false }));
    const pruned = await cli(['apply', '--yes', '--prune', '--secrets-out', 'secrets.json']);
    expect(pruned.code, pruned.stderr).toBe(0);
    const after = parseSensitiveRecord((await liveApp()).metadata);
    expect(after.has(recordKey(sms.id))).toBe(false);
    expect(after.get(recordKey(ids.hook))).toEqual(['target']);
    await planIsEmpty();
  });
});
