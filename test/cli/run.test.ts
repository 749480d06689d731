import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('sunco command line', () => {
  it('rejects an unknown command with exit 1, a one-line cause and no stack trace', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: Unknown command \"frobnicate\". Run 'sunco --help' for the commands.\n");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('masks the key secret of the environment from the start, also in a command that never connects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-run-'));
    const secret = 'env-key-secret-0123456789';
    // What `validate -f /proc/self/environ` reads: the environment, quoted in an error frame.
    writeFileSync(join(dir, 'environ.yaml'), `SUNCO_KEY_ID=act_1\nSUNCO_KEY_SECRET=${secret}\n`);
    const r = await runCli(['validate', '-f', 'environ.yaml'], { cwd: dir, env: { SUNCO_KEY_SECRET: secret } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('environ.yaml:');
    expect(r.stderr).toContain('SUNCO_KEY_SECRET=(sensitive)');
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('rejects a missing command with exit 1', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: Name a command. Run 'sunco --help' for usage.\n");
  });
});

describe('sunco-plan and sunco-apply binaries', () => {
  it.each(['plan', 'apply'] as const)('sunco-%s in a directory without sunco.yaml names the file and points at sunco init, exit 1', async (only) => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-empty-'));
    const r = await runCli(['--emulator'], { only, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('sunco.yaml: config file sunco.yaml not found (use -f to name a file or a directory; sunco init writes a starter)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // fileURLToPath, not URL.pathname: that one is %-encoded (a checkout under "ci dir/é" has no such file).
  const example = fileURLToPath(new URL('../../examples/web.yaml', import.meta.url));

  it('sunco-plan runs the plan command without naming it', async () => {
    const r = await runCli(['-f', example, '--emulator', '--json'], { only: 'plan' });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { formatVersion: number; summary: { create: number } };
    expect(plan.formatVersion).toBe(1);
    // examples/web.yaml: one app and its web integration.
    expect(plan.summary).toEqual({ create: 2, update: 0, replace: 0, delete: 0, unmanaged: 0 });
  });

  it('sunco-apply runs the apply command without naming it', async () => {
    const r = await runCli(['-f', example, '--emulator', '--yes', '--json'], { only: 'apply' });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { status: string; summary: { created: number; failed: number }; applied: { address: string; operation: string }[] };
    expect(result.status).toBe('applied');
    expect(result.summary).toMatchObject({ created: 2, failed: 0 });
    // Then the app's bookkeeping (bindings of what was created): a write, not a counted change.
    expect(result.applied.map((a) => `${a.address} ${a.operation}`)).toEqual(['app.website create', 'app.website.integration.widget create', 'app.website bookkeeping']);
  });

  it('names the binary in usage errors', async () => {
    const r = await runCli(['--no-such-flag'], { only: 'apply' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Run 'sunco-apply --help' for usage.");
  });
});
