/**
 * What a Terraform user types without reading: one-dash long flags (`-out=plan.json`,
 * `-auto-approve`) and Terraform's flag names. yargs reads `-out` as the flags -o -u -t; the
 * error names the token as typed and the flag meant, in one line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('one-dash long flags and other tools\' names', () => {
  it.each([
    [['-out=plan.json'], 'Error: Unknown option -out for sunco-plan: did you mean --out? Run \'sunco-plan --help\' for usage.\n'],
    [['-detailed-exitcode'], 'Error: Unknown option -detailed-exitcode for sunco-plan: did you mean --detailed-exitcode? Run \'sunco-plan --help\' for usage.\n'],
    [['-var', 'X=1'], 'Error: Unknown option -var for sunco-plan: did you mean --var? Run \'sunco-plan --help\' for usage.\n'],
    [['-frobnicate'], 'Error: Unknown option -frobnicate for sunco-plan: long options take two dashes. Run \'sunco-plan --help\' for usage.\n'],
  ])('sunco-plan %j: exit 1, one line naming the flag meant', async (args, stderr) => {
    const r = await runCli([...args, '--emulator'], { only: 'plan' });
    expect(r).toEqual({ code: 1, stdout: '', stderr });
  });

  it.each([
    ['-auto-approve', "Error: Unknown option -auto-approve for sunco-apply: did you mean --yes? Run 'sunco-apply --help' for usage.\n"],
    ['--auto-approve', "Error: Unknown option --auto-approve (did you mean --yes?) for sunco-apply. Run 'sunco-apply --help' for usage.\n"],
  ])('sunco-apply %s points at --yes, exit 1, nothing applied', async (typed, stderr) => {
    const r = await runCli([typed, '--emulator'], { only: 'apply' });
    expect(r).toEqual({ code: 1, stdout: '', stderr });
  });

  it('a real cluster of one-letter flags is still read as such', async () => {
    const r = await runCli(['messages', 'post', '-c', 'x', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sunco messages post/);
  });
});

describe('a misspelt verb', () => {
  it.each([
    [['apps', 'ls'], "Error: Unknown command \"ls\" for sunco apps: did you mean list? Run 'sunco apps --help' for the commands.\n"],
    [['messages', 'pots', '-c', 'x'], "Error: Unknown command \"pots\" for sunco messages: did you mean post? Run 'sunco messages --help' for the commands.\n"],
    [['plna'], "Error: Unknown command \"plna\": did you mean plan? Run 'sunco --help' for the commands.\n"],
  ])('sunco %j names the word typed and the command it was typed under, exit 1', async (args, stderr) => {
    expect(await runCli(args)).toEqual({ code: 1, stdout: '', stderr });
  });
});
