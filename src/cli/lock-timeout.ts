/**
 * `--lock-timeout SECONDS`: how long a command waits for another sunco holding the secrets file
 * (sunco-apply, sunco secrets pull). Checked before any request: a bad value loses nothing.
 */
import { DEFAULT_LOCK_TIMEOUT_MS, type LockOptions } from '../apply/file-lock.js';
import { lockWaitNotice } from '../apply/secrets-file.js';
import { UserError } from '../errors.js';
import type { CliIO } from './io.js';


/** The timeout in milliseconds, or a one-line error naming the flag. */
export function lockTimeoutMs(seconds: number | undefined): number {
  const s = seconds ?? DEFAULT_LOCK_TIMEOUT_MS / 1000;
  if (!Number.isFinite(s) || s < 0 || s > 3600) {
    throw new UserError(`Invalid --lock-timeout: ${Number.isNaN(s) ? 'it is not a number' : `${String(s)} is out of range`}; give seconds from 0 to 3600.`);
  }
  return s * 1000;
}

/** The secrets file's lock options for a command: the timeout, its notice while waiting, and the signal that gives the wait up. */
export function secretsLockOptions(io: CliIO, seconds: number | undefined, signal: AbortSignal): LockOptions {
  const timeoutMs = lockTimeoutMs(seconds);
  return { timeoutMs, onWait: lockWaitNotice(io, timeoutMs), signal };
}
