/**
 * CLI conventions, each through the command (exit code, stdout, stderr): colour switches,
 * completion, help layout and examples, and yargs messages in sunco's one-line style.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSleep } from '../../src/api/retry.js';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';

const ESC = '\u001b[';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sunco-conventions-'));
  writeFileSync(join(dir, 'sunco.yaml'), [
    'version: 1', 'apps:', '  support:', '    displayName: Acme Support',
    '    integrations:', '      web: { type: web, displayName: Website }',
    '    keys:', '      deployer: { displayName: CI deployer }',
  ].join('\n'));
  writeFileSync(join(dir, 'other.yaml'), 'version: 1\napps:\n  sales:\n    displayName: Sales\n');
  writeFileSync(join(dir, 'secret.yaml'), 'version: 1\napps:\n  sms:\n    displayName: SMS\n    integrations:\n      twilio: { type: twilio, displayName: SMS, accountSid: AC1, phoneNumberSid: PN1, authToken: "${TOKEN}" }\n');
});

describe('colour', () => {
  const plan = (env: NodeJS.ProcessEnv, stdoutIsTTY: boolean, extra: string[] = []) => runCli(['plan', '--emulator', ...extra], { cwd: dir, env, stdoutIsTTY });

  it('colours on a terminal by default and never with --no-color', async () => {
    const tty = await plan({}, true);
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain(`  ${ESC}32m+${ESC}39m ${ESC}1mapp.support${ESC}22m (app)`);
    const off = await plan({}, true, ['--no-color']);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain(ESC);
    expect(off.stdout).toContain('  + app.support (app)');
    expect(off.stderr).not.toContain('Unknown');
  });

  it('NO_COLOR turns it off on a terminal; FORCE_COLOR turns it on off one, and wins over NO_COLOR', async () => {
    expect((await plan({ NO_COLOR: '1' }, true)).stdout).not.toContain(ESC);
    expect((await plan({}, false)).stdout).not.toContain(ESC);
    expect((await plan({ FORCE_COLOR: '1' }, false)).stdout).toContain(ESC);
    expect((await plan({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).stdout).toContain(ESC);
    expect((await plan({ FORCE_COLOR: '0' }, true)).stdout).not.toContain(ESC);
    expect((await plan({ FORCE_COLOR: '1' }, false, ['--no-color'])).stdout).not.toContain(ESC);
    expect((await plan({ NO_COLOR: '1' }, false, ['--color'])).stdout).toContain(ESC);
  });
});

describe('completion', () => {
  const complete = (words: string[], only?: 'plan' | 'apply') =>
    runCli(['--get-yargs-completions', only ? `sunco-${only}` : 'sunco', ...words], { cwd: dir, only });

  it('answers nothing after -f, --var-file and --out, so the shell completes file names', async () => {
    for (const words of [['plan', '-f', ''], ['plan', '--file', 'con'], ['apply', '--var-file', ''], ['plan', '--out', '']]) {
      const r = await complete(words);
      expect(r, words.join(' ')).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('answers the config\'s addresses after --target (from -f when given)', async () => {
    const r = await complete(['plan', '--target', '']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(['app.support', 'app.support.integration.web', 'app.support.key.deployer']);
    const other = await complete(['apply', '-f', 'other.yaml', '--target', 'app']);
    expect(other.stdout.trim().split('\n')).toEqual(['app.sales']);
    // A variable nobody set (a secret at a terminal) does not stop completion.
    const secret = await complete(['plan', '-f', 'secret.yaml', '--target', '']);
    expect(secret.stdout.trim().split('\n').sort()).toEqual(['app.sms', 'app.sms.integration.twilio']);
  });

  it('completes sunco-plan and sunco-apply flags, and prints their own scripts', async () => {
    const plan = await complete(['--'], 'plan');
    expect(plan.stdout.split('\n')).toEqual(expect.arrayContaining(['--detailed-exitcode', '--target', '--api-url']));
    const apply = await complete(['--'], 'apply');
    expect(apply.stdout.split('\n')).toEqual(expect.arrayContaining(['--secrets-out', '--yes']));
    expect((await complete(['-f', ''], 'plan')).stdout).toBe('');
    for (const only of ['plan', 'apply'] as const) {
      const script = await runCli(['completion'], { only });
      expect(script.code).toBe(0);
      expect(script.stdout).toContain(`sunco-${only} --get-yargs-completions`);
      expect(script.stderr).toBe('');
    }
  });

  it('completion --help prints help, not the script', async () => {
    for (const only of [undefined, 'plan'] as const) {
      const r = await runCli(['completion', '--help'], { only });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('###-begin');
      expect(r.stdout).toMatch(/^sunco(-plan)? completion\n\nPrint a bash or zsh completion script/);
      expect(r.stdout).toContain('completion >> ~/.bashrc');
    }
  });
});

describe('help layout', () => {
  /** Every command path: top-level commands, and the verbs a noun's help lists. */
  async function allPaths(): Promise<string[][]> {
    const out: string[][] = [];
    for (const c of commands) {
      const name = String(c.command).split(' ')[0]!;
      out.push([name]);
      const help = (await runCli([name, '--help'])).stdout.split(/^Examples:$/m)[0]!;
      for (const m of help.matchAll(new RegExp(`^\\s+sunco ${name} ([\\w-]+)`, 'gm'))) out.push([name, m[1]!]);
    }
    return out;
  }

  it('every command shows its own flags first, then Connection, then Global, then 2–3 examples', async () => {
    const paths = await allPaths();
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths) {
      const r = await runCli([...path, '--help']);
      const where = `sunco ${path.join(' ')} --help`;
      expect(r.code, where).toBe(0);
      const headings = r.stdout.split('\n').filter((l) => /^\S.*:$/.test(l));
      const examples = r.stdout.split(/^Examples:$/m)[1]?.split('\n').filter((l) => l.startsWith(`  sunco ${path[0]}`)) ?? [];
      const hint = `${where}: 2–3 examples (add them to src/cli/examples.ts, or .example() in the builder)`;
      expect(examples.length, hint).toBeGreaterThanOrEqual(2);
      expect(examples.length, hint).toBeLessThanOrEqual(3);
      expect(headings.at(-1), where).toBe('Examples:');
      expect(headings.at(-2), where).toBe('Global:');
      const connection = headings.indexOf('Connection:');
      if (connection >= 0) {
        expect(connection, where).toBe(headings.length - 3);
        expect(headings.slice(0, connection).length, `${where}: own flags before Connection`).toBeGreaterThan(0);
      }
    }
  });

  it('sunco-plan shows its own flags before Connection, with examples that name sunco-plan', async () => {
    const r = await runCli(['--help'], { only: 'plan' });
    const text = r.stdout;
    expect(text.indexOf('--detailed-exitcode')).toBeLessThan(text.indexOf('Connection:'));
    expect(text.indexOf('--file')).toBeLessThan(text.indexOf('Connection:'));
    expect(text).toContain('  sunco-plan --emulator ');
    expect(text).not.toContain('sunco-plan plan');
  });
});

describe('yargs messages in sunco\'s words', () => {
  it.each([
    [['users', 'get'], 'Error: Missing <user>. Usage: sunco users get <user>'],
    [['users', 'get', 'a', 'b'], 'Error: Unexpected argument "b" for sunco users get. Usage: sunco users get <user>'],
    [['users', 'create'], "Error: Missing --external-id. Run 'sunco users create --help' for usage."],
    [['plan', '--prunee'], "Error: Unknown option --prunee (did you mean --prune?) for sunco plan. Run 'sunco plan --help' for usage."],
    [['plan', '--format', 'yaml'], 'Error: Invalid --format "yaml": choose text, json or markdown.'],
    [['plan', '--target'], "Error: --target needs a value. Run 'sunco plan --help' for usage."],
    [['plna'], "Error: Unknown command \"plna\": did you mean plan? Run 'sunco --help' for the commands."],
    [['users'], "Error: Name a verb: users create|get|update|delete|list|delete-personal-information. Run 'sunco users --help' for usage."],
    [['conversations', 'list', '--all', '--after', 'x', '--user', 'u'], 'Error: --all and --after cannot be used together.'],
  ])('sunco %j', async (args, message) => {
    const r = await runCli(args, { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
  });

  it('leaves no yargs wording anywhere', async () => {
    const r = await runCli(['attachments', 'upload'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/non-option|Not enough|Unknown argument/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a refused connection', () => {
  let restore: () => void;
  const slept: number[] = [];
  beforeAll(() => {
    restore = setSleep(async (ms) => void slept.push(ms));
  });
  afterAll(() => restore());

  /** A port on 127.0.0.1 that nobody listens on: bound once, then closed. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    return port;
  }

  it('says "retrying (n/3)" on stderr, then fails naming the URL', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const r = await runCli(['apps', 'list', '--api-url', url, '--json'], { env: { SUNCO_KEY_ID: 'act_x', SUNCO_KEY_SECRET: 'shh' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `GET /v2/apps: ${url} refused the connection, retrying (1/3)`,
      `GET /v2/apps: ${url} refused the connection, retrying (2/3)`,
      `GET /v2/apps: ${url} refused the connection, retrying (3/3)`,
      `Error: GET /v2/apps failed: connection_refused: cannot connect to ${url}: connection refused (tried 4 times). Is the API URL right, and is the server running?`,
    ]);
    expect(slept).toHaveLength(3);
    expect(r.stderr).not.toContain('shh');
  });
});
