/**
 * Bad input (issue 8): every CLI entry point fed garbage flags, missing files, unreadable
 * files, malformed JSON for --data, an unreachable API and a 401. Each must exit 1 with a
 * one-line cause on stderr (the first line starts with "Error:") and no stack trace.
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { type Server, createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSleep } from '../../src/api/retry.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

const config = resolve(import.meta.dirname, '../../examples/bot.yaml');
const stateDir = join(tmpdir(), `sunco-bad-input-${process.pid}`);
let emu: RunningEmulator;
let dir: string;
let closedPort: number;
let nullServer: Server;
let nullUrl: string;
let restoreSleep: () => void;

beforeAll(async () => {
  // Retries of the unreachable URL back off for real otherwise (seconds per case).
  restoreSleep = setSleep(() => Promise.resolve());
  emu = await startEmulator({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'sunco-bad-'));
  await mkdir(join(dir, 'a-directory'));
  await mkdir(stateDir, { recursive: true });
  await mkdir(join(dir, 'looks-like.yaml'));
  await writeFile(join(dir, 'locked.yaml'), 'version: 1\napps: {}\n');
  await chmod(join(dir, 'locked.yaml'), 0o000);
  // Config directories with a symlink loop and with a dangling link.
  await mkdir(join(dir, 'looping'));
  await writeFile(join(dir, 'looping', 'a.yaml'), 'version: 1\napps: {}\n');
  await symlink('loop-b.yaml', join(dir, 'looping', 'loop-a.yaml'));
  await symlink('loop-a.yaml', join(dir, 'looping', 'loop-b.yaml'));
  await mkdir(join(dir, 'dangling'));
  await writeFile(join(dir, 'dangling', 'a.yaml'), 'version: 1\napps: {}\n');
  await symlink('gone.yaml', join(dir, 'dangling', 'b.yaml'));
  await symlink('loop-a.yaml', join(dir, 'looping', 'entry.yaml'));
  // --data nested far deeper than any request body (it overflowed the stack before).
  await writeFile(join(dir, 'deep.json'), `${'['.repeat(30000)}${']'.repeat(30000)}`);
  // An API that answers every call 200 with the JSON body `null`.
  nullServer = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('null'));
  await new Promise<void>((r) => nullServer.listen(0, '127.0.0.1', r));
  nullUrl = `http://127.0.0.1:${(nullServer.address() as { port: number }).port}`;
  // A port that was free a moment ago and is closed now: connection refused.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closedPort = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
});
afterAll(async () => {
  restoreSleep();
  await emu.close();
  await new Promise<void>((r) => nullServer.close(() => r()));
  await rm(dir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

type Env = 'good' | 'unreachable' | 'unauthorized' | 'null-body';
function envFor(kind: Env): NodeJS.ProcessEnv {
  const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
  if (kind === 'unreachable') env.SUNCO_API_URL = `http://127.0.0.1:${closedPort}`;
  if (kind === 'unauthorized') env.SUNCO_KEY_SECRET = 'not-the-secret';
  if (kind === 'null-body') env.SUNCO_API_URL = nullUrl;
  return env;
}

const cases: [string, string[], Env][] = [
  // Garbage flags.
  ['validate: unknown flag', ['validate', '--no-such-flag'], 'good'],
  ['plan: unknown flag', ['plan', '--bogus', 'x'], 'good'],
  ['apply: non-numeric --parallelism', ['apply', '-f', config, '--parallelism', 'lots'], 'good'],
  ['emulator: non-numeric --port', ['emulator', '--port', 'abc'], 'good'],
  ['emulator: --fault-rate out of range', ['emulator', '--fault-rate', '2'], 'good'],
  ['apps list: unknown flag', ['apps', 'list', '--frobnicate'], 'good'],
  ['api: unknown method', ['api', 'FETCH', '/v2/apps'], 'good'],
  ['plan: -f without a value', ['plan', '-f'], 'good'],
  ['validate: -f followed by a flag', ['validate', '-f', '--strict'], 'good'],
  // Missing files.
  ['validate: missing config', ['validate', '-f', 'missing.yaml'], 'good'],
  ['plan: missing config', ['plan', '-f', 'missing.yaml'], 'good'],
  ['apply: missing config', ['apply', '-f', 'missing.yaml', '--yes'], 'good'],
  ['apply: missing plan file', ['apply', 'missing-plan.json', '-f', config], 'good'],
  ['plan: missing --var-file', ['plan', '-f', config, '--var-file', 'missing.env'], 'good'],
  ['api: missing --data @file', ['api', 'POST', '/v2/apps', '--data', '@missing.json'], 'good'],
  // Unreadable files: a directory where a file is expected (unreadable even to root).
  ['validate: config path is a directory named .yaml', ['validate', '-f', 'looks-like.yaml'], 'good'],
  ['plan: --var-file is a directory', ['plan', '-f', config, '--var-file', 'a-directory'], 'good'],
  ['apply: plan file is a directory', ['apply', 'a-directory', '-f', config], 'good'],
  ['apply: --secrets-out is a directory', ['apply', '-f', config, '--yes', '--secrets-out', 'a-directory'], 'good'],
  // Absolute: the emulator command resolves --state against process.cwd(), not the CLI's cwd.
  ['emulator: --state is a directory', ['emulator', '--state', stateDir, '--port', '0'], 'good'],
  ['api: --data @directory', ['api', 'POST', '/v2/apps', '--data', '@a-directory'], 'good'],
  // Links that cannot be followed, in a config directory and as the config itself.
  ['validate: config directory with a symlink loop', ['validate', '-f', 'looping'], 'good'],
  ['validate: config is a looping symlink', ['validate', '-f', 'looping/entry.yaml'], 'good'],
  ['plan: config directory with a dangling link', ['plan', '-f', 'dangling'], 'good'],
  // Malformed JSON.
  ['api: malformed --data', ['api', 'POST', '/v2/apps', '--data', '{bad'], 'good'],
  ['conversations create: malformed --metadata', ['conversations', 'create', '--app', 'x', '--metadata', '{nope'], 'good'],
  ['api: --data nested 30000 deep (@file)', ['api', 'POST', '/v2/apps', '--data', '@deep.json'], 'good'],
  ['api: --data nested 100 deep (inline)', ['api', 'POST', '/v2/apps', '--data', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`], 'good'],
  // Out of range.
  ['api: --timeout beyond what a timer holds', ['api', 'GET', '/v2/apps', '--timeout', '99999999999'], 'good'],
  ['plan: --timeout beyond what a timer holds', ['plan', '-f', config, '--timeout', '3000000'], 'good'],
  // A success answer whose JSON body is null.
  ['apps list: a null response body', ['apps', 'list'], 'null-body'],
  ['plan: a null response body', ['plan', '-f', config], 'null-body'],
  // Unreachable API (connection refused, after the client's retries).
  ['plan: unreachable API', ['plan', '-f', config], 'unreachable'],
  ['apply: unreachable API', ['apply', '-f', config, '--yes', '--secrets-out', 's.json'], 'unreachable'],
  ['apps list: unreachable API', ['apps', 'list'], 'unreachable'],
  ['integrations list: unreachable API', ['integrations', 'list', '--app', 'abc'], 'unreachable'],
  ['api: unreachable API', ['api', 'GET', '/v2/apps'], 'unreachable'],
  // 401 (wrong secret).
  ['plan: 401', ['plan', '-f', config], 'unauthorized'],
  ['apply: 401', ['apply', '-f', config, '--yes', '--secrets-out', 's.json'], 'unauthorized'],
  ['apps list: 401', ['apps', 'list'], 'unauthorized'],
  ['integrations list: 401', ['integrations', 'list', '--app', 'abc'], 'unauthorized'],
  ['api: 401', ['api', 'GET', '/v2/apps'], 'unauthorized'],
];

describe('bad input: exit 1, a one-line cause, no stack trace', () => {
  it.each(cases)('%s', async (_name, args, kind) => {
    const r = await runCli(args, { env: envFor(kind), cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    // A refused connection first says it is retrying (one line per retry), then fails.
    expect(r.stderr).toMatch(/^(.* retrying \(\d\/3\)\n)*Error: \S/);
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toMatch(/Internal error/);
    // Credentials never appear in an error.
    expect(r.stderr).not.toContain(emu.accountKey.secret);
  });

  // chmod 000 stops a user, not root (CI may run as either): each asserts what it gets.
  it(`a config of mode 000: ${process.getuid?.() === 0 ? 'root reads it anyway' : 'permission denied, exit 1'}`, async () => {
    const r = await runCli(['validate', '-f', 'locked.yaml'], { env: envFor('good'), cwd: dir });
    if (process.getuid?.() === 0) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('OK: 0 apps, 0 resources in locked.yaml');
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: .*\nlocked\.yaml: cannot be read: permission denied\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the causes name what is wrong', async () => {
    const first = async (args: string[], kind: Env) => (await runCli(args, { env: envFor(kind), cwd: dir })).stderr.split('\n').find((l) => l.startsWith('Error:'));
    expect(await first(['plan', '-f', config], 'unreachable')).toMatch(new RegExp(`cannot connect to http://127\\.0\\.0\\.1:${closedPort}: connection refused`));
    expect(await first(['plan', '-f', config], 'unauthorized')).toMatch(/401/);
    expect(await first(['api', 'POST', '/v2/apps', '--data', '{bad'], 'good')).toMatch(/--data is not valid JSON/);
    expect(await first(['apply', 'missing-plan.json', '-f', config], 'good')).toMatch(/missing-plan\.json/);
    expect((await runCli(['validate', '-f', 'looping'], { env: envFor('good'), cwd: dir })).stderr).toMatch(/loop-a\.yaml: cannot be read: it is a symbolic link loop/);
    expect((await runCli(['validate', '-f', 'dangling'], { env: envFor('good'), cwd: dir })).stderr).toMatch(/b\.yaml: cannot be read: it is a symbolic link to a file that does not exist/);
    expect(await first(['api', 'POST', '/v2/apps', '--data', '@deep.json'], 'good')).toBe('Error: --data deep.json is nested 30000 levels deep; at most 64 are accepted.');
    expect(await first(['api', 'GET', '/v2/apps', '--timeout', '99999999999'], 'good')).toBe('Error: Invalid --timeout 99999999999: at most 2147483 seconds.');
    // Not the current directory's *.yaml files (action.yml and all) read as the config.
    expect(await first(['plan', '-f'], 'good')).toBe("Error: -f needs a value. Run 'sunco plan --help' for usage.");
    expect(await first(['apps', 'list'], 'null-body')).toBe('Error: GET /v2/apps: the API answered 200 with JSON null where the spec has an object.');
  });
});
