/**
 * An exclusive lock on a file, shared by processes on one machine: `<file>.lock`, created with
 * O_EXCL and holding `pid host nonce`. Held only for a short critical section (one journal
 * append, one fold), so a waiter polls.
 *
 * Why not proper-lockfile: it judges staleness by the lock's mtime (10 s by default, 2 s at the
 * least), so after a kill -9 the next apply would wait that long. Here a lock whose process is
 * gone (same host) is taken over at once; the age limit only covers a pid reused by another program.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, readFile, rename, unlink } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';

/** How long a run waits for another holder when not told (`--lock-timeout`, src/cli/lock-timeout.ts). */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

export interface LockOptions {
  /** Give up waiting after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock older than this is stale whatever its pid says (default 60 s; a real hold lasts milliseconds). */
  staleMs?: number;
  /** How to wait between attempts (tests may inject their own). */
  sleep?: (ms: number) => Promise<void>;
  /** Told once when the lock is held by someone else and this process starts waiting for it (`holder`: "pid on host"). */
  onWait?: (holder: string, lockPath: string) => void;
  /**
   * Stops a wait for another holder (a Ctrl-C while another run holds the lock): the wait
   * throws LockWaitStopped. Never consulted once the lock is taken, so a critical section is
   * never cut short.
   */
  signal?: AbortSignal;
}

/** A wait for the lock given up because `LockOptions.signal` was aborted: nothing was done under the lock. */
export class LockWaitStopped extends UserError {
  constructor(readonly path: string) {
    super(`stopped waiting for the lock on the secrets file ${path}: nothing was written to it`, { exitCode: 130 });
    this.name = 'LockWaitStopped';
  }
}

/** `sleep(ms)`, cut short when `signal` is aborted. */
function sleepUnless(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  return new Promise<void>((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void sleep(ms).then(done, done);
  });
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Locks held by this process, removed synchronously if it exits while holding them (process.exit on a second Ctrl-C). */
const held = new Set<string>();
let exitHook = false;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock with this content (read from a file of this age) can be broken. */
function isStale(content: string, ageMs: number, staleMs: number): boolean {
  if (ageMs > staleMs) return true;
  const [pid, host] = content.trim().split(' ');
  // A lock that was created but not yet written (a crash in between) has no content: stale once it is a second old.
  if (!pid || !host || !/^\d+$/.test(pid)) return ageMs > 1000;
  return host === hostname() && !isAlive(Number(pid));
}

/** Moves a stale lock away, unless someone replaced it in between (then it is put back). */
async function breakLock(lockPath: string, seen: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // already gone: someone else broke it
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== seen) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Takes the lock on `path`, waiting for another holder; resolves with the function that releases it. */
export async function acquireLock(path: string, opts: LockOptions = {}): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  const sleep = opts.sleep ?? defaultSleep;
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  const content = `${process.pid} ${hostname()} ${randomBytes(8).toString('hex')}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
      try {
        await fh.writeFile(content);
      } finally {
        await fh.close();
      }
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        // access(W_OK) can pass where no file can be made (/proc, /sys, a read-only mount).
        const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOENT' ? 'its directory does not take new files' : (code ?? (err as Error).message);
        throw new UserError(`cannot lock the secrets file ${path}: cannot create ${lockPath} (${why}); give --secrets-out a path in a directory of your own`);
      }
    }
    // lstat: a directory or a (dangling) symlink at the lock's name is never released by
    // anyone; reading through it failed forever and the loop spun without sleeping.
    const info = await lstat(lockPath).catch(() => undefined);
    if (info === undefined) continue; // released meanwhile
    if (!info.isFile()) {
      throw new UserError(`cannot lock the secrets file ${path}: ${lockPath} is ${info.isDirectory() ? 'a directory' : info.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}, not a lock sunco made; remove it if no sunco is running`);
    }
    const seen = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (seen === undefined) continue; // released meanwhile
    if (isStale(seen, Date.now() - info.mtimeMs, opts.staleMs ?? 60_000)) {
      await breakLock(lockPath, seen);
      continue;
    }
    const holder = seen.trim().split(' ').slice(0, 2).join(' on ');
    // `>=`: a timeout of 0 means do not wait at all (`sunco secrets pull --lock-timeout 0`).
    if (Date.now() >= deadline) {
      throw new UserError(`the secrets file ${path} is locked by another process (${holder}); if no sunco is running, delete ${lockPath}`);
    }
    if (opts.signal?.aborted) throw new LockWaitStopped(path);
    if (attempt === 0) opts.onWait?.(holder, lockPath);
    await sleepUnless(sleep, Math.min(50, 2 + attempt * 2), opts.signal);
  }
  held.add(lockPath);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of held) {
        try {
          unlinkSync(p);
        } catch {
          // nothing left to do at exit
        }
      }
    });
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    held.delete(lockPath);
    // Only remove our own lock: if it was broken as stale (a very slow hold), another holder owns the path now.
    const now = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (now === content) await unlink(lockPath).catch(() => undefined);
  };
}
