/**
 * `sunco secrets pull [--target ADDR]... --secrets-out FILE`: copy the live secret of every
 * managed key and webhook into the secrets file (the API returns them on GET and list, spec
 * components.schemas.appKey / webhook). It reads the config like sunco-plan, so it takes the
 * config and connection flags rather than --app; the work is in ../secrets-pull-run.ts, loaded
 * lazily. There is no --emulator: an in-process emulator starts empty and has nothing to pull.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { type ConfigArgs, withConfigOptions } from '../../../config/options.js';
import { type ConnectionArgs, connectionOptions } from '../../connection-options.js';
import { type AnyCommand, noun } from './define.js';
import { LOCK_TIMEOUT_OPTION } from '../../lock-timeout-option.js';

export interface SecretsPullArgs extends ConfigArgs, ConnectionArgs {
  target?: string[];
  secretsOut: string;
  parallelism?: number;
  lockTimeout?: number;
  json?: boolean;
}

const pullCommand: AnyCommand = {
  command: 'pull',
  describe: 'Save the live secret of every managed key and webhook (or only --target ones) into the secrets file',
  builder: (y: Argv) =>
    connectionOptions(withConfigOptions(y))
      .option('secrets-out', { type: 'string', demandOption: true, requiresArg: true, describe: 'The secrets file to write (JSON keyed by address, mode 0600; merged under its lock)' })
      .option('target', { type: 'string', array: true, nargs: 1, describe: 'Only this address and what is under it (an app pulls its keys and webhooks); repeatable' })
      .option('parallelism', { type: 'number', describe: 'Requests in flight at most while reading (default 8)' })
      .option('lock-timeout', LOCK_TIMEOUT_OPTION)
      .option('json', { type: 'boolean', describe: 'Print the result as JSON: addresses, ids and what changed, never a secret' }) as unknown as Argv<SecretsPullArgs>,
  handler: async (argv: ArgumentsCamelCase) => {
    const { runSecretsPull } = await import('../secrets-pull-run.js');
    // yargs has checked argv against the builder (--secrets-out is demanded): it has this type.
    await runSecretsPull(argv as unknown as SecretsPullArgs);
  },
};

export const secretsCommand = noun('secrets', 'Secrets the API generates (key and webhook secrets): pull them into a secrets file', [pullCommand]);
