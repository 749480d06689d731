import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { runCli } from '../../helpers/cli.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Every commented example line, uncommented: `    # keys:` → `    keys:`. Only below `version: 1`. */
function uncommentExamples(text: string): string {
  const [head, body] = text.split(/^version: 1\n/m);
  return `${head}version: 1\n${body!.split('\n').map((l) => l.replace(/^(\s*)# /, '$1')).join('\n')}`;
}

describe('sunco init', () => {
  it('writes a starter sunco.yaml that validates and plans against the emulator, with the $schema line first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-init-'));
    const r = await runCli(['init'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('Wrote sunco.yaml');
    const text = readFileSync(join(dir, 'sunco.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/sunco\.schema\.json$/);
    // The $schema path resolves from the file's directory to the shipped schema.
    const schemaPath = text.split('\n')[0]!.replace('# yaml-language-server: $schema=', '');
    expect(JSON.parse(readFileSync(join(dir, schemaPath), 'utf8')).title).toBe('sunco configuration');

    expect(await runCli(['validate'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'OK: 1 app, 1 resource in sunco.yaml\n' });
    emu = await startEmulator({ port: 0 });
    const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
    const plan = await runCli(['plan', '--json'], { cwd: dir, env });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).changes.map((c: { address: string; action: string }) => `${c.action} ${c.address}`)).toEqual(['create app.main', 'create app.main.integration.web']);
  });

  it('refuses to overwrite an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-init-'));
    writeFileSync(join(dir, 'mine.yaml'), 'keep me\n');
    const r = await runCli(['init', '-f', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: mine.yaml already exists: sunco init never overwrites a file. Pass -f with another path.\n');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
  });

  it('every commented example is valid config once uncommented: every kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-init-'));
    await runCli(['init'], { cwd: dir });
    writeFileSync(join(dir, 'all.yaml'), uncommentExamples(readFileSync(join(dir, 'sunco.yaml'), 'utf8')));
    const r = await runCli(['validate', '-f', 'all.yaml', '--var', 'TWILIO_AUTH_TOKEN=x'], { cwd: dir });
    expect(r.stderr).toBe('');
    // keys, 3 integrations, a webhook, an integration key, the switchboard and 2 switchboard integrations.
    expect(r).toMatchObject({ code: 0, stdout: 'OK: 1 app, 9 resources in all.yaml\n' });
  });
});
