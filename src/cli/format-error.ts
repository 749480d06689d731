import { UserError } from '../errors.js';

/**
 * Maps any thrown value to the text shown to the user and the exit code.
 * UserError (and its subclasses, such as ApiError and config errors) are expected:
 * message and details only. Anything else is a bug: say so, stack only with --debug.
 */
export function formatError(err: unknown, debug: boolean): { text: string; exitCode: number } {
  if (err instanceof UserError) {
    const lines = [`Error: ${err.message}`, ...err.details];
    return { text: lines.join('\n'), exitCode: err.exitCode };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const text = debug
    ? `Internal error: ${e.stack ?? e.message}`
    : `Internal error: ${e.message}\n(This is a bug in sunco. Re-run with --debug for details.)`;
  return { text, exitCode: 1 };
}
