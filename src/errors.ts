/**
 * Errors a user can cause (bad config, bad flag, API refusal, network fault).
 * The top-level catch in src/cli/run.ts prints `message` without a stack trace
 * and exits with `exitCode`. Anything that is not a UserError is a bug and is
 * reported as an internal error (stack shown only with --debug).
 */
export class UserError extends Error {
  readonly exitCode: number;
  /** Extra lines printed after the message (e.g. a list of config errors). */
  readonly details: string[];
  constructor(message: string, options: { exitCode?: number; details?: string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 1;
    this.details = options.details ?? [];
  }
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
/** With --detailed-exitcode: the plan has changes. */
export const EXIT_CHANGES = 2;
