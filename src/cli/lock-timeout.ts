/**
 * `--lock-timeout SECONDS`: how long a command waits for another sunco holding the secrets file
 * (sunco-apply, sunco secrets pull). Checked before any request: a bad value loses nothing.
 */
import { UserError } from '../errors.js';

export const DEFAULT_LOCK_TIMEOUT_S = 30;

export const LOCK_TIMEOUT_OPTION = {
  type: 'number',
  describe: `Seconds to wait for another sunco holding the secrets file (default ${DEFAULT_LOCK_TIMEOUT_S}; 0: do not wait)`,
} as const;

/** The timeout in milliseconds, or a one-line error naming the flag. */
export function lockTimeoutMs(seconds: number | undefined): number {
  const s = seconds ?? DEFAULT_LOCK_TIMEOUT_S;
  if (!Number.isFinite(s) || s < 0 || s > 3600) {
    throw new UserError(`Invalid --lock-timeout: ${Number.isNaN(s) ? 'it is not a number' : `${String(s)} is out of range`}; give seconds from 0 to 3600.`);
  }
  return s * 1000;
}
