import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../../src/apply/file-lock.js';
import { LOCK_TIMEOUT_OPTION } from '../../src/cli/lock-timeout-option.js';
import { lockTimeoutMs } from '../../src/cli/lock-timeout.js';

describe('--lock-timeout', () => {
  it('defaults to the lock\'s own timeout, and the help says that default', () => {
    expect(lockTimeoutMs(undefined)).toBe(DEFAULT_LOCK_TIMEOUT_MS);
    expect(LOCK_TIMEOUT_OPTION.describe).toContain(`(default ${DEFAULT_LOCK_TIMEOUT_MS / 1000};`);
  });

  it('takes 0 to 3600 seconds and refuses anything else in one line', () => {
    expect(lockTimeoutMs(0)).toBe(0);
    expect(lockTimeoutMs(2.5)).toBe(2500);
    expect(() => lockTimeoutMs(-1)).toThrow('Invalid --lock-timeout: -1 is out of range; give seconds from 0 to 3600.');
    expect(() => lockTimeoutMs(Number.NaN)).toThrow('Invalid --lock-timeout: it is not a number');
    expect(() => lockTimeoutMs(3601)).toThrow(/out of range/);
  });
});
