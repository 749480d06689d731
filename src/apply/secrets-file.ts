/**
 * The --secrets-out file: JSON keyed by address, `{"app.support.key.deployer": {"id", "secret"}}`.
 * Mode 0600; merged with what the file already holds; written atomically (temp file in the
 * same directory, then rename) right after each create that returns a secret, so that a later
 * failure cannot lose it (DESIGN.md, "Secrets the API generates").
 */
import { constants } from 'node:fs';
import { access, chmod, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

export interface SavedSecret {
  id?: string;
  secret: string;
}

export class SecretsFile {
  /** The write in progress, if any. */
  private writing: Promise<void> | undefined;
  /** Entries that arrived while a write was in progress, and the callers waiting for them. */
  private pending: { entries: Record<string, SavedSecret>; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | undefined;

  /** Writes made so far (each one a read, write, fsync and rename). */
  writes = 0;

  constructor(readonly path: string) {}

  /** Reads (and validates) the existing file, and tightens its mode, before any API call. */
  async check(): Promise<void> {
    // Fail now rather than after a create whose secret would then have nowhere to go.
    try {
      await access(dirname(this.path), constants.W_OK);
    } catch {
      throw new UserError(`cannot write the secrets file ${this.path}: its directory does not exist or is not writable`);
    }
    await this.read();
  }

  private async read(): Promise<Record<string, SavedSecret>> {
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
    await chmod(this.path, 0o600);
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      return parsed as Record<string, SavedSecret>;
    } catch (err) {
      throw new UserError(`the secrets file ${this.path} is not a JSON object keyed by address (${(err as Error).message}); move it away or fix it`);
    }
  }

  /**
   * Merge these entries into the file. Resolves once they are on disk (renamed into place).
   * Writes never interleave; entries that arrive while a write is in progress are merged
   * into one next write (group commit), so many concurrent creates cost a few fsyncs, not one each.
   */
  save(entries: Record<string, SavedSecret>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.pending) this.pending = { entries: {}, waiters: [] };
      Object.assign(this.pending.entries, entries);
      this.pending.waiters.push({ resolve, reject });
      if (!this.writing) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = undefined;
    if (!batch) {
      this.writing = undefined;
      return;
    }
    this.writes++;
    this.writing = (async () => {
      const current = await this.read();
      await this.writeAtomic(JSON.stringify({ ...current, ...batch.entries }, null, 2) + '\n');
    })().then(
      () => batch.waiters.forEach((w) => w.resolve()),
      (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
    ).finally(() => this.flush());
  }

  private async writeAtomic(text: string): Promise<void> {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.tmp-${process.pid}-${Date.now()}`);
    // 'wx' + 0o600: the temp file never exists with a wider mode, not even for a moment.
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}
