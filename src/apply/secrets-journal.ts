/**
 * The secrets file's journal, `<file>.journal`: one JSON line per saved secret, appended a
 * batch at a time with one fsync, so that saving n secrets writes O(n) bytes (a rewrite of
 * the whole file per secret wrote O(n²): 1.22 GB at 300 apps, issue 18). It is folded into
 * the JSON file when the run ends and replayed by the next run if this one was killed.
 * Callers hold the file lock (file-lock.ts) around every function here.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

export interface SavedSecret {
  id?: string;
  secret: string;
}

export type SecretEntries = Record<string, SavedSecret>;

export function journalPath(file: string): string {
  return `${file}.journal`;
}

/** The lines of a batch, each a complete JSON object, in a stable order. */
export function journalLines(entries: SecretEntries): string {
  let text = '';
  for (const [address, { id, secret }] of Object.entries(entries)) text += `${JSON.stringify(id === undefined ? { address, secret } : { address, id, secret })}\n`;
  return text;
}

/** fsync of a directory, so that a file just created or renamed in it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is synced.
  } finally {
    await fh.close();
  }
}

/** Appends these lines and fsyncs them; resolves when they are durable. Returns the bytes written. */
export async function appendJournal(file: string, lines: string): Promise<number> {
  const path = journalPath(file);
  let created = true;
  let fh = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_APPEND, 0o600).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
    created = false;
    return undefined;
  });
  // O_NOFOLLOW: a symlink planted at the journal's name would receive the secrets.
  fh ??= await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ELOOP' ? new UserError(`the secrets journal ${path} is a symbolic link: refusing to write secrets through it; remove it`) : err;
  });
  try {
    // A journal someone else created may be looser; it holds secrets.
    if (!created) await fh.chmod(0o600);
    // A run killed in the middle of its append leaves a last line without its newline; glued to
    // it, this batch's first line would not parse and its acknowledged secret would be lost.
    const torn = !created && (await endsTorn(fh));
    const data = Buffer.from(torn ? `\n${lines}` : lines, 'utf8');
    await fh.write(data);
    await fh.datasync();
    if (created) await syncDir(dirname(path));
    return data.length;
  } finally {
    await fh.close();
  }
}

/** Whether the file's last byte is not a newline (an append cut short). */
async function endsTorn(fh: FileHandle): Promise<boolean> {
  const { size } = await fh.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await fh.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/**
 * The entries of a journal, later lines winning. A last line without its newline (a kill in
 * the middle of a write) is ignored: it was never acknowledged, since acknowledgement follows the fsync.
 */
export async function readJournal(file: string): Promise<SecretEntries | undefined> {
  let text: string;
  try {
    const fh = await open(journalPath(file), constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // Read through a symlink, a planted journal would inject entries into the secrets file.
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'ELOOP' ? 'it is a symbolic link' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
    throw new UserError(`cannot read the secrets journal ${journalPath(file)}: ${why}; move it away (it may hold secrets saved by a run that was killed)`);
  }
  const out: SecretEntries = {};
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  for (const line of complete.split('\n')) {
    if (line === '') continue;
    let e: { address?: unknown; id?: unknown; secret?: unknown } | null;
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      // A torn line (an append cut short); the ones after it are intact (appendJournal starts a fresh line).
      continue;
    }
    // A whole line of another shape (another sunco version, another tool): folding would drop
    // it and then remove the journal, losing what it holds.
    if (!e || typeof e !== 'object' || typeof e.address !== 'string' || typeof e.secret !== 'string' || (e.id !== undefined && typeof e.id !== 'string')) {
      throw new UserError(`the secrets journal ${journalPath(file)} holds a line this sunco does not read (written by another version?); nothing was changed: merge it by hand or with that version, then remove it`);
    }
    out[e.address] = typeof e.id === 'string' ? { id: e.id, secret: e.secret } : { secret: e.secret };
  }
  return out;
}

export async function removeJournal(file: string): Promise<void> {
  await unlink(journalPath(file)).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
