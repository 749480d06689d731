/**
 * Apply then plan is empty: for every example config, the split directory, and a config with
 * every kind and every integration type (write-only values included).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { type Harness, harness, writes } from '../helpers/harness.js';

const examples = resolve(import.meta.dirname, '../../examples');
const fixtures = resolve(import.meta.dirname, 'fixtures');
const varFile = (name: string) => {
  const env = join(examples, name.replace(/\.yaml$/, '.env.example'));
  return readdirSync(examples).includes(name.replace(/\.yaml$/, '.env.example')) ? ['--var-file', env] : [];
};

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const configs: [string, string[]][] = [
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.yaml'))
    .map((f): [string, string[]] => [`examples/${f}`, ['-f', join(examples, f), ...varFile(f)]]),
  ['examples/split (directory)', ['-f', join(examples, 'split')]],
  ['every kind and integration type', ['-f', join(fixtures, 'every-kind.yaml')]],
];

describe('apply, then plan shows no changes', () => {
  it.each(configs)('%s', async (_name, args) => {
    const applied = await h.cli(['apply', ...args, '--yes', '--secrets-out', 'secrets.json']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: [1-9]\d* created, 0 updated, 0 replaced, 0 deleted\./);
    const mark = h.emu.requestLog.length;
    const plan = await h.cli(['plan', ...args, '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
    expect(writes(h.emu, mark)).toEqual([]);
    // Applying again changes nothing and asks nothing.
    const again = await h.cli(['apply', ...args]);
    expect(again.code).toBe(0);
    expect(writes(h.emu, mark)).toEqual([]);
  });
});

describe('--emulator', () => {
  it('applies to a fresh in-process emulator without credentials', async () => {
    const r = await runCli(['apply', '--emulator', '-f', join(examples, 'web.yaml'), '--yes'], { env: {} });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Applying to an empty in-process emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toContain('Apply complete: 2 created, 0 updated, 0 replaced, 0 deleted.');
  });
});
