/**
 * The leak test (issue 14): every credential field of all integration types, literal and from
 * variables (environment, --var, YAML and dotenv var files, a PEM key among them), app keys,
 * webhooks, a switchboard and sensitive metadata (a dotted key too), through plan (text, JSON,
 * markdown, --out, show), apply (text, JSON), --debug, a rotation of every value, export,
 * `sunco api`, and error paths. Every byte printed and every file written (but the secrets
 * file and the user's own inputs) is searched for every seeded value in every form a renderer
 * could print it in: zero hits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGRATION_TYPES, type IntegrationType } from '../../src/resources/fields.js';
import { runCli } from '../helpers/cli.js';
import { type Harness, harness } from '../helpers/harness.js';
import { randomBytes } from 'node:crypto';
import { credentialFields, FRAGMENT, forms, fragments, KNOWN_READ_BACK, type LeakSetup, leakSetup, specWriteOnly } from '../helpers/leak-seeds.js';

const ACCOUNT_RANDOM = randomBytes(24).toString('hex');
const ACCOUNT = { keyId: 'act_leak0123', secret: `LEAK-account-secret-${ACCOUNT_RANDOM}` };
const BASIC = Buffer.from(`${ACCOUNT.keyId}:${ACCOUNT.secret}`).toString('base64');

let h: Harness;
interface Secret {
  what: string;
  value: string;
}
/** What was seeded so far (every round), and the generated secrets once known. */
const secrets: Secret[] = [];
/** FRAGMENT-long windows of every random part, to the secret they belong to. */
const fragmentOf = new Map<string, Secret>();
function addSecret(secret: Secret, random: string[]): void {
  secrets.push(secret);
  for (const r of random) for (const f of fragments(r)) fragmentOf.set(f, secret);
}
addSecret({ what: 'account key secret', value: ACCOUNT.secret }, [ACCOUNT_RANDOM]);
addSecret({ what: 'Basic Authorization header', value: BASIC }, [BASIC]);
/** Every channel searched: `run N stdout`, `file plan.json`, … */
const channels = new Set<string>();
/** Files that are the user's own (config, var files) or the secrets file: not searched. */
const OWN = /^(sunco\.yaml|broken.*\.yaml|vars.*\.(yaml|env)|secrets.*\.json.*|export-secrets\.json.*)$/;

function seed(setup: LeakSetup): void {
  // The webhook target's token and the business name are sensitive values in plain fields: the
  // commands that read no config (export, api, list) hide them by the app's record too.
  for (const s of setup.seeds) addSecret({ what: `round ${setup.round} ${s.what} (${s.from})`, value: s.value }, s.random);
}

/** The secrets found in the text: whole, in a form a renderer prints, or 12 characters of a random part. */
function hits(channel: string, text: string): string[] {
  channels.add(channel);
  const found = new Map<Secret, string>();
  const counts = (s: Secret) => !found.has(s);
  for (const s of secrets) for (const f of forms(s.value)) if (counts(s) && text.includes(f)) found.set(s, `${channel}: ${s.what}${f === s.value ? '' : ' (a form of it)'}`);
  for (let i = 0; i + FRAGMENT <= text.length; i++) {
    const s = fragmentOf.get(text.slice(i, i + FRAGMENT));
    if (s && counts(s)) found.set(s, `${channel}: ${s.what} (a part of it: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 30))})`);
  }
  return [...found.values()];
}

/** Contents already searched, by file: a file is searched again only when it changed. */
const searched = new Map<string, string>();

/** Every file under the temp dir written or changed since the last look, but the user's own and the secrets file. */
function writtenFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const shown = rel ? `${rel}/${name}` : name;
      if (statSync(path).isDirectory()) walk(path, shown);
      else if (!OWN.test(shown)) {
        const text = readFileSync(path, 'utf8');
        if (searched.get(shown) !== text) out.set(shown, text);
        searched.set(shown, text);
      }
    }
  };
  walk(h.dir, '');
  return out;
}

let runs = 0;
/** Runs a command line and returns its leaks (stdout, stderr, every file written so far). */
async function run(args: string[], setup: LeakSetup, extra: { code?: number; tty?: boolean } = {}): Promise<{ stdout: string; stderr: string; leaks: string[] }> {
  // The commands that read the config get its variables; the environment is every command's.
  const vars = ['plan', 'apply', 'validate'].includes(args[0]!) ? ['--var-file', 'vars.yaml', '--var-file', 'vars.env', ...setup.vars] : [];
  // On a terminal: colours, which must not cut a value in two (an escape code between its
  // halves), and the live progress line on stderr.
  const tty = extra.tty ? { stdoutIsTTY: true, stderrIsTTY: true } : {};
  const r = await runCli([...args, ...vars], { cwd: h.dir, env: { ...h.env, ...setup.env }, ...tty });
  const label = `${args.slice(0, 3).join(' ')} (run ${++runs})`;
  expect(r.code, `${label}\n${r.stdout}\n${r.stderr}`).toBe(extra.code ?? 0);
  const leaks = [...hits(`${label} stdout`, r.stdout), ...hits(`${label} stderr`, r.stderr)];
  for (const [name, text] of writtenFiles()) leaks.push(...hits(`file ${name}`, text));
  return { stdout: r.stdout, stderr: r.stderr, leaks };
}

async function writeSetup(setup: LeakSetup): Promise<void> {
  await h.write('sunco.yaml', setup.config);
  await h.write('vars.yaml', setup.yamlVars);
  await h.write('vars.env', setup.dotenvVars);
}

/** The generated secrets (keys, webhooks) sunco-apply saved: they must not show elsewhere either. */
async function seedGenerated(): Promise<number> {
  const saved = await h.secrets('secrets.json');
  for (const [address, entry] of Object.entries(saved)) if (!secrets.some((s) => s.value === entry.secret)) addSecret({ what: `generated secret of ${address}`, value: entry.secret }, [entry.secret]);
  return Object.keys(saved).length;
}

const first = leakSetup(1);
const rotated = leakSetup(2);

beforeAll(async () => {
  h = await harness({ key: `${ACCOUNT.keyId}:${ACCOUNT.secret}` });
  seed(first);
  await writeSetup(first);
});
afterAll(async () => h.close());

describe('the seeds', () => {
  it('cover all 16 integration types and every credential field the spec and the issue name', () => {
    expect(INTEGRATION_TYPES).toHaveLength(16);
    for (const type of INTEGRATION_TYPES) {
      // Every write-only field of the spec's schema of the type is seeded (references aside).
      for (const field of specWriteOnly(type)) expect(credentialFields(type), `${type}.${field}`).toContain(field);
      if (specWriteOnly(type).length > 0 || (KNOWN_READ_BACK[type] ?? []).length > 0) expect(credentialFields(type).length, type).toBeGreaterThan(0);
    }
    for (const [type, fields] of Object.entries(KNOWN_READ_BACK)) for (const f of fields) expect(credentialFields(type as IntegrationType)).toContain(f);
    const perApp = INTEGRATION_TYPES.reduce((n, t) => n + credentialFields(t).length, 0);
    // Both apps (literal, variables), the metadata, webhook-target and business-name variables of each.
    expect(first.seeds).toHaveLength(2 * (perApp + 4));
    expect(new Set(first.seeds.map((s) => s.from))).toEqual(new Set(['literal', 'env', 'var', 'yaml', 'dotenv']));
    expect(first.seeds.some((s) => s.from === 'dotenv' && s.value.includes('\n'))).toBe(true);
    expect(first.dotenvVars).toMatch(/^V1_\w+="-----BEGIN PRIVATE KEY-----\\n/m);
  });
});

describe('plan, apply, rotate, export, api: zero hits', () => {
  it('plan in text, JSON and markdown, --out and show, --debug: the values of undeclared variables shown, every secret masked', async () => {
    const text = await run(['plan'], first);
    expect(text.stdout).toContain('+ displayName: "Acme Care"');
    expect(text.stdout).toContain('+ metadata.team: (sensitive)');
    expect(text.stdout).toContain('+ metadata.a.b: (sensitive)');
    expect(text.stdout).toContain('+ metadata.region: "eu-1"');
    expect(text.stdout).toContain('+ businessName: (sensitive)');
    const json = await run(['plan', '--json'], first);
    const lit = (JSON.parse(json.stdout) as { changes: { address: string; fields: unknown[] }[] }).changes.find((c) => c.address === 'app.lit')!;
    expect(lit.fields).toEqual(expect.arrayContaining([{ field: 'displayName', after: 'Acme Care' }, { field: 'metadata.team', sensitive: true }, { field: 'metadata.a.b', sensitive: true }]));
    const md = await run(['plan', '--format', 'markdown'], first);
    expect(md.stdout).toContain('| `displayName` | `"Acme Care"` |');
    expect(md.stdout).toContain('| `metadata.a.b` | (sensitive) |');
    const out = await run(['plan', '--out', 'plan.json', '--debug'], first);
    expect(out.stderr).toContain('[debug]');
    const planFile = readFileSync(join(h.dir, 'plan.json'), 'utf8');
    expect(planFile).toContain('Acme Care');
    const shown = await run(['show', 'plan.json'], first);
    expect(shown.stdout).toContain('"Acme Care"');
    const shownJson = await run(['show', 'plan.json', '--json'], first);
    expect(shownJson.stdout).toContain('Acme Care');
    const valid = [...(await run(['validate'], first)).leaks, ...(await run(['validate', '--json', '--strict'], first)).leaks];
    expect([...text.leaks, ...json.leaks, ...md.leaks, ...out.leaks, ...shown.leaks, ...shownJson.leaks, ...valid]).toEqual([]);
  });

  it('apply of the plan file (text, --debug) through a lost create response writes the sensitive metadata, dotted key included, and a re-plan is empty', async () => {
    // A network fault while a body full of secrets is in flight: the create of the LINE channel commits and its answer is lost.
    h.proxy.loseNext((m, p) => m === 'POST' && /\/integrations$/.test(p));
    const applied = await run(['apply', 'plan.json', '--secrets-out', 'secrets.json', '--debug'], first);
    expect(applied.stderr).toMatch(/\[debug\] ✗ POST/);
    // --debug shows the value of an undeclared variable, and masks the sensitive metadata by value.
    expect(applied.stderr).toMatch(/→ POST \S+\/v2\/apps body=\{"displayName":"Acme Care","metadata":\{"team":"\(sensitive\)","a\.b":"\(sensitive\)","region":"eu-1"\}/);
    expect(h.proxy.lost).toHaveLength(1);
    expect(await seedGenerated()).toBeGreaterThanOrEqual(6);
    const apps = await h.api.listAll<{ id: string; displayName: string; metadata?: Record<string, unknown> }>('/v2/apps', 'apps');
    for (const app of ['lit', 'vars']) {
      const live = apps.find((a) => a.displayName === (app === 'lit' ? 'Acme Care' : 'Acme Vars'));
      expect(live?.metadata?.team, app).toBe(first.metadata[`${app}.team`]);
      expect(live?.metadata?.['a.b'], app).toBe(first.metadata[`${app}.a.b`]);
    }
    const again = await run(['plan', '--detailed-exitcode'], first);
    expect(again.stdout).toContain('No changes');
    expect([...applied.leaks, ...again.leaks]).toEqual([]);
  });

  it('rotating every value: plan, plan --json --debug, an API error mid-apply, apply --json --debug; old and new values absent', async () => {
    seed(rotated);
    await writeSetup(rotated);
    const plan = await run(['plan'], rotated, { tty: true });
    expect(plan.stdout).toContain('\u001b[');
    expect(plan.stdout).toMatch(/pageAccessToken: .*\(sensitive\)/);
    expect(plan.stdout).toMatch(/metadata\.a\.b: .*\(sensitive\)/);
    const json = await run(['plan', '--json', '--debug'], rotated, { tty: true });
    // Signed with the key secret, a JWT would let anyone call the API: it is never printed either.
    const jwt = await run(['plan', '--auth', 'jwt', '--debug'], rotated);
    expect(json.stderr).toContain('reading live state…');
    expect(json.stderr + jwt.stdout + jwt.stderr).not.toMatch(/eyJ[\w-]{8,}|Bearer|Basic /);
    // A 4xx on a step whose body holds secrets, the error echoing one of them.
    const echoed = rotated.seeds.find((s) => s.what === 'lit-messenger-pageAccessToken')!.value;
    h.proxy.failNext((m, p) => m === 'PATCH' && /\/integrations\//.test(p), 400, 'bad_request', `invalid pageAccessToken ${echoed}`);
    const failed = await run(['apply', '--yes', '--secrets-out', 'secrets.json', '--debug'], rotated, { code: 1 });
    expect(failed.stdout + failed.stderr).toContain('bad_request');
    const applied = await run(['apply', '--yes', '--json', '--secrets-out', 'secrets.json', '--debug'], rotated);
    console.log(Object.keys(JSON.parse(applied.stdout)));
    await seedGenerated();
    const again = await run(['plan'], rotated);
    expect(again.stdout).toContain('No changes');
    expect([...plan.leaks, ...json.leaks, ...failed.leaks, ...applied.leaks, ...again.leaks]).toEqual([]);
  });

  it('export writes secrets only to --secrets-out; sunco api GET of the integrations and apps, with and without --debug; apps, integrations, keys, webhooks list', async () => {
    const exported = await run(['export', '--all', '-o', 'exported/', '--vars-out', 'exported.env', '--secrets-out', 'export-secrets.json'], rotated);
    const saved = JSON.parse(readFileSync(join(h.dir, 'export-secrets.json'), 'utf8')) as Record<string, { secret: string }>;
    expect(Object.values(saved).map((s) => s.secret)).toContain(rotated.seeds.find((s) => s.what === 'lit-line-channelSecret')!.value);
    // The sensitive metadata, dotted key too, is a variable of the export, its value saved.
    expect(saved['app.acme-care#metadata.a.b']?.secret).toBe(rotated.metadata['lit.a.b']);
    expect(saved['app.acme-care#metadata.team']?.secret).toBe(rotated.metadata['lit.team']);
    expect(readFileSync(join(h.dir, 'exported/acme-care.yaml'), 'utf8')).toMatch(/a\.b: \$\{ACME_CARE_METADATA_A_B\}/);
    const apps = await h.api.listAll<{ id: string }>('/v2/apps', 'apps');
    const leaks = [...exported.leaks];
    for (const app of apps) {
      leaks.push(...(await run(['api', 'GET', `/v2/apps/${app.id}/integrations`], rotated)).leaks);
      leaks.push(...(await run(['api', 'GET', `/v2/apps/${app.id}/integrations`, '--debug'], rotated)).leaks);
      // The app itself: its metadata holds the sensitive values, which it names in sunco:sensitive.
      const got = await run(['api', 'GET', `/v2/apps/${app.id}`, '--debug'], rotated);
      expect(got.stdout).toMatch(/"a\.b": "\(sensitive\)"/);
      leaks.push(...got.leaks, ...(await run(['apps', 'get', app.id, '--json'], rotated)).leaks);
      for (const noun of ['integrations', 'keys', 'webhooks']) {
        for (const json of [[], ['--json']]) leaks.push(...(await run([noun, 'list', '--app', app.id, ...json], rotated)).leaks);
      }
    }
    leaks.push(...(await run(['apps', 'list', '--json'], rotated)).leaks);
    // A genuine emulator 4xx for a body holding a secret (--debug logs the request body).
    const token = rotated.seeds.find((x) => x.what === 'lit-telegram-token')!.value;
    const bad = await run(['api', 'POST', `/v2/apps/${apps[0]!.id}/integrations`, '--data', JSON.stringify({ type: 'telegram', token, displayName: 5 }), '--debug'], rotated, { code: 1 });
    expect(bad.stderr).toMatch(/400/);
    leaks.push(...bad.leaks);
    expect(leaks).toEqual([]);
  });
});

describe('error paths: zero hits', () => {
  it('a misspelt credential field, a misspelt field beside a multi-line value, a validation error on a secret line, a pasted PEM in a dotenv file', async () => {
    const s = rotated.seeds;
    const value = (what: string) => s.find((x) => x.what === what)!;
    const pemVar = s.find((x) => x.from === 'dotenv' && x.value.includes('\n'))!;
    const literalPem = value('lit-android-privateKey').value;
    const broken = [
      'version: 1',
      `variables: { ${value('lit-meta-team').variable}: { sensitive: true } }`,
      'apps:',
      '  broken:',
      '    displayName: Broken',
      '    integrations:',
      '      tg:',
      '        type: telegram',
      `        tokn: ${value('lit-telegram-token').value}`,
      `        token: \${${value('vars-viber-token').variable ?? 'V2_VARS_VIBER_TOKEN'}}`,
      '      fcm:',
      '        type: android',
      `        privateKey: \${${pemVar.variable}}`,
      `        clientEmial: \${${value('vars-android-clientEmail').variable}}`,
      `        serverKye: \${${pemVar.variable}}`,
      '        privatKey: |',
      ...literalPem.split('\n').map((l) => `          ${l}`),
      '      ln:',
      '        type: line',
      // A sensitive variable where a boolean belongs, and a credential's variable in a display name with a bad type.
      `        showAIDisclaimer: \${${value('lit-meta-team').variable}}`,
      `        displayName: ["\${${value('vars-line-channelAccessToken').variable}}"]`,
      `        channelSecret: ${value('lit-line-channelSecret').value}`,
      '      ap:',
      '        type: apple',
      '        businessId: b',
      '        mspId: m',
      `        apiSecret: [${value('lit-apple-apiSecret').value}]`,
      `        authenticationMessageSecret: ${value('lit-apple-authenticationMessageSecret').value.slice(0, 60)}`,
      '',
    ].join('\n');
    await h.write('broken.yaml', broken);
    const plan = await run(['plan', '-f', 'broken.yaml'], rotated, { code: 1 });
    expect(plan.stderr).toMatch(/broken\.yaml:9:\d+: .*tokn/);
    expect(plan.stderr).toMatch(/clientEmial/);
    expect(plan.stderr).toMatch(/privatKey/);
    expect(plan.stderr).toMatch(/broken\.yaml:15:\d+: .*serverKye/);
    expect(plan.stderr).toMatch(/"showAIDisclaimer" must be a boolean/);
    expect(plan.stderr).toMatch(/"displayName" must be a string/);
    const validate = await run(['validate', '-f', 'broken.yaml', '--json'], rotated, { code: 1 });
    // A PEM key pasted into a dotenv file as it is: every line of it is an error with a frame.
    await h.write('vars-pasted.env', `PASTED=${literalPem}\nOTHER=${value('lit-twilio-authToken').value}\n`);
    const pasted = await h.cli(['plan', '--var-file', 'vars-pasted.env'], { env: rotated.env });
    expect(pasted.code).toBe(1);
    expect(pasted.stderr).toMatch(/vars-pasted\.env:2:/);
    const pastedLeaks = [...hits('pasted dotenv stdout', pasted.stdout), ...hits('pasted dotenv stderr', pasted.stderr)];
    expect([...plan.leaks, ...validate.leaks, ...pastedLeaks]).toEqual([]);
  });

  it('searched every seeded value in every channel', () => {
    // The figures of the report: how many values, and how many channels were searched.
    expect(secrets.length).toBeGreaterThan(2 * first.seeds.length);
    expect(channels.size).toBeGreaterThan(30);
  });
});
