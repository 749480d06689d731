/**
 * The package as a user gets it: `npm pack` (prepack builds dist/), then
 * `npm install -g --prefix EMPTY ./sunco-*.tgz`, offline (the dependencies travel bundled in
 * the tarball), then the installed binaries run: every command's help, a plan and an apply
 * against the in-process emulator.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { ROOT } from '../helpers/build.js';

const exec = promisify(execFile);
// The npm_* variables of an enclosing `npm test` would leak its settings into these npm runs.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const npmEnv = { ...cleanEnv, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function withOutput(what: string): (e: { stdout?: string; stderr?: string }) => never {
  return (e) => {
    throw new Error(`${what} failed:\n${String(e.stderr ?? '').slice(-4000)}\n${String(e.stdout ?? '').slice(-2000)}`);
  };
}

let prefix: string;
let work: string;

async function bin(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(join(prefix, 'bin', name), args, { cwd: work, env: { ...cleanEnv, NO_COLOR: '1', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  const dest = mkdtempSync(join(tmpdir(), 'sunco-pack-'));
  // On a CI machine the failure of a step is all there is to go on: show npm's own words.
  await exec('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: ROOT, env: npmEnv }).catch(withOutput('npm pack'));
  const tgz = readdirSync(dest).find((f) => /^sunco-.*\.tgz$/.test(f));
  prefix = join(dest, 'prefix');
  await exec('npm', ['install', '-g', '--prefix', prefix, join(dest, tgz!)], { cwd: dest, env: npmEnv }).catch(withOutput('npm install -g'));
  work = mkdtempSync(join(tmpdir(), 'sunco-installed-'));
  writeFileSync(join(work, 'sunco.yaml'), 'version: 1\napps:\n  support:\n    displayName: Acme Support\n    keys:\n      deployer: { displayName: CI deployer }\n');
}, 120_000);

describe('the installed package', () => {
  it('installs three binaries', () => {
    for (const b of ['sunco', 'sunco-plan', 'sunco-apply']) expect(existsSync(join(prefix, 'bin', b))).toBe(true);
  });

  it('runs every command (its help)', async () => {
    const names = commands.map((c) => String(c.command).split(' ')[0]!);
    expect(names.length).toBeGreaterThan(8);
    const results = await Promise.all(names.map((n) => bin('sunco', [n, '--help'])));
    results.forEach((r, i) => {
      expect(r.code, `${names[i]}: ${r.stderr}`).toBe(0);
      expect(r.stdout, names[i]).toContain(`sunco ${names[i]}`);
    });
    expect((await bin('sunco', ['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the build leaves every bin of the checkout executable (tsc writes 0644; npx runs the file itself)', () => {
    const bins = Object.values((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    expect(bins).toHaveLength(3);
    for (const b of bins) expect(statSync(join(ROOT, b)).mode & 0o100, b).toBe(0o100);
  });

  it('npx sunco runs from the checkout (dist/ was built by prepack above), with an npx cache of its own', async () => {
    // A cache of its own: the machine's may hold a link npx made earlier, and npm chmods a bin
    // only when it first links it (with a fresh build left 0644, CI's said "sunco: Permission
    // denied"; the test above pins the mode).
    const env = { ...npmEnv, npm_config_cache: mkdtempSync(join(tmpdir(), 'sunco-npx-cache-')) };
    const r = await exec('npx', ['--offline', 'sunco', '--version'], { cwd: ROOT, env });
    expect(r.stdout.trim()).toBe((await bin('sunco', ['--version'])).stdout.trim());
  });

  it('plans and applies against the in-process emulator', async () => {
    const plan = await bin('sunco-plan', ['--emulator']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.');
    const apply = await bin('sunco-apply', ['--emulator', '--yes', '--secrets-out', join(work, 'secrets.json')]);
    expect(apply.stderr).not.toContain('Error');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/app\.support\.key\.deployer\s+create\s+created/);
    expect(existsSync(join(work, 'secrets.json'))).toBe(true);
  });
});
