import { mkdtempSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { request, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { loadPlan } from '../../../src/cli/plan-file-io.js';
import { runCli } from '../../helpers/cli.js';
import { designLiveState } from '../../state/live-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sunco-plan-cmd-'));
copyFileSync(new URL('../../plan/design.sunco.yaml', import.meta.url), join(dir, 'sunco.yaml'));

let emu: RunningEmulator | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
  proxy = undefined;
});

/**
 * A pass-through proxy in front of the emulator that counts requests in flight. It holds each
 * request until `hold` are in flight (or, at the tail of a run, until a short fallback), so
 * that a client that respects its limit reaches it exactly and one that exceeds it shows.
 */
async function countingProxy(target: string, hold: number): Promise<{ url: string; peak: () => number }> {
  let inFlight = 0;
  let peak = 0;
  let waiting: (() => void)[] = [];
  const release = (): void => {
    const go = waiting;
    waiting = [];
    for (const g of go) g();
  };
  proxy = createServer((req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    const forward = (): void => {
      const up = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res).on('finish', () => inFlight--);
      });
      req.pipe(up);
    };
    waiting.push(forward);
    if (inFlight >= hold) release();
    else setTimeout(release, 200);
  });
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, peak: () => peak };
}

async function live(): Promise<NodeJS.ProcessEnv> {
  emu = await startEmulator({ port: 0, initialState: designLiveState('tok-1') });
  return { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret, TWILIO_AUTH_TOKEN: 'tok-1' };
}

describe('sunco-plan', () => {
  it('--emulator plans every create against an empty in-process emulator; --detailed-exitcode exits 2', async () => {
    const r = await runCli(['plan', '--emulator', '--var', 'TWILIO_AUTH_TOKEN=tok-1'], { cwd: dir, scriptName: 'sunco-plan' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  + app.support.integration.sms (integration)');
    expect(r.stdout).toContain('      + authToken: (sensitive)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Plan: 13 to create, 0 to update, 0 to replace, 0 to delete.');
    expect(r.stdout + r.stderr).not.toContain('tok-1');
    const d = await runCli(['plan', '--emulator', '--detailed-exitcode', '--var', 'TWILIO_AUTH_TOKEN=tok-1'], { cwd: dir });
    expect(d.code).toBe(2);
  });

  it('prints the JSON document and exits 0 with --detailed-exitcode when live state matches', async () => {
    const env = await live();
    const r = await runCli(['plan', '--json', '--detailed-exitcode'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ formatVersion: 1, hasChanges: false, requests: 10, summary: { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 1 } });
    expect(emu!.requestLog.every((e) => e.method === 'GET')).toBe(true);
  });

  it('--out saves a plan file without secret values; a changed token plans a replacement', async () => {
    const env = await live();
    const r = await runCli(['plan', '--out', 'plan.json', '--var', 'TWILIO_AUTH_TOKEN=tok-2', '--detailed-exitcode'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  # app.support.integration.sms must be replaced (authToken forces replacement)\n-/+ app.support.integration.sms (integration)  # id i00000000000000000000002\n');
    expect(r.stderr).toContain('Saved the plan to plan.json.');
    expect(r.stderr).toContain('Read the live state with 10 API requests.');
    const text = readFileSync(join(dir, 'plan.json'), 'utf8');
    expect(text).not.toContain('tok-2');
    const saved = await loadPlan(join(dir, 'plan.json'));
    expect(saved.summary.replace).toBe(1);
    expect(saved.steps.find((s) => s.id === 'app.support.integration.sms:create')!.body).toMatchObject({ authToken: { $secret: 'app.support.integration.sms#authToken' } });
  });

  it('--out naming the config or a --var-file is refused before any request; the file stays as it was', async () => {
    const env = await live();
    const config = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    const r = await runCli(['plan', '--out', 'sunco.yaml', '--var', 'TWILIO_AUTH_TOKEN=tok-2'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(['Error: --out sunco.yaml is a config file: refusing to overwrite it; give the plan file another name']);
    expect(readFileSync(join(dir, 'sunco.yaml'), 'utf8')).toBe(config);
    writeFileSync(join(dir, 'vars.env'), 'TWILIO_AUTH_TOKEN=tok-2\n');
    const v = await runCli(['plan', '--out', './vars.env', '--var-file', 'vars.env'], { cwd: dir, env });
    expect(v.code).toBe(1);
    expect(v.stderr.trimEnd().split('\n')).toEqual(['Error: --out ./vars.env is a --var-file: refusing to overwrite it; give the plan file another name']);
    expect(readFileSync(join(dir, 'vars.env'), 'utf8')).toBe('TWILIO_AUTH_TOKEN=tok-2\n');
    expect(emu!.requestLog).toEqual([]);
  });

  it('--format markdown gives a PR comment', async () => {
    const env = await live();
    const r = await runCli(['plan', '--format', 'markdown', '--prune'], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## sunco plan');
    expect(r.stdout).toContain('<summary>🗑️ <b>delete</b> <code>app.support.key[app_000000000000000000000002]</code> (app-key)');
  });

  it('colours on a TTY only, and never with NO_COLOR', async () => {
    const env = await live();
    const tty = await runCli(['plan', '--var', 'TWILIO_AUTH_TOKEN=tok-2'], { cwd: dir, env, stdoutIsTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['plan', '--var', 'TWILIO_AUTH_TOKEN=tok-2'], { cwd: dir, env: { ...env, NO_COLOR: '1' }, stdoutIsTTY: true });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('fails with one clear message on bad flags, before any request', async () => {
    const env = await live();
    const target = await runCli(['plan', '--target', 'app.support.integration.nope'], { cwd: dir, env });
    expect(target.code).toBe(1);
    expect(target.stderr).toContain('Error: Unknown --target "app.support.integration.nope"');
    const count = emu!.requestLog.length;
    for (const args of [['--parallelism', '0'], ['--json', '--format', 'markdown'], ['--target', 'support']]) {
      const r = await runCli(['plan', ...args], { cwd: dir, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: /);
      expect(r.stderr).not.toContain('    at ');
    }
    const nan = await runCli(['plan', '--parallelism', 'abc'], { cwd: dir, env });
    expect(nan.stderr).toBe('Error: Invalid --parallelism: is not a number; give a whole number from 1 to 64.\n');
    expect(emu!.requestLog.length).toBe(count);
  });

  it('--parallelism caps the requests in flight while reading', async () => {
    const env = await live();
    for (const n of [1, 3]) {
      const { url, peak } = await countingProxy(emu!.url, n);
      const r = await runCli(['plan', '--json', '--parallelism', String(n)], { cwd: dir, env: { ...env, SUNCO_API_URL: url } });
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { requests: number }).requests).toBe(10);
      expect(peak()).toBe(n);
      await new Promise((res) => proxy!.close(res));
      proxy = undefined;
    }
  });

  it('--target plans only that address (and what it needs)', async () => {
    const env = await live();
    const cfg = readFileSync(join(dir, 'sunco.yaml'), 'utf8').replace('brandColor: "65758e"', 'brandColor: "ff0000"').replace('team: growth', 'team: sales');
    const tdir = mkdtempSync(join(tmpdir(), 'sunco-plan-target-'));
    writeFileSync(join(tdir, 'sunco.yaml'), cfg);
    const all = JSON.parse((await runCli(['plan', '--json'], { cwd: tdir, env })).stdout) as { changes: { address: string }[] };
    expect(all.changes.map((c) => c.address)).toEqual(expect.arrayContaining(['app.support.integration.website', 'app.marketing']));
    const r = await runCli(['plan', '--json', '--target', 'app.support.integration.website'], { cwd: tdir, env });
    const doc = JSON.parse(r.stdout) as { changes: { address: string; fields: unknown[] }[]; steps: { id: string }[] };
    expect(doc.changes).toEqual([{ address: 'app.support.integration.website', kind: 'integration', action: 'update', liveId: 'i00000000000000000000001', fields: [{ field: 'brandColor', before: '65758e', after: 'ff0000' }] }]);
    expect(doc.steps.map((s) => s.id)).toEqual(['app.support.integration.website:update']);
    const two = await runCli(['plan', '--target', 'app.support.integration.website', '--target', 'app.marketing'], { cwd: tdir, env });
    expect(two.stdout).toContain('  # app.marketing will be updated in-place\n');
    expect(two.stdout.trimEnd().split('\n').at(-1)).toBe('Plan: 0 to create, 2 to update, 0 to replace, 0 to delete.');
  });

  it('--format text|json|markdown select the renderer; --json is --format json', async () => {
    const env = await live();
    const text = await runCli(['plan', '--format', 'text'], { cwd: dir, env });
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('No changes. Live state matches the configuration. 1 unmanaged.');
    const json = await runCli(['plan', '--format', 'json'], { cwd: dir, env });
    expect(json.stdout).toBe((await runCli(['plan', '--json'], { cwd: dir, env })).stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 1, hasChanges: false });
    const md = await runCli(['plan', '--format', 'markdown'], { cwd: dir, env });
    expect(md.stdout.startsWith('<!-- sunco-plan:default -->\n## sunco plan\n')).toBe(true);
    expect(md.stderr).toBe('');
  });

  it('--detailed-exitcode still exits 1 on an error', async () => {
    const env = await live();
    const r = await runCli(['plan', '--detailed-exitcode'], { cwd: dir, env: { ...env, SUNCO_KEY_SECRET: 'wrong' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: /);
    expect(r.stderr).not.toContain('wrong');
  });

  it('--out records the config fingerprint and the live ids; an unchanged live state plans the same file', async () => {
    const env = await live();
    await runCli(['plan', '--out', 'a.json'], { cwd: dir, env });
    await runCli(['plan', '--out', 'b.json'], { cwd: dir, env });
    const a = await loadPlan(join(dir, 'a.json'));
    expect(a.configFingerprint).toMatch(/\S{16,}/);
    expect(a.stateFingerprint).toMatch(/\S{16,}/);
    expect(a.liveIds['app.support.integration.sms']).toBe('i00000000000000000000002');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
  });

  it('works with an app-scoped key alone when the app is pinned; refuses app keys before any request', async () => {
    const env = await live();
    const appKey = { SUNCO_KEY_ID: 'app_000000000000000000000001', SUNCO_KEY_SECRET: 'app-secret-1' };
    const scoped = mkdtempSync(join(tmpdir(), 'sunco-plan-scoped-'));
    const cfg = readFileSync(join(dir, 'sunco.yaml'), 'utf8').split('  marketing:')[0]!;
    writeFileSync(join(scoped, 'sunco.yaml'), cfg.replace('    displayName: Acme Support\n', '    id: a00000000000000000000001\n    displayName: Acme Support\n').replace('    keys:\n      deployer: { displayName: CI deployer }\n', ''));
    const r = await runCli(['plan', '--json', '--detailed-exitcode'], { cwd: scoped, env: { ...env, ...appKey } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(emu!.requestLog.map((e) => e.path)).not.toContain('/v2/apps');
    expect(emu!.requestLog.every((e) => e.scope === 'app')).toBe(true);
    const count = emu!.requestLog.length;
    writeFileSync(join(scoped, 'sunco.yaml'), cfg.replace('    displayName: Acme Support\n', '    id: a00000000000000000000001\n    displayName: Acme Support\n'));
    const refused = await runCli(['plan'], { cwd: scoped, env: { ...env, ...appKey } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: The credentials cannot serve this declaration \(no request was made\):\n {2}- sunco\.yaml:\d+:\d+: app\.support\.key\.deployer: app keys can only be managed with account credentials/);
    expect(emu!.requestLog.length).toBe(count);
  });
});
