/** `sunco show PLANFILE` and the markdown flags, through the command. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sunco-show-'));
  writeFileSync(join(dir, 'sunco.yaml'), 'version: 1\napps:\n  support:\n    displayName: Acme Support\n');
  const r = await runCli(['plan', '--emulator', '--out', 'plan.json'], { cwd: dir });
  expect(r.code).toBe(0);
  // Not "Apply it with: sunco-apply plan.json": that apply would be refused (another emulator, another key).
  expect(r.stderr).toContain('Saved the plan to plan.json. It was made against the in-process emulator, which is discarded now: sunco show plan.json prints it; to apply plan files, plan against sunco emulator (--api-url).\n');
  expect(r.stderr).not.toContain('Apply it with');
});

describe('sunco show', () => {
  it('prints a saved plan as text, with no API call and no connection flags needed', async () => {
    const r = await runCli(['show', 'plan.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+ app.support (app)');
    expect(r.stdout).toContain('Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.');
    expect(r.stderr).toBe('');
  });

  it('prints the PR comment of an environment, and exits 2 with --detailed-exitcode', async () => {
    const r = await runCli(['show', 'plan.json', '--format', 'markdown', '--environment', 'staging', '--detailed-exitcode'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['<!-- sunco-plan:staging -->', '## sunco plan: staging']);
  });

  it('sunco-plan --environment labels the comment the same way', async () => {
    const r = await runCli(['--emulator', '--format', 'markdown', '--environment', 'production'], { cwd: dir, only: 'plan' });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!-- sunco-plan:production -->\n')).toBe(true);
  });

  it('refuses a bad label or a missing file in one line', async () => {
    const bad = await runCli(['show', 'plan.json', '--format', 'markdown', '--environment', 'a b'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('Error: Invalid --environment "a b": use letters, digits, ".", "_" or "-".\n');
    const missing = await runCli(['show', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read the plan file');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
