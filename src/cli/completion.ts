/**
 * Shell completion beyond yargs' defaults. yargs answers `--get-yargs-completions` with the
 * commands and flags it knows; that is wrong after a flag that takes a file (`-f <TAB>` would
 * offer flags, and bash inserts their common prefix `--`), and it knows nothing of the config's
 * addresses. Answering nothing after a file flag makes the shell complete file names (the
 * scripts fall back to `-o default` in bash and `_default` in zsh); after `--target`, the
 * answer is the addresses the config declares.
 */
import { loadConfig } from '../config/index.js';
import { desiredTree, walk } from '../resources/tree.js';
import type { CliIO } from './io.js';

/** Flags whose value is a path: the shell's own file-name completion does better than us. */
const FILE_FLAGS = new Set(['-f', '--file', '--var-file', '--out', '--secrets-out', '--state', '--emulator-config']);

export const COMPLETION_HELP = (scriptName: string): string =>
  [
    `${scriptName} completion`,
    '',
    'Print a bash or zsh completion script (chosen from $SHELL). Install it once:',
    '',
    `  ${scriptName} completion >> ~/.bashrc     # bash`,
    `  ${scriptName} completion >> ~/.zshrc      # zsh`,
    '',
    'It completes commands and flags, file names after -f/--file, --var-file and --out, and the',
    'config\'s addresses after --target (read from -f, or ./sunco.yaml).',
    '',
  ].join('\n');

/** The value of the last `-f X` / `--file X` / `--file=X` among the words typed so far. */
function fileFlag(words: string[]): string | undefined {
  let file: string | undefined;
  words.forEach((w, i) => {
    if ((w === '-f' || w === '--file') && i + 1 < words.length - 1) file = words[i + 1];
    else if (w.startsWith('--file=')) file = w.slice('--file='.length);
  });
  return file;
}

/** Every address the config declares; nothing when it does not load (completion never errors). */
export async function configAddresses(words: string[], io: CliIO): Promise<string[]> {
  try {
    // Addresses do not depend on variable values: a config whose secrets are not set still completes.
    const loaded = await loadConfig({ path: fileFlag(words), cwd: io.cwd, env: io.env, varFiles: [], vars: [], allowUnsetVariables: true });
    return [...walk(desiredTree(loaded.config))].map((n) => n.address);
  } catch {
    return [];
  }
}

/**
 * The answer for the words typed so far (the last one is the word being completed), or
 * undefined to let yargs answer with its commands and flags.
 */
export async function customCompletions(words: string[], io: CliIO): Promise<string[] | undefined> {
  const previous = words.at(-2);
  if (previous === undefined) return undefined;
  if (FILE_FLAGS.has(previous)) return [];
  if (previous === '--target') return configAddresses(words, io);
  return undefined;
}
