import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/connection.js';
import { loadProfile, profilesPath } from '../../src/cli/profile.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { UserError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { fakeIO } from '../helpers/io.js';

const SECRET = 'pr0file-S3cret-value-9876';
let dir: string;

const fake = (env: NodeJS.ProcessEnv) => fakeIO({ env, cwd: dir });

/** A fresh config dir holding profiles.yaml with this text (mode 0600 unless given). */
async function profiles(text: string, mode = 0o600): Promise<NodeJS.ProcessEnv> {
  const d = await mkdtemp(join(dir, 'cfg-'));
  await writeFile(join(d, 'profiles.yaml'), text);
  await chmod(join(d, 'profiles.yaml'), mode);
  return { SUNCO_CONFIG_DIR: d };
}

function failure(fn: () => unknown): string {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UserError);
  return (err as Error).message;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sunco-profile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('profiles.yaml location', () => {
  it('SUNCO_CONFIG_DIR, then XDG_CONFIG_HOME/sunco, then HOME/.config/sunco; none without any', () => {
    expect(profilesPath({ SUNCO_CONFIG_DIR: '/c', XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe(join('/c', 'profiles.yaml'));
    expect(profilesPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe(join('/x', 'sunco', 'profiles.yaml'));
    expect(profilesPath({ HOME: '/h' })).toBe(join('/h', '.config', 'sunco', 'profiles.yaml'));
    expect(profilesPath({})).toBeUndefined();
  });
});

describe('loadProfile', () => {
  const text = ['default:', '  keyId: app_default', `  keySecret: ${SECRET}`, 'eu:', '  region: eu-1', '  auth: jwt', '  keyId: act_eu', `  keySecret: ${SECRET}`, ''].join('\n');

  it('uses the "default" profile when none is named, and a named one from --profile or SUNCO_PROFILE', async () => {
    const env = await profiles(text);
    expect((loadProfile(undefined, fake(env)))?.values).toEqual({ keyId: 'app_default', keySecret: SECRET });
    expect((loadProfile('eu', fake(env)))?.values).toMatchObject({ region: 'eu-1', auth: 'jwt', keyId: 'act_eu' });
    expect((loadProfile(undefined, fake({ ...env, SUNCO_PROFILE: 'eu' })))?.name).toBe('eu');
    // the flag wins over the variable
    expect((loadProfile('default', fake({ ...env, SUNCO_PROFILE: 'eu' })))?.name).toBe('default');
  });

  it('no file and no name: no profile; a name without a file is an error', async () => {
    const env = { SUNCO_CONFIG_DIR: join(dir, 'nowhere') };
    expect(loadProfile(undefined, fake(env))).toBeUndefined();
    expect(failure(() => loadProfile('prod', fake(env)))).toMatch(/Profile "prod" not found: .*profiles\.yaml does not exist/);
    expect(failure(() => loadProfile('prod', fake({})))).toMatch(/set SUNCO_CONFIG_DIR or HOME/);
  });

  it('a file without a "default" profile is fine until one is named', async () => {
    const env = await profiles('staging:\n  keyId: app_s\n');
    expect(loadProfile(undefined, fake(env))).toBeUndefined();
    expect(failure(() => loadProfile('stagin', fake(env)))).toMatch(/Profile "stagin" not found in .*profiles\.yaml \(did you mean "staging"\?\)/);
    expect(failure(() => loadProfile('prod', fake(env)))).toMatch(/; profiles: staging\.$/);
  });

  it('an unknown field is an error at file:line:column with a suggestion', async () => {
    const env = await profiles(['default:', '  keyId: app_1', `  keysecret: ${SECRET}`].join('\n'));
    const msg = failure(() => loadProfile(undefined, fake(env)));
    expect(msg).toMatch(/profiles\.yaml:3:3: profile "default": unknown field "keysecret" \(did you mean "keySecret"\?\)/);
    expect(msg).not.toContain(SECRET);
  });

  it('a YAML syntax error names file:line:column; a bad value names the field, never the value', async () => {
    const syntax = await profiles('default:\n  keyId: [app_1\n');
    expect(failure(() => loadProfile(undefined, fake(syntax)))).toMatch(/profiles\.yaml:\d+:\d+: invalid YAML/);
    const deep = await profiles(`default:\n  keyId: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(failure(() => loadProfile(undefined, fake(deep)))).toMatch(/profiles\.yaml:2:\d+: invalid YAML: nested too deeply to parse/);
    const list = await profiles(`default:\n  keySecret: [${SECRET}]\n`);
    const msg = failure(() => loadProfile(undefined, fake(list)));
    expect(msg).toMatch(/profiles\.yaml:2:14: profile "default": keySecret must be a non-empty string/);
    expect(msg).not.toContain(SECRET);
    const auth = await profiles('default:\n  auth: oauth\n');
    expect(failure(() => loadProfile(undefined, fake(auth)))).toMatch(/profiles\.yaml:2:9: profile "default": auth must be basic or jwt/);
    const seq = await profiles('- a\n- b\n');
    expect(failure(() => loadProfile(undefined, fake(seq)))).toMatch(/profiles\.yaml:1:1: profiles\.yaml must map profile names/);
  });

  it('warns when a file holding a secret is readable by others', async () => {
    const shared = fake(await profiles(text, 0o644));
    loadProfile(undefined, shared);
    expect(shared.err()).toMatch(/Warning: .*profiles\.yaml is readable by other users .*chmod 600/);
    const own = fake(await profiles(text, 0o600));
    loadProfile(undefined, own);
    expect(own.err()).toBe('');
  });
});

describe('precedence: flags, then environment, then the profile', () => {
  const values = { region: 'eu-1', auth: 'jwt', keyId: 'act_profile', keySecret: SECRET };
  const profile = { name: 'p', path: '/cfg/profiles.yaml', values };

  it('the profile fills every value nothing else sets', () => {
    expect(resolveConnection({}, fake({}), {}, profile)).toMatchObject({
      baseUrl: 'https://api.eu-1.smooch.io', auth: 'jwt', credentials: { keyId: 'act_profile', secret: SECRET },
    });
  });

  it('the environment and flags win, value by value', () => {
    const env = { SUNCO_KEY_ID: 'app_env', SUNCO_AUTH: 'basic' };
    expect(resolveConnection({}, fake(env), {}, profile)).toMatchObject({ auth: 'basic', credentials: { keyId: 'app_env', secret: SECRET } });
    expect(resolveConnection({ keySecret: 'flag' }, fake(env), {}, profile).credentials).toEqual({ keyId: 'app_env', secret: 'flag' });
  });

  it('a URL from flags or environment replaces the profile URL as a whole', () => {
    expect(resolveConnection({}, fake({ SUNCO_API_URL: 'http://127.0.0.1:9' }), {}, profile).baseUrl).toBe('http://127.0.0.1:9');
    expect(resolveConnection({ subdomain: 'acme' }, fake({}), {}, profile).baseUrl).toBe('https://acme.zendesk.com/sc');
    const both = { ...profile, values: { ...values, subdomain: 'acme' } };
    expect(() => resolveConnection({}, fake({}), {}, both)).toThrow(/--region and --subdomain .* \(in profile "p" of \/cfg\/profiles\.yaml\)/);
  });
});

describe('sunco with --profile against the emulator', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, key: `act_prof:${SECRET}` });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('connects with the profile named by --profile, and --debug never shows its secret', async () => {
    const env = await profiles(['local:', `  apiUrl: ${emu.url}`, '  auth: jwt', '  keyId: act_prof', `  keySecret: ${SECRET}`, ''].join('\n'));
    const r = await runCli(['apps', 'list', '--json', '--profile', 'local', '--debug'], { env, cwd: dir });
    expect(r.stderr).toContain('using profile "local" from');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('an app-scoped key from a profile plans and applies a pinned app (its key id reaches the planner)', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`act_prof:${SECRET}`).toString('base64')}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) => (await fetch(`${emu.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })).json() as Promise<Record<string, { id: string; secret: string }>>;
    const appId = (await post('/v2/apps', { displayName: 'Scoped' })).app.id;
    const key = (await post(`/v2/apps/${appId}/keys`, { displayName: 'admin center' })).key;
    const env = await profiles(['scoped:', `  apiUrl: ${emu.url}`, `  keyId: ${key.id}`, `  keySecret: ${key.secret}`, ''].join('\n'));
    const config = join(dir, 'scoped.yaml');
    await writeFile(config, `version: 1\napps:\n  s:\n    id: ${appId}\n    displayName: Scoped\n    integrations:\n      web: { type: web, displayName: Site }\n`);
    const plan = await runCli(['-f', config, '--profile', 'scoped', '--json'], { env, cwd: dir, only: 'plan' });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { summary: { create: number } }).summary.create).toBe(1);
    const apply = await runCli(['-f', config, '--yes', '--json'], { env: { ...env, SUNCO_PROFILE: 'scoped' }, cwd: dir, only: 'apply' });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout + apply.stderr).not.toContain(key.secret);
  });

  it('SUNCO_PROFILE picks it too; an unknown profile is a one-line error, exit 1', async () => {
    const env = await profiles(['local:', `  apiUrl: ${emu.url}`, '  keyId: act_prof', `  keySecret: ${SECRET}`, ''].join('\n'));
    expect((await runCli(['apps', 'list', '--json'], { env: { ...env, SUNCO_PROFILE: 'local' }, cwd: dir })).code).toBe(0);
    const bad = await runCli(['apps', 'list', '--json', '--profile', 'lokal'], { env, cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: Profile "lokal" not found in .*\(did you mean "local"\?\)\.\n$/);
  });
});
