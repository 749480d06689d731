/** The one fake terminal of the tests: a CliIO whose output is kept, not printed. */
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

export interface FakeIOOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** What the user types (read once). */
  stdin?: string;
  stdoutIsTTY?: boolean;
  stdinIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** Both streams into one buffer, in order, as a terminal shows them. */
  interleaved?: boolean;
}

export type FakeIO = CliIO & { out: () => string; err: () => string };

export function fakeIO(opts: FakeIOOptions = {}): FakeIO {
  let stdout = '';
  let stderr = '';
  const toOut = (s: string) => (stdout += s);
  return {
    stdout: { write: toOut },
    stderr: { write: opts.interleaved ? toOut : (s: string) => (stderr += s) },
    stdin: Readable.from([opts.stdin ?? '']),
    env: { ...(opts.env ?? {}) },
    cwd: opts.cwd ?? process.cwd(),
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stdinIsTTY: opts.stdinIsTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    exitCode: 0,
    out: () => stdout,
    err: () => stderr,
  };
}
