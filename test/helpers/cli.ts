import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: string;
  stdoutIsTTY?: boolean;
  stdinIsTTY?: boolean;
  stderrIsTTY?: boolean;
  scriptName?: string;
  /** Run as the sunco-plan / sunco-apply binaries do: that command is the default command. */
  only?: 'plan' | 'apply';
}

/** Run a sunco command line in-process, capturing stdout/stderr and the exit code. */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([opts.stdin ?? '']),
    env: { ...(opts.env ?? {}) },
    cwd: opts.cwd ?? process.cwd(),
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stdinIsTTY: opts.stdinIsTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    exitCode: 0,
  };
  const code = await run(args, opts.scriptName ?? (opts.only ? `sunco-${opts.only}` : 'sunco'), io, opts.only);
  return { code, stdout, stderr };
}
