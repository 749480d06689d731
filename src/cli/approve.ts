/**
 * Approval before applying a fresh plan, as Terraform asks for it: on a terminal, only the
 * exact answer `yes` proceeds (stricter than the `[y/N]` of one-off commands, since an apply
 * can change a whole account); without a terminal, `--yes` must be given (CI must be explicit).
 * Reading the answer is shared with confirm.ts.
 */
import { readLine } from './confirm.js';
import type { CliIO, Out } from './io.js';
import { UserError } from '../errors.js';
import { flushMasked } from '../secret-mask.js';

export const APPROVAL_QUESTION = "Apply these changes? Only 'yes' is accepted";

/** `out`: where the question goes (stderr when stdout is reserved for --json). */
export async function approve(io: CliIO, yes: boolean, out: Out = io.stdout): Promise<void> {
  if (yes) return;
  if (!io.stdinIsTTY) {
    throw new UserError('refusing to apply without confirmation: stdin is not a terminal. CI must be explicit: pass --yes');
  }
  out.write(`\n${APPROVAL_QUESTION}: `);
  flushMasked(out);
  const answer = await readLine(io.stdin);
  if (answer?.trim() !== 'yes') throw new UserError('Apply cancelled: nothing was changed.');
}
