/**
 * Red-team of saved plan files (issue 14): every edit of a plan file is refused with one clear
 * line and no write reaches the API; the recorded config and var-file paths cannot be pointed
 * at another file (its content would be printed in error frames: /proc/self/environ holds the
 * key secret); a plan made against another account is refused; a file that is not a plan, or a
 * huge or deeply nested one, is one clear line too.
 */
import { link, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { runCli } from '../helpers/cli.js';
import { type Harness, harness, writes } from '../helpers/harness.js';

let h: Harness;
let saved: string;
let elsewhere: string;

const cfgA = 'version: 1\napps:\n  support:\n    displayName: "${BRAND} Support"\n    metadata: { team: "${TEAM}" }\n    keys:\n      deployer: { displayName: deployer }\n    integrations:\n      web: { type: web, displayName: Website }\n';
const cfgB = 'version: 1\napps:\n  sales:\n    displayName: Sales\n    integrations:\n      sms: { type: twilio, displayName: SMS, accountSid: AC1, authToken: "${TOKEN}", phoneNumberSid: PN1 }\n';
const vars = 'BRAND=Acme\nTEAM=care\nTOKEN=tok-secret-1\n';

beforeAll(async () => {
  h = await harness();
  await mkdir(join(h.dir, 'proj/cfg'), { recursive: true });
  await mkdir(join(h.dir, 'proj/plans'));
  elsewhere = join(h.dir, 'elsewhere');
  await mkdir(elsewhere);
  await h.write('proj/cfg/a.yaml', cfgA.replace('displayName: Website', 'displayName: Old site'));
  await h.write('proj/cfg/b.yaml', cfgB);
  await h.write('proj/vars.env', vars);
  const proj = join(h.dir, 'proj');
  // Live state first: the plan then holds updates and live ids as well as creates.
  const first = await runCli(['apply', '-f', 'cfg', '--var-file', 'vars.env', '--yes', '--secrets-out', 'secrets.json', '--target', 'app.support.integration.web'], { cwd: proj, env: h.env });
  expect(first.stderr).toBe('');
  // A secrets file from an earlier apply.
  await h.write('proj/secrets.json', '{\n  "app.support.key.old": { "id": "app_1", "secret": "sec-1" }\n}\n');
  await h.write('proj/cfg/a.yaml', cfgA);
  // Unmanaged: a plan file edited to --prune would delete it.
  const [support] = await h.api.listAll<{ id: string }>('/v2/apps', 'apps');
  await h.api.post(`/v2/apps/${support!.id}/integrations`, { type: 'web', displayName: 'Stray' });
  const plan = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--out', 'plans/p.json'], { cwd: proj, env: h.env });
  expect(plan.code).toBe(0);
  saved = await readFile(join(proj, 'plans/p.json'), 'utf8');
});
afterAll(async () => {
  await h.close();
});

/** Edits the parsed plan in place, or returns the file's whole text. */
type Edit = (p: Plan & Record<string, unknown>) => void | string;

/** Writes an edited copy of the saved plan and applies it from another directory. */
async function applyEdited(name: string, edit: Edit | string): Promise<{ code: number; stderr: string; stdout: string; writes: string[] }> {
  const file = join(h.dir, 'proj/plans', name);
  if (typeof edit === 'string') await writeFile(file, edit);
  else {
    const p = JSON.parse(saved) as Plan & Record<string, unknown>;
    const text = edit(p);
    await writeFile(file, typeof text === 'string' ? text : JSON.stringify(p, null, 2));
  }
  const mark = h.emu.requestLog.length;
  const r = await runCli(['apply', `../proj/plans/${name}`, '--secrets-out', '../proj/secrets.json'], { cwd: elsewhere, env: h.env });
  return { ...r, writes: writes(h.emu, mark) };
}

function refused(r: { code: number; stderr: string; stdout: string; writes: string[] }, line: RegExp): void {
  expect(r.writes).toEqual([]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/Internal error|This is a bug|\n\s+at /);
  expect(r.stderr).not.toContain('tok-secret-1');
}

const stale = /^Error: the plan file \.\.\/proj\/plans\/\S+ is stale; nothing was applied$/;
const unusable = /^Error: \.\.\/proj\/plans\/\S+ is not a (usable )?sunco plan file: .*[.)]$/;

const stepEdits: [string, Edit][] = [
  ['a step removed', (p) => void p.steps.pop()],
  ['a step added (a copy of one under a new id)', (p) => void p.steps.push({ ...p.steps[0]!, id: `${p.steps[0]!.id}-again` })],
  ['the steps reordered', (p) => void p.steps.reverse()],
  ['a step body changed', (p) => void (p.steps.find((s) => s.operation === 'update')!.body = { displayName: 'Pwned' })],
  ['a step path changed', (p) => void (p.steps.find((s) => s.operation === 'update')!.path = '/v2/apps/{{app.sales}}')],
  ['a step method changed', (p) => void (p.steps.find((s) => s.operation === 'update')!.method = 'DELETE')],
  ['a step id changed', (p) => void (p.steps[0]!.id = 'x:create')],
  ['a step address changed', (p) => void (p.steps.find((s) => s.operation === 'update')!.address = 'app.sales')],
  ['a step dependsOn dropped', (p) => void (p.steps.find((s) => s.dependsOn.length > 0)!.dependsOn = [])],
  ['a create no longer saving its secret', (p) => void delete p.steps.find((s) => s.creates?.some((c) => c.secretPath))!.creates![0]!.secretPath],
  ['a $secret routed into metadata', (p) => void (p.steps.find((s) => s.id === 'app.sales:create')!.body = { displayName: 'Sales', metadata: { leak: { $secret: 'app.sales.integration.sms#authToken' } } })],
  ['the options: prune', (p) => void (p.options.prune = true)],
  ['the options: a target', (p) => void (p.options.targets = ['app.sales'])],
  ['the summary', (p) => void (p.summary.delete = 3)],
  ['a change removed', (p) => void p.changes.pop()],
  ['a live id changed', (p) => void (p.liveIds[Object.keys(p.liveIds)[0]!] = '000000000000000000000000')],
  ['the config fingerprint', (p) => void (p.configFingerprint = `hmac-sha256:${'0'.repeat(64)}`)],
];

describe('an edited plan file is refused before any write', () => {
  it('the file as sunco-plan wrote it applies from another directory (control)', () => {
    expect(saved).toContain('"inputs"');
  });

  it.each(stepEdits)('%s', async (_what, edit) => {
    refused(await applyEdited('edited.json', edit), stale);
  });

  it.each<[string, string | Edit]>([
    ['invalid JSON', '{"formatVersion": 1, '],
    ['a key sunco never writes', (p) => void ((p as Record<string, unknown>).approvedBy = 'me')],
    ['a __proto__ key in liveIds', (p) => void (p.liveIds = JSON.parse(`{"__proto__": {"app.sales": "x"}, ${JSON.stringify(p.liveIds).slice(1)}`) as Record<string, string>)],
    ['a __proto__ key in a step body', (p) => void (p.steps.find((s) => s.operation === 'update')!.body = JSON.parse('{"__proto__": {"displayName": "Pwned"}, "displayName": "Website"}'))],
    ['a __proto__ key at the top', (p) => void Object.defineProperty(p, '__proto__', { value: { steps: [] }, enumerable: true })],
    ['an empty file', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['formatVersion 2', (p) => void ((p as Record<string, unknown>).formatVersion = 2)],
    ['steps not an array', (p) => void ((p as Record<string, unknown>).steps = {})],
    ['a step that is null', (p) => void ((p as Record<string, unknown>).steps = [null])],
    ['inputs.config not a string', (p) => void ((p.inputs as unknown as Record<string, unknown>).config = 42)],
    ['a step nested 100000 deep', (p) => {
      p.steps[0]!.body = 'DEEP';
      return JSON.stringify(p).replace('"DEEP"', `${'['.repeat(100000)}${']'.repeat(100000)}`);
    }],
    ['deeply nested JSON', `{"formatVersion": 1, "x": ${'['.repeat(100000)}${']'.repeat(100000)}}`],
  ])('%s is not a plan file', async (_what, edit) => {
    refused(await applyEdited('bad.json', edit), unusable);
  });

  it('a plan file bigger than any plan is refused unread', async () => {
    refused(await applyEdited('huge.json', `{"formatVersion": 1, "pad": "${'x'.repeat(70 * 1024 * 1024)}"}`), /^Error: Cannot read the plan file \.\.\/proj\/plans\/huge\.json: it is over \d+ bytes, larger than any plan$/);
  });
});

describe('the recorded paths cannot be pointed at another file', () => {
  it.each<[string, (dir: string) => Promise<Edit>]>([
    ['config → /proc/self/environ (holds the key secret)', async () => (p) => void (p.inputs!.config = '/proc/self/environ')],
    ['config → /etc/passwd', async () => (p) => void (p.inputs!.config = '/etc/passwd')],
    ['config → a file outside with a secret in it', async (dir) => {
      await writeFile(join(dir, 'outside.txt'), `token: ${'tok-secret-1'}\n`);
      return (p) => void (p.inputs!.config = join(dir, 'outside.txt'));
    }],
    ['config → a symlink to a secret file', async (dir) => {
      await writeFile(join(dir, 'target.txt'), 'SUNCO_KEY_SECRET=tok-secret-1\n');
      await symlink(join(dir, 'target.txt'), join(dir, 'proj/plans/link.yaml')).catch(() => undefined);
      return (p) => void (p.inputs!.config = 'link.yaml');
    }],
    ['config → one file of the directory only', async () => (p) => void (p.inputs!.config = '../cfg/a.yaml')],
    ['a var file → /proc/self/environ', async () => (p) => void (p.inputs!.varFiles[0] = '/proc/self/environ')],
    ['a var file → /proc/self/environ, its digest edited too', async () => (p) => {
      p.inputs!.varFiles = ['/proc/self/environ'];
      p.inputs!.digests.varFiles = ['hmac-sha256:00'];
    }],
    ['a var file added', async () => (p) => {
      p.inputs!.varFiles.push('/proc/self/environ');
      p.inputs!.digests.varFiles.push('');
    }],
    ['the digests removed', async () => (p) => void delete (p.inputs as unknown as Record<string, unknown>).digests],
  ])('%s', async (_what, make) => {
    const r = await applyEdited('paths.json', await make(h.dir));
    refused(r, /^Error: the plan file \.\.\/proj\/plans\/paths\.json records the (config|--var-file) .+, which does not hold the text the plan was made from; nothing was read or applied\. Make a new plan with sunco-plan --out\.$|^Error: \.\.\/proj\/plans\/paths\.json is not a usable sunco plan file: "inputs" lacks the digests of its files\./);
    expect(r.stderr).not.toMatch(/root:|SUNCO_KEY_SECRET|PATH=/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a recorded var file that cannot be read', () => {
  it('/dev/zero (endless) is read no further than a var file may be long', async () => {
    const r = await applyEdited('zero.json', (p) => void (p.inputs!.varFiles[0] = '/dev/zero'));
    refused(r, /^Error: Invalid configuration: 1 error$/);
    expect(r.stderr.trimEnd().split('\n')[1]).toBe('/dev/zero: cannot read variable file /dev/zero: it is over 1048576 bytes (1 MiB)');
  });
});

describe('the recorded var file dropped, with its digest', () => {
  it('loads the config without it: its variables are unset, an error about the config itself', async () => {
    const r = await applyEdited('novars.json', (p) => {
      p.inputs!.varFiles = [];
      p.inputs!.digests.varFiles = [];
    });
    expect(r.writes).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: Invalid configuration: 3 errors\n.*variable BRAND is not set/);
  });
});

describe('a plan made against another account', () => {
  it('is refused before any write', async () => {
    const other = await harness();
    try {
      const r = await runCli(['apply', '../proj/plans/p.json', '--secrets-out', '../proj/secrets.json'], { cwd: elsewhere, env: other.env });
      expect(writes(other.emu)).toEqual([]);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^Error: the plan file \.\.\/proj\/plans\/p\.json was made against http:\/\/127\.0\.0\.1:\d+ with key act_test, and this run uses http:\/\/127\.0\.0\.1:\d+ with key act_test; nothing was applied\. Make a new plan against this account with sunco-plan --out\.$/),
      ]);
    } finally {
      await other.close();
    }
  });
});

describe('--out never replaces an input, nor a file that is not a plan', () => {
  it.each<[string, (proj: string) => Promise<string>]>([
    ['the secrets file (not an input of sunco-plan)', async () => 'secrets.json'],
    ['the secrets file through a symlink', async (proj) => {
      await symlink(join(proj, 'secrets.json'), join(proj, 'secrets-link.json')).catch(() => undefined);
      return 'secrets-link.json';
    }],
    ['the secrets file by a hard link', async (proj) => {
      await link(join(proj, 'secrets.json'), join(proj, 'secrets-hard.json')).catch(() => undefined);
      return 'secrets-hard.json';
    }],
    ['the secrets file spelt another way', async () => './plans/../secrets.json'],
    ['a config file of the config directory', async () => 'cfg/b.yaml'],
    ['a config file of the directory spelt another way', async () => 'plans/../cfg/./b.yaml'],
    ['the var file by a hard link', async (proj) => {
      await link(join(proj, 'vars.env'), join(proj, 'vars-hard.env')).catch(() => undefined);
      return 'vars-hard.env';
    }],
    ['the var file through a symlink', async (proj) => {
      await symlink(join(proj, 'vars.env'), join(proj, 'vars-link.env')).catch(() => undefined);
      return 'vars-link.env';
    }],
  ])('%s', async (_what, target) => {
    const proj = join(h.dir, 'proj');
    const out = await target(proj);
    const before = await readFile(join(proj, 'secrets.json'), 'utf8');
    const mark = h.emu.requestLog.length;
    const r = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--out', out], { cwd: proj, env: h.env });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^Error: --out \S+ (is a config file|is a --var-file|exists and is not a sunco plan file): refusing to overwrite it; give the plan file another name$/)]);
    expect(h.emu.requestLog.length).toBe(mark);
    expect(await readFile(join(proj, 'secrets.json'), 'utf8')).toBe(before);
    expect(await readFile(join(proj, 'cfg/b.yaml'), 'utf8')).toBe(cfgB);
    expect(await readFile(join(proj, 'vars.env'), 'utf8')).toBe(vars);
    // A secrets file with a second name is refused by apply (secrets-file-spellings.test.ts); later tests apply with it.
    await unlink(join(proj, 'secrets-hard.json')).catch(() => undefined);
  });

  it('an existing plan file is replaced; a missing directory is named, not the temp file', async () => {
    const proj = join(h.dir, 'proj');
    const again = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--out', 'plans/p.json'], { cwd: proj, env: h.env });
    expect(again.code).toBe(0);
    const missing = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--out', 'nowhere/p.json'], { cwd: proj, env: h.env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trimEnd().split('\n').at(-1)).toMatch(/^Error: Cannot write the plan file .+nowhere\/p\.json: the directory .+nowhere does not exist$/);
  });
});

describe('the hint after --out is a command that works as written', () => {
  it('names --secrets-out when the plan creates a key; run verbatim from the same directory it applies', async () => {
    const proj = join(h.dir, 'proj');
    const r = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--out', 'plans/hint.json'], { cwd: proj, env: h.env });
    const hint = /Apply it with: (.*)$/m.exec(r.stderr)![1]!;
    expect(hint).toBe('sunco-apply plans/hint.json --secrets-out secrets.json');
    const args = hint.split(' ').slice(1);
    const mark = h.emu.requestLog.length;
    const ok = await runCli(['apply', ...args], { cwd: proj, env: h.env });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(writes(h.emu, mark).length).toBeGreaterThan(0);
  });
  it('repeats the connection flags given and names each --var (whose values are never saved)', async () => {
    const proj = join(h.dir, 'proj');
    // Something left to create after the test above applied everything: a key needs --secrets-out.
    await h.write('proj/cfg/c.yaml', 'version: 1\napps:\n  third:\n    displayName: Third\n    keys:\n      k: { displayName: k }\n');
    const { SUNCO_API_URL: url, ...rest } = h.env;
    const r = await runCli(['plan', '-f', 'cfg', '--var-file', 'vars.env', '--var', 'TEAM=care', '--api-url', url!, '--out', 'plans/hint2.json'], { cwd: proj, env: rest });
    expect(r.code).toBe(0);
    const hint = /Apply it with: (.*)$/m.exec(r.stderr)![1]!;
    expect(hint).toBe(`sunco-apply plans/hint2.json --api-url ${url} --secrets-out secrets.json --var TEAM=… (with the same --var values as this plan)`);
    // Verbatim but for the value it cannot hold: without SUNCO_API_URL in the environment it applies.
    const args = hint.replace(' (with the same --var values as this plan)', '').replace('TEAM=…', 'TEAM=care').split(' ').slice(1);
    const mark = h.emu.requestLog.length;
    const ok = await runCli(['apply', ...args], { cwd: proj, env: rest });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(writes(h.emu, mark).length).toBeGreaterThan(0);
  });
});
