/**
 * Confirmation before a destructive call (delete all messages, delete personal
 * information, apply with deletions, ...). With --yes: go on. On a terminal: ask, and only
 * "y"/"yes" goes on. Without a terminal and without --yes: refuse, because a script that
 * nobody watches must say --yes to destroy data.
 */
import { flushMasked } from '../secret-mask.js';
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { getIO } from './io.js';

/** One line typed on `stream`, or undefined at end of input. Shared with sunco-apply's approval. */
export function readLine(stream: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: stream, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      resolve(line);
      rl.close();
    });
    rl.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

/** Resolves when the user agreed (or passed --yes); otherwise throws UserError and nothing is done. */
export async function confirm(question: string, options: { yes?: boolean }): Promise<void> {
  if (options.yes) return;
  const io = getIO();
  if (!io.stdinIsTTY) {
    throw new UserError(`${question} Refusing without confirmation: stdin is not a terminal. Pass --yes to proceed.`);
  }
  io.stderr.write(`${question} [y/N] `);
  flushMasked(io.stderr);
  const answer = (await readLine(io.stdin))?.trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new UserError('Aborted: nothing was changed.');
}
