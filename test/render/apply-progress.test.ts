/** Apply progress and report lines, through sunco-apply against the in-process emulator. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/render/apply-progress.js';
import { renderApplyReport } from '../../src/render/apply-report.js';
import { runCli } from '../helpers/cli.js';

const CONFIG = `version: 1
apps:
  support:
    displayName: Acme Support
    integrations:
      bot:
        type: custom
        displayName: Support bot
        webhooks:
          main: { target: "https://bot.acme.example/hook", triggers: ["conversation:message"] }
`;

describe('a custom integration\'s inline webhook', () => {
  it('gets its own progress line with its own id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-progress-'));
    writeFileSync(join(dir, 'sunco.yaml'), CONFIG);
    const r = await runCli(['--emulator', '--yes', '--secrets-out', 'secrets.json'], { cwd: dir, only: 'apply' });
    expect(r.code).toBe(0);
    const integration = r.stdout.match(/^app\.support\.integration\.bot +create +created (\w+) +\(\d+ ms\)$/m);
    const webhook = r.stdout.match(/^app\.support\.integration\.bot\.webhook\.main +create +created (\w+) +\(with app\.support\.integration\.bot\)$/m);
    expect(integration, r.stdout).not.toBeNull();
    expect(webhook, r.stdout).not.toBeNull();
    expect(integration![1]).not.toBe(webhook![1]);
  });

  it('gets its own line in the failure report too', () => {
    const applied = { stepId: 'app.s.integration.bot:create', address: 'app.s.integration.bot', operation: 'create' as const, ids: { 'app.s.integration.bot': 'i1', 'app.s.integration.bot.webhook.main': 'w1' }, ms: 3 };
    const report = renderApplyReport(
      { applied: [applied], failed: [{ stepId: 'app.s.key.k:create', address: 'app.s.key.k', operation: 'create', message: 'boom', ms: 1 }], skipped: [], lostSecrets: [], secretsSaved: [] },
      { counts: { created: 2, updated: 0, replaced: 0, deleted: 0 }, color: false },
    );
    expect(report).toContain('Applied:\n  app.s.integration.bot  create  i1\n  app.s.integration.bot.webhook.main  create  w1  (with app.s.integration.bot)\nFailed:');
    expect(progressLine({ type: 'applied', result: applied }, 10, false)!.split('\n')).toHaveLength(2);
  });
});

describe('progress on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sunco-tty-'));
  writeFileSync(join(dir, 'sunco.yaml'), CONFIG);

  it('counts the requests reading live state on stderr, erased when done; nothing of it off a terminal', async () => {
    const tty = await runCli(['--emulator'], { cwd: dir, only: 'plan', stderrIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('\r\u001b[2Kreading live state… 0/1 requests\r\u001b[2Kreading live state… 1/1 requests\r\u001b[2K');
    expect(tty.stdout).not.toContain('reading live state');
    const off = await runCli(['--emulator'], { cwd: dir, only: 'plan' });
    expect(off.stderr).not.toContain('reading live state');
    expect(off.stderr).not.toContain('\r');
    expect(off.stdout).toBe(tty.stdout);
  });

  it('numbers apply lines [n/N] with the elapsed time on a terminal, and not off one', async () => {
    const tty = await runCli(['--emulator', '--yes', '--secrets-out', 'a.json', '--no-color'], { cwd: dir, only: 'apply', stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toMatch(/^\[1\/3\] app\.support +create +created \w+ +\(\d+ ms\) +\d+\.\d s$/m);
    expect(tty.stdout).toMatch(/^\[2\/3\] app\.support\.integration\.bot +create +created \w+ +\(\d+ ms\) +\d+\.\d s$/m);
    // The app's bookkeeping is the third call, named as such.
    expect(tty.stdout).toMatch(/^\[3\/3\] app\.support +bookkeeping +recorded/m);
    expect(tty.stdout).toMatch(/^ {6}app\.support\.integration\.bot\.webhook\.main +create +created \w+ +\(with app\.support\.integration\.bot\)$/m);
    const off = await runCli(['--emulator', '--yes', '--secrets-out', 'b.json'], { cwd: dir, only: 'apply' });
    expect(off.stdout).not.toMatch(/\[\d+\/\d+\]/);
    expect(off.stdout).not.toContain('\r');
    expect(off.stderr).not.toContain('reading live state');
  });
});
