/**
 * The --secrets-out file: JSON keyed by address, `{"app.support.key.deployer": {"id", "secret"}}`,
 * mode 0600 (DESIGN.md, "Secrets the API generates").
 *
 * Durable at O(n) bytes: a save appends its batch to the journal (secrets-journal.ts, one fsync
 * per batch) and resolves once that is on disk; close() folds the journal into the JSON file
 * (temp file, fsync, rename). A run killed before close() leaves the journal, and the next
 * check() (any apply, `sunco secrets pull`) replays it. Every read-modify-write happens under
 * the file lock (file-lock.ts), so concurrent applies sharing one file keep each other's entries.
 */
import { constants } from 'node:fs';
import { access, chmod, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { jsonErrorWhere } from '../json-error.js';
import { secretMask } from '../secret-mask.js';
import { acquireLock, DEFAULT_LOCK_TIMEOUT_MS, type LockOptions } from './file-lock.js';
import { canonicalSecretsPath } from './secrets-file-path.js';
import { appendJournal, journalLines, journalPath, readJournal, removeJournal, type SavedSecret, type SecretEntries, syncDir } from './secrets-journal.js';

export type { SavedSecret } from './secrets-journal.js';
export { secretsPath } from './secrets-file-path.js';

/** LockOptions.onWait for a command: one line on stderr, so that a wait for another run's lock is not a silent hang. */
export function lockWaitNotice(io: { stderr: { write(s: string): unknown } }, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS): (holder: string, lockPath: string) => void {
  return (holder, lockPath) => void io.stderr.write(`Waiting for the lock ${lockPath}, held by process ${holder} (at most ${timeoutMs / 1000} s)...\n`);
}

/**
 * The entries of a secrets file's text (empty text: none), registered with the mask. One reader
 * for apply, `secrets pull` and the read-only check of `sunco-plan --secrets-out`. The error
 * never quotes the text: V8's JSON message does, and it may be the start of a secret.
 */
export function parseSecretsText(text: string, shown: string): SecretEntries {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UserError(`the secrets file ${shown} is not a JSON object keyed by address (${jsonErrorWhere(err)}); move it away or fix it`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserError(`the secrets file ${shown} is not a JSON object keyed by address (not a JSON object); move it away or fix it`);
  }
  // What the file holds is masked in everything printed from now on.
  for (const entry of Object.values(parsed as Record<string, unknown>)) secretMask().add(entry && typeof entry === 'object' ? (entry as SavedSecret).secret : entry);
  return parsed as SecretEntries;
}

interface Batch {
  entries: SecretEntries;
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

export class SecretsFile {
  /** The append in progress, if any, and the batch that waits for it. */
  private writing: Promise<void> | undefined;
  private pending: Batch | undefined;
  /** This run appended to the journal since the last fold. */
  private dirty = false;

  /** Journal appends so far (each one lock, write, fsync, unlock). */
  batches = 0;
  /** Bytes written to the journal and the JSON file by this process (the O(n) claim of issue 18). */
  bytesWritten = 0;

  /** The file's path; check() makes it the symlink's target, so that every spelling of one file shares one lock. */
  private where: string;

  constructor(
    path: string,
    private readonly lockOptions: LockOptions = {},
  ) {
    this.where = path;
  }

  get path(): string {
    return this.where;
  }

  /**
   * Before any API call: the directory must be writable and the file a JSON object; a journal
   * or temp file left by a killed run is folded in or removed; the mode is tightened to 0600.
   */
  async check(): Promise<void> {
    // Fail now rather than after a create whose secret would then have nowhere to go.
    try {
      await access(dirname(this.path), constants.W_OK);
    } catch {
      throw new UserError(`cannot write the secrets file ${this.path}: its directory does not exist or is not writable`);
    }
    this.where = await canonicalSecretsPath(this.path);
    // A device or a pipe would be read as empty and then replaced by the rename (as root, /dev/null itself).
    const st = await stat(this.path).catch(() => undefined);
    if (st && !st.isFile() && !st.isDirectory()) {
      throw new UserError(`the secrets file ${this.path} is not a regular file (a device, a pipe or a socket): give --secrets-out a file path`);
    }
    await this.locked(async () => {
      await this.removeTempFiles();
      await this.read();
      await this.fold();
    });
  }

  /** What the file holds now, journal included (for checking it against the live objects). */
  async entries(): Promise<SecretEntries> {
    return this.locked(async () => ({ ...(await this.read()), ...((await readJournal(this.path)) ?? {}) }));
  }

  /**
   * Merges these entries into the file. Resolves once they are durable (in the journal).
   * Appends never interleave; entries that arrive while one is in progress share the next one
   * (group commit), so many concurrent creates cost a few fsyncs, not one each.
   */
  save(entries: SecretEntries): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending ??= { entries: {}, waiters: [] };
      Object.assign(this.pending.entries, entries);
      this.pending.waiters.push({ resolve, reject });
      if (!this.writing) this.flush();
    });
  }

  /** Waits for every save, then folds the journal into the JSON file. Safe to call more than once. */
  async close(): Promise<void> {
    await this.idle();
    if (!this.dirty) return;
    await this.locked(() => this.fold());
    this.dirty = false;
  }

  /**
   * Removes the entries `obsolete` picks (after every save, with the journal folded in) and
   * returns their addresses. The file is rewritten only when one is removed.
   */
  async remove(obsolete: (address: string, entry: SavedSecret) => boolean): Promise<string[]> {
    await this.idle();
    return this.locked(async () => {
      await this.fold();
      this.dirty = false;
      const current = await this.read();
      const gone = Object.keys(current).filter((a) => obsolete(a, current[a]!));
      if (gone.length === 0) return gone;
      const kept = Object.fromEntries(Object.entries(current).filter(([a]) => !gone.includes(a)));
      await this.writeAtomic(`${JSON.stringify(kept, null, 2)}\n`);
      return gone;
    });
  }

  /** Resolves when no save is pending or in progress (their own promises carry any error). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = undefined;
    if (!batch) {
      this.writing = undefined;
      return;
    }
    this.batches++;
    // Not abortable: these secrets exist only in memory until the append is done.
    this.writing = this.locked(async () => {
      this.bytesWritten += await appendJournal(this.path, journalLines(batch.entries));
      this.dirty = true;
    }, false)
      .then(
        () => batch.waiters.forEach((w) => w.resolve()),
        (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
      )
      .finally(() => this.flush());
  }

  /**
   * `fn` under the file lock. `abortable`: a wait for the lock may be given up through
   * lockOptions.signal (LockWaitStopped); true for everything but the journal append, whose
   * secrets are nowhere else (a fold or a check given up loses nothing: the journal stays).
   */
  private async locked<T>(fn: () => Promise<T>, abortable = true): Promise<T> {
    const { signal, ...rest } = this.lockOptions;
    const release = await acquireLock(this.path, abortable && signal ? { ...rest, signal } : rest);
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  private async read(): Promise<SecretEntries> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      if ((err as NodeJS.ErrnoException).code === 'EISDIR') {
        throw new UserError(`the secrets file ${this.path} is a directory: give --secrets-out a file path, e.g. ${join(this.path, 'secrets.json')}`);
      }
      throw new UserError(`cannot read the secrets file ${this.path}: ${(err as Error).message}`);
    }
    // An existing file may have been created with a looser mode by someone else.
    await chmod(this.path, 0o600).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot make the secrets file ${this.path} private (mode 0600): ${err.code === 'EPERM' ? 'it belongs to another user' : err.message}; give --secrets-out a file of your own`);
    });
    try {
      return parseSecretsText(text, this.path);
    } catch (err) {
      const journal = await readJournal(this.path).catch(() => undefined);
      if (!journal || !(err instanceof UserError)) throw err;
      throw new UserError(`${err.message}; the secrets saved since are in ${journalPath(this.path)}`);
    }
  }

  /** Under the lock: journal entries into the JSON file, then the journal removed. */
  private async fold(): Promise<void> {
    const journal = await readJournal(this.path);
    if (!journal) return;
    const current = await this.read();
    await this.writeAtomic(`${JSON.stringify({ ...current, ...journal }, null, 2)}\n`);
    // A kill between the rename and this unlink only means the same entries are folded again.
    await removeJournal(this.path);
  }

  private tempPrefix(): string {
    return `.${basename(this.path)}.tmp-`;
  }

  /** Temp files are only made under the lock, so any found while holding it was left by a killed run. */
  private async removeTempFiles(): Promise<void> {
    const names = await readdir(dirname(this.path)).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(this.tempPrefix())).map((n) => unlink(join(dirname(this.path), n)).catch(() => undefined)));
  }

  private async writeAtomic(text: string): Promise<void> {
    const tmp = join(dirname(this.path), `${this.tempPrefix()}${process.pid}-${Date.now()}`);
    // O_EXCL + 0o600: the temp file never exists with a wider mode, and a planted symlink is refused.
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      try {
        const data = Buffer.from(text, 'utf8');
        await fh.write(data);
        this.bytesWritten += data.length;
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await syncDir(dirname(this.path));
  }
}
