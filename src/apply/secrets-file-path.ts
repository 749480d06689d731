/**
 * Where the --secrets-out file is: one file, whatever name it is given. Every spelling must
 * lead to one lock and one rename target (secrets-file.ts), or two runs write two files.
 */
import { lstat, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * The absolute path of `--secrets-out GIVEN`. A trailing slash names a directory: path.resolve
 * would drop it, and `--secrets-out out/` would write a file named `out`.
 */
export function secretsPath(cwd: string, given: string): string {
  if (/[/\\]$/.test(given)) throw new UserError(`--secrets-out ${given} ends with a slash, so it names a directory: give a file path, e.g. ${given}secrets.json`);
  return resolve(cwd, given);
}

/**
 * The path to lock and write: a symlink's target (through the link, the lock `link.lock` is not
 * the one of a run given the target's name, and the rename replaces the link by a file). A
 * dangling link and a file with several hard links (the rename would split the names into two
 * files) are refused.
 */
export async function canonicalSecretsPath(path: string): Promise<string> {
  let where = path;
  if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) {
    where = await realpath(path).catch(() => {
      throw new UserError(`the secrets file ${path} is a symbolic link to a file that does not exist (or a loop): give --secrets-out the target's path`);
    });
  }
  const st = await stat(where).catch(() => undefined);
  if (st?.isFile() && st.nlink > 1) {
    throw new UserError(`the secrets file ${where} has ${st.nlink} hard links: each save replaces the file, which would leave the other names with old secrets; give --secrets-out a file with one name`);
  }
  return where;
}
