import type { Argv, CommandModule } from 'yargs';
import { withConfigOptions } from '../../config/options.js';
import type { ApplyArgs } from './apply-run.js';
import { connectionOptions } from '../connection-options.js';
import { withPlanOptions } from '../plan-options.js';
import { LOCK_TIMEOUT_OPTION } from '../lock-timeout-option.js';

/**
 * `sunco apply` / `sunco-apply`: make the calls a plan lists. Without PLANFILE it plans and
 * asks first; a PLANFILE (from `sunco-plan --out`) is the approval, as in Terraform.
 */
export const applyCommand: CommandModule<object, ApplyArgs> = {
  command: 'apply [planfile]',
  describe: 'Apply the configuration: plan, confirm, then make exactly those calls (or apply a saved PLANFILE)',
  builder: (yargs: Argv) =>
    connectionOptions(withPlanOptions(withConfigOptions(yargs)))
      .positional('planfile', { type: 'string', describe: 'A plan saved by sunco-plan --out; applying it implies approval; refused when stale' })
      .option('yes', { alias: 'y', type: 'boolean', describe: "Apply without asking (required when stdin is not a terminal)" })
      .option('secrets-out', { type: 'string', describe: 'Save generated key and webhook secrets to this JSON file (mode 0600); required when the plan creates any' })
      .option('lock-timeout', LOCK_TIMEOUT_OPTION)
      .option('json', { type: 'boolean', describe: 'Print the result as one JSON document on stdout (progress goes to stderr)' })
      .option('emulator', { type: 'boolean', describe: 'Apply to an empty in-process emulator (a demo; discarded on exit)' }) as Argv<ApplyArgs>,
  handler: async (argv) => {
    const { runApply } = await import('./apply-run.js');
    await runApply(argv);
  },
};
