/**
 * `sunco secrets pull`: the live secrets of managed keys and webhooks are merged into the
 * secrets file under its lock; only addresses and counts are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, writes } from '../../helpers/harness.js';
import { HOOK, KEY, OTHER, TWO_APPS_CONFIG } from '../../helpers/secret-configs.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = TWO_APPS_CONFIG;

/** Applies the config (saving into applied.json) and returns the secrets the apply saved. */
async function applied(): Promise<{ file: string; good: Record<string, { id: string; secret: string }> }> {
  const file = await h.write('sunco.yaml', config);
  const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'applied.json']);
  expect(r.code, r.stderr).toBe(0);
  return { file, good: await h.secrets('applied.json') };
}

function expectNoSecret(text: string, good: Record<string, { secret: string }>): void {
  for (const { secret } of Object.values(good)) expect(text).not.toContain(secret);
}

describe('sunco secrets pull', () => {
  it('pulls every managed secret into a new file, and says unchanged the second time', async () => {
    const { good } = await applied();
    const before = h.emu.requestLog.length;
    const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json'], { env: { SUNCO_DEBUG: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('[debug] ← 200 GET');
    expect(r.stdout).toBe([
      'Pulled 3 secrets into secrets.json: 3 new, 0 updated, 0 unchanged.',
      `  new       ${KEY}`,
      `  new       ${HOOK}`,
      `  new       ${OTHER}`,
      '',
    ].join('\n'));
    expect(await h.secrets()).toEqual(good);
    expect(((await stat(join(h.dir, 'secrets.json'))).mode & 0o777).toString(8)).toBe('600');
    // Reading only: no API write.
    expect(writes(h.emu, before)).toEqual([]);
    expectNoSecret(r.stdout + r.stderr, good);

    const again = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json']);
    expect(again.stdout.split('\n')[0]).toBe('Pulled 3 secrets into secrets.json: 0 new, 0 updated, 3 unchanged.');
  });

  it('--target of an app pulls its keys and webhooks; of a key, that key only', async () => {
    const { good } = await applied();
    const app = await h.cli(['secrets', 'pull', '--target', 'app.support', '--secrets-out', 'secrets.json']);
    expect(app.code, app.stderr).toBe(0);
    expect(app.stdout.split('\n')[0]).toBe('Pulled 2 secrets into secrets.json: 2 new, 0 updated, 0 unchanged.');
    expect(Object.keys(await h.secrets()).sort()).toEqual([HOOK, KEY]);
    const one = await h.cli(['secrets', 'pull', '--target', OTHER, '--secrets-out', 'one.json']);
    expect(one.code, one.stderr).toBe(0);
    expect(await h.secrets('one.json')).toEqual({ [OTHER]: good[OTHER] });
  });

  it('a target that names no live key or webhook is a one-line error naming it, and writes nothing', async () => {
    const { file } = await applied();
    for (const [target, why] of [
      ['app.nope', 'no live key or webhook of the config has that address or is under it.'],
      ['app.support.integration.web', 'no live key or webhook of the config has that address or is under it.'],
    ]) {
      const r = await h.cli(['secrets', 'pull', '--target', target!, '--secrets-out', 'secrets.json']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`Nothing to pull for --target ${target}: ${why}`)]);
    }
    // Declared, not created yet: said so.
    await writeFile(file, config.replace('      deployer: { displayName: CI deployer }', '      deployer: { displayName: CI deployer }\n      later: { displayName: Later }'));
    const later = await h.cli(['secrets', 'pull', '--target', 'app.support.key.later', '--secrets-out', 'secrets.json']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('Nothing to pull for --target app.support.key.later: no live key or webhook of the config has that address or is under it; app.support.key.later is declared but not created yet');
    await expect(stat(join(h.dir, 'secrets.json'))).rejects.toThrow(/ENOENT/);
  });

  it('keeps unrelated entries, updates a stale one, and prints no value in text, --json or --debug', async () => {
    const { good } = await applied();
    const unrelated = { 'app.elsewhere.key.x': { id: 'app_elsewhere', secret: 'an-unrelated-secret-value' } };
    await writeFile(join(h.dir, 'secrets.json'), JSON.stringify({ ...unrelated, [KEY]: good[KEY], [HOOK]: { id: 'wh_older', secret: 'an-older-webhook-secret' } }));
    const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json', '--json', '--debug']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file: 'secrets.json',
      pulled: 3,
      new: 1,
      updated: 1,
      unchanged: 1,
      secrets: [
        { address: KEY, id: good[KEY]!.id, status: 'unchanged' },
        { address: HOOK, id: good[HOOK]!.id, status: 'updated' },
        { address: OTHER, id: good[OTHER]!.id, status: 'new' },
      ],
    });
    expect(r.stderr).toContain('[debug]');
    expectNoSecret(r.stdout + r.stderr, { ...good, ...unrelated });
    expect(await h.secrets()).toEqual({ ...unrelated, ...good });
  });

  it('an invalid secrets file is a one-line error before any request, and stays as it was', async () => {
    await applied();
    const path = join(h.dir, 'secrets.json');
    await writeFile(path, '{"app.support.key.deployer": ');
    const before = await stat(path);
    const from = h.emu.requestLog.length;
    const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`the secrets file ${path} is not a JSON object keyed by address`)]);
    expect(await readFile(path, 'utf8')).toBe('{"app.support.key.deployer": ');
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect(h.emu.requestLog.length).toBe(from);
  });

  describe('a file another process holds locked', () => {
    let holder: ChildProcess | undefined;
    afterEach(() => {
      holder?.kill();
    });

    it('fails with the lock named once --lock-timeout passes, leaving the file as it was', async () => {
      await applied();
      holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
      const path = join(h.dir, 'secrets.json');
      await writeFile(path, '{}\n');
      await writeFile(`${path}.lock`, `${holder.pid} ${hostname()} held\n`);
      const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json', '--lock-timeout', '0']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`the secrets file ${path} is locked by another process (${holder.pid} on ${hostname()}); if no sunco is running, delete ${path}.lock`)]);
      expect(await readFile(path, 'utf8')).toBe('{}\n');
      expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${holder.pid} ${hostname()} held\n`);
    });
  });

  it('needs --secrets-out, and checks --lock-timeout', async () => {
    const none = await h.cli(['secrets', 'pull']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--secrets-out');
    const bad = await h.cli(['secrets', 'pull', '--secrets-out', 's.json', '--lock-timeout', '-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid --lock-timeout: -1 is out of range; give seconds from 0 to 3600.');
  });

  it('with nothing live yet, says so and creates no file', async () => {
    await h.write('sunco.yaml', config);
    const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('No secrets to pull: no managed key or webhook exists yet (sunco-apply --secrets-out secrets.json saves the secrets it creates).\n');
    await expect(stat(join(h.dir, 'secrets.json'))).rejects.toThrow(/ENOENT/);
  });

  it("pulls messagebird's generated webhookSecret, which the API reads back (spec: readOnly)", async () => {
    await h.write('sunco.yaml', `version: 1
apps:
  sms:
    displayName: SMS
    integrations:
      mb: { type: messagebird, displayName: MessageBird, accessKey: "\${MB_ACCESS}", signingKey: "\${MB_SIGNING}", originator: "+15550001" }
`);
    const env = { MB_ACCESS: 'mb-access-value', MB_SIGNING: 'mb-signing-value' };
    const first = await h.cli(['apply', '--yes', '--secrets-out', 'applied.json'], { env });
    expect(first.code, first.stderr).toBe(0);
    const good = await h.secrets('applied.json');
    expect(good['app.sms.integration.mb']?.secret).toEqual(expect.any(String));
    const r = await h.cli(['secrets', 'pull', '--secrets-out', 'secrets.json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Pulled 1 secret into secrets.json: 1 new, 0 updated, 0 unchanged.\n  new       app.sms.integration.mb\n');
    expect(await h.secrets()).toEqual(good);
    expectNoSecret(r.stdout + r.stderr, good);
  });

  it('completes the config\'s addresses after --target, and file names after --secrets-out', async () => {
    await h.write('sunco.yaml', config);
    const complete = (words: string[]) => h.cli(['--get-yargs-completions', 'sunco', 'secrets', 'pull', ...words]);
    const targets = await complete(['--target', 'app.sales']);
    expect(targets.code).toBe(0);
    // Every declared address; the shell keeps those that start with the word typed.
    expect(targets.stdout.trim().split('\n').sort()).toEqual(['app.sales', OTHER, 'app.support', 'app.support.integration.bot', HOOK, KEY].sort());
    expect(await complete(['--secrets-out', ''])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
