/**
 * The process boundary, injectable so that commands can be driven in-process by tests.
 * Commands never touch process.stdout/env/exit directly: they use getIO().
 */
export interface Out {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: Out;
  stderr: Out;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout / stdin are terminals: decides colour, tables vs JSON, and prompts. */
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Set by a command that succeeds with a non-zero code (e.g. 2 for --detailed-exitcode). */
  exitCode: number;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    exitCode: 0,
  };
}

let current: CliIO | undefined;

export function setIO(io: CliIO): void {
  current = io;
}

export function getIO(): CliIO {
  if (!current) current = processIO();
  return current;
}

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIO = getIO()): boolean {
  return io.stdoutIsTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && io.env.TERM !== 'dumb';
}
