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
  /** Whether stderr is a terminal: live progress (a counter rewritten in place) only then. */
  stderrIsTTY?: boolean;
  /** Set by a command that succeeds with a non-zero code (e.g. 2 for --detailed-exitcode). */
  exitCode: number;
  /** `--color` / `--no-color`, when given: wins over the environment and the terminal. */
  color?: boolean;
  /** Terminal width for help text; default process.stdout.columns when stdout is the process's. */
  columns?: number;
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
    stderrIsTTY: Boolean(process.stderr.isTTY),
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

/**
 * Whether to colour: `--color`/`--no-color` first; then FORCE_COLOR (https://force-color.org;
 * "0" or "false" turn colour off), which, as in Node itself, wins over NO_COLOR
 * (https://no-color.org); otherwise only on a terminal that is not "dumb".
 */
export function useColor(io: CliIO = getIO()): boolean {
  if (io.color !== undefined) return io.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}
