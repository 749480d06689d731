/**
 * Red-team of "Internal error … This is a bug" and unclear causes on user input (issue 14):
 * each case below ended in a vague line, a hang, or an error quoting the file's text. Now each
 * is one clear line naming the file, and an excerpt of a secrets or state file is never shown.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/connection.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { fakeIO } from '../helpers/io.js';

let dir: string;
let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;
const SECRET = 'SUPERSECRETVALUE123';

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
  dir = await mkdtemp(join(tmpdir(), 'sunco-causes-'));
  await writeFile(join(dir, 'sunco.yaml'), 'version: 1\napps:\n  a:\n    displayName: A\n');
  // A config directory whose only *.yaml entry is a directory (unreadable even to root).
  await mkdir(join(dir, 'cfg/only.yaml'), { recursive: true });
  // JSON with an unquoted value: V8's message quotes the text around it.
  await writeFile(join(dir, 'secrets.json'), `{"app.a.key.k": {"id": "app_1", "secret": ${SECRET}}}`);
  await writeFile(join(dir, 'state.json'), `{"provisioning": ${SECRET}}`);
  await writeFile(join(dir, 'plan.json'), `{"formatVersion": ${SECRET}}`);
});
afterAll(async () => {
  await emu.close();
});

async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
  const r = await runCli(args, { cwd: dir, env });
  expect(r.stderr).not.toMatch(/Internal error|This is a bug|\n\s+at /);
  return { code: r.code, lines: r.stderr.trimEnd().split('\n') };
}

describe('one clear line', () => {
  it('a config directory whose only *.yaml is a directory names it (was "config could not be loaded")', async () => {
    const r = await cli(['validate', '-f', 'cfg']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['Error: Invalid configuration: 1 error', 'cfg/only.yaml: cannot be read: it is a directory named like a config file']);
  });

  it('-f naming a device is refused by name (was skipped, then "config could not be loaded")', async () => {
    const r = await cli(['validate', '-f', '/dev/null']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['Error: Invalid configuration: 1 error', '/dev/null: /dev/null is not a regular file or a directory']);
  });

  it('--var-file /dev/zero stops at the size limit (it read until memory ran out)', async () => {
    const r = await cli(['validate', '--var-file', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['Error: Invalid configuration: 1 error', '/dev/zero: cannot read variable file /dev/zero: it is over 1048576 bytes (1 MiB)']);
  });

  it('a secrets file that is not JSON is named without an excerpt of it (V8 quoted the secret)', async () => {
    const r = await cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([expect.stringMatching(/^Error: the secrets file .+secrets\.json is not a JSON object keyed by address \(invalid JSON\); move it away or fix it$/)]);
    expect(r.lines.join('\n')).not.toContain('SUPERSECRE');
    expect(emu.requestLog).toEqual([]);
  });

  it('an emulator --state file that is not JSON, likewise (it holds key secrets)', async () => {
    const r = await cli(['emulator', '--port', '0', '--state', join(dir, 'state.json')]);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([`Error: ${join(dir, 'state.json')}: not a valid emulator state file (invalid JSON)`]);
  });

  it('an emulator --state that is a FIFO is refused unread (it was read for ever)', async () => {
    const fifo = join(dir, 'state.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await cli(['emulator', '--port', '0', '--state', fifo]);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([`Error: ${fifo}: not a valid emulator state file (it is not a regular file); give --state a file path`]);
  });

  it('sunco show names the plan file as given, without an excerpt', async () => {
    const r = await cli(['show', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['Error: plan.json is not a sunco plan file: it is not valid JSON (invalid JSON)']);
  });

  it.each<[string[], string]>([
    [['validate', '-f', 'sunco.yaml', '-f', 'cfg'], 'Error: --file was given 2 times: give one config file, or a directory of *.yaml files to merge them.'],
    [['apply', '--yes', '--secrets-out', 'a.json', '--secrets-out', 'b.json'], 'Error: --secrets-out was given 2 times: give it once.'],
    [['plan', '--out', 'a.json', '--out', 'b.json'], 'Error: --out was given 2 times: give it once.'],
    [['messages', 'post', '--app', 'x', '--conversation', 'c', '--file', 'a', '--file', 'b'], 'Error: --file was given 2 times: give it once.'],
  ])('a one-value flag given twice: %j (was "Internal error: The "paths[1]" argument must be of type string")', async (args, line) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([line]);
  });

  it('--timeout below a millisecond is one millisecond (it rounded to 0: no timeout at all)', () => {
    expect(resolveConnection({ timeout: 0.0001 }, fakeIO({ env })).timeoutMs).toBe(1);
  });
});
