/**
 * --state FILE: load at start when it exists; write after mutations (debounced) and on
 * close. Writes are atomic (an exclusive FILE.tmp-<pid>-<random>, then rename) and mode 0600 because the file
 * holds key secrets.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { jsonErrorWhere } from '../json-error.js';
import { normalizeState } from './memory-store.js';
import type { EmulatorState } from './store.js';

export function loadStateFile(file: string): EmulatorState | undefined {
  if (!existsSync(file)) return undefined;
  // A device or a pipe (/dev/zero, a FIFO) was read for ever; the state is a regular file or nothing.
  if (!statSync(file).isFile()) throw new UserError(`${file}: not a valid emulator state file (it is not a regular file); give --state a file path`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: not a valid emulator state file (${err instanceof SyntaxError ? jsonErrorWhere(err) : (err as Error).message})`);
  }
  return normalizeState(raw);
}

/**
 * The temp file is created exclusively (O_EXCL: never through an existing file or a planted
 * symlink) with a random name and mode 0600 from its first byte, since it holds key secrets.
 */
export async function writeStateFile(file: string, state: EmulatorState): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  await rename(tmp, file).catch(async (err: unknown) => {
    await unlink(tmp).catch(() => undefined);
    throw err;
  });
}

/** Coalesces bursts of mutations into one write; `flush()` writes now if anything is pending. */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly state: EmulatorState,
    private readonly delayMs = 50,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed background write is retried by the next mutation or by close().
      this.flush().catch(() => {
        this.dirty = true;
      });
    }, this.delayMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // Chain writes so two renames never race.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await writeStateFile(this.file, this.state);
    });
    return this.writing;
  }
}
