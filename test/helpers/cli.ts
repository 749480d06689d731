import { run } from '../../src/cli/run.js';
import { type FakeIOOptions, fakeIO } from './io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends Omit<FakeIOOptions, 'interleaved'> {
  scriptName?: string;
  /** Run as the sunco-plan / sunco-apply binaries do: that command is the default command. */
  only?: 'plan' | 'apply';
}

/** Run a sunco command line in-process, capturing stdout/stderr and the exit code. */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const io = fakeIO(opts);
  const code = await run(args, opts.scriptName ?? (opts.only ? `sunco-${opts.only}` : 'sunco'), io, opts.only);
  return { code, stdout: io.out(), stderr: io.err() };
}
