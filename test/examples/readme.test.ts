/**
 * The config README.md shows under "A config" is one a reader copies first: it validates (with
 * its one variable set, --strict) and plans against the emulator. It once lacked the twilio
 * phoneNumberSid the spec requires, and `sunco validate` refused it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

function readmeConfig(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## A config$/m)[1] ?? '';
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no yaml block under "## A config"');
  return block[1]!;
}

describe('the README config', () => {
  it('validates with --strict once its variable is set, and plans every entry as a create', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-readme-'));
    const file = join(dir, 'sunco.yaml');
    writeFileSync(file, readmeConfig());
    const valid = await runCli(['validate', '-f', file, '--strict', '--var', 'TWILIO_AUTH_TOKEN=tok-readme-1'], { cwd: dir });
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe('OK: 1 app, 7 resources in sunco.yaml\n');
    const plan = await runCli(['-f', file, '--var', 'TWILIO_AUTH_TOKEN=tok-readme-1', '--emulator', '--json'], { only: 'plan', cwd: dir });
    expect(plan.code).toBe(0);
    const doc = JSON.parse(plan.stdout) as { summary: Record<string, number> };
    expect(doc.summary).toEqual({ create: 8, update: 0, replace: 0, delete: 0, unmanaged: 0 });
  });
});
