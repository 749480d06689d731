import { mkdtempSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { loadPlan } from '../../src/plan/plan-file.js';
import { runCli } from '../helpers/cli.js';
import { designLiveState } from '../state/live-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sunco-plan-cmd-'));
copyFileSync(new URL('./design.sunco.yaml', import.meta.url), join(dir, 'sunco.yaml'));

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

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
    expect(r.stdout).toContain('  -/+ app.support.integration.sms (integration)  # id i00000000000000000000002; authToken forces replacement');
    expect(r.stderr).toContain('Saved the plan to plan.json.');
    expect(r.stderr).toContain('Read the live state with 10 API requests.');
    const text = readFileSync(join(dir, 'plan.json'), 'utf8');
    expect(text).not.toContain('tok-2');
    const saved = await loadPlan(join(dir, 'plan.json'));
    expect(saved.summary.replace).toBe(1);
    expect(saved.steps.find((s) => s.id === 'app.support.integration.sms:create')!.body).toMatchObject({ authToken: { $secret: 'app.support.integration.sms#authToken' } });
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
    expect(emu!.requestLog.length).toBe(count);
  });
});
