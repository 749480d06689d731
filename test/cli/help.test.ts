/**
 * --help, --version and completion for every command, run in-process: yargs hands its output
 * to run.ts, which writes it through getIO() like any other output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const topLevel = commands.map((c) => String(c.command).split(' ')[0]);

/** The subcommands a command's help lists, e.g. ["list", "get"] for `sunco apps`. */
function subcommands(help: string, name: string): string[] {
  const re = new RegExp(`^\\s+sunco ${name} (\\w[\\w-]*)`, 'gm');
  // Only the Commands: section: the Examples: section also has lines that start `sunco NAME`.
  const commandsPart = help.split(/^Examples:$/m)[0]!;
  return [...commandsPart.matchAll(re)].map((m) => m[1]);
}

describe('--version', () => {
  it.each([[['--version']], [['validate', '--version']], [['--version', '--debug']]])('sunco %j prints the package version', async (args) => {
    const r = await runCli(args);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('sunco version (terraform version, gh version) prints it too', async () => {
    expect(await runCli(['version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each(['plan', 'apply'] as const)('sunco-%s --version prints it too', async (only) => {
    expect(await runCli(['--version'], { only })).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('--help', () => {
  it('sunco --help (and -h) lists every command on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^sunco <command>\n/);
    for (const name of [...topLevel, 'completion']) expect(r.stdout).toMatch(new RegExp(`^  sunco ${name}\\b`, 'm'));
    expect((await runCli(['-h'])).stdout).toBe(r.stdout);
  });

  it('every command and every subcommand has help', async () => {
    let checked = 0;
    for (const name of topLevel) {
      const r = await runCli([name, '--help']);
      expect(r.code, `sunco ${name} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^sunco ${name}\\b`));
      expect(r.stdout).toContain('--help');
      checked++;
      for (const sub of subcommands(r.stdout, name)) {
        const s = await runCli([name, sub, '--help']);
        expect(s.code, `sunco ${name} ${sub} --help: ${s.stderr}`).toBe(0);
        expect(s.stdout).toMatch(new RegExp(`^sunco ${name} ${sub}\\b`));
        expect(s.stdout).toContain('Connection:');
        checked++;
      }
    }
    // the operations nouns have verbs: the loop above really went one level down
    expect(checked).toBeGreaterThan(topLevel.length + 20);
  });

  it('sunco-plan and sunco-apply show their own usage, flags and groups', async () => {
    const plan = await runCli(['--help'], { only: 'plan' });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^sunco-plan\n/);
    for (const flag of ['--detailed-exitcode', '--out', '--target', '--profile', 'Planning:', 'Connection:']) expect(plan.stdout).toContain(flag);
    const apply = await runCli(['--help'], { only: 'apply' });
    expect(apply.stdout).toMatch(/^sunco-apply \[planfile\]\n/);
    for (const flag of ['--secrets-out', '--yes', '--profile']) expect(apply.stdout).toContain(flag);
  });
});

describe('sunco help COMMAND', () => {
  it.each([
    [['help', 'plan'], ['plan', '--help']],
    [['help', 'messages', 'post'], ['messages', 'post', '--help']],
    [['help'], ['--help']],
  ])('sunco %j prints what sunco %j prints, exit 0', async (asked, same) => {
    const r = await runCli(asked);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe((await runCli(same)).stdout);
    expect(r.stdout).toMatch(new RegExp(`^sunco ${same.slice(0, -1).join(' ')}`));
  });

  it('sunco help NOPE is the unknown-command error, exit 1', async () => {
    const r = await runCli(['help', 'plna']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did you mean plan\?/);
  });
});

describe('completion', () => {
  it('sunco completion prints a bash/zsh script that calls back into sunco', async () => {
    const r = await runCli(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('###-begin-sunco-completions-###');
    expect(r.stdout).toContain('sunco --get-yargs-completions');
  });

  it('answers the completion callback with commands and flags', async () => {
    const cmds = await runCli(['--get-yargs-completions', 'sunco', '']);
    expect(cmds.stdout.split('\n')).toEqual(expect.arrayContaining(['plan', 'apply', 'validate', 'conversations']));
    const flags = await runCli(['--get-yargs-completions', 'sunco', 'plan', '--']);
    expect(flags.stdout.split('\n')).toEqual(expect.arrayContaining(['--detailed-exitcode', '--api-url', '--profile']));
  });
});
