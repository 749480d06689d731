/**
 * The `--lock-timeout` option of the commands that write the secrets file. A module of its own,
 * free of imports: command definitions are loaded to parse every run (lock-timeout.ts checks the value).
 */
export const LOCK_TIMEOUT_OPTION = {
  type: 'number',
  // The default is file-lock.ts's DEFAULT_LOCK_TIMEOUT_MS (test/cli/lock-timeout.test.ts keeps the two equal).
  describe: 'Seconds to wait for another sunco holding the secrets file (default 30; 0: do not wait)',
} as const;
