/**
 * Flags shared by `sunco-plan` and `sunco-apply`: what to plan (`--target`, `--prune`) and
 * how fast to read (`--parallelism`). Light on purpose: command modules import it at startup.
 */
import type { Argv } from 'yargs';
import { UserError } from '../errors.js';

export interface PlanArgs {
  target?: string[];
  prune?: boolean;
  parallelism?: number;
}

export const PLAN_GROUP = 'Planning:';
export const DEFAULT_PARALLELISM = 8;

export function withPlanOptions<T>(yargs: Argv<T>): Argv<T & PlanArgs> {
  return yargs
    .option('target', { type: 'string', array: true, nargs: 1, describe: 'Plan only this address, its descendants and what it depends on; repeatable (e.g. app.support.integration.bot)' })
    .option('prune', { type: 'boolean', describe: 'Delete live resources of declared apps that the config does not declare (otherwise listed as unmanaged)' })
    .option('parallelism', { type: 'number', describe: `Requests in flight at most (default ${DEFAULT_PARALLELISM})` })
    .group(['target', 'prune', 'parallelism'], PLAN_GROUP) as unknown as Argv<T & PlanArgs>;
}

export interface PlanFlags {
  targets: string[];
  prune: boolean;
  parallelism: number;
}

export function planFlagsFrom(args: PlanArgs): PlanFlags {
  const parallelism = args.parallelism ?? DEFAULT_PARALLELISM;
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 64) {
    // yargs turns a non-number into NaN: do not echo "NaN" back at the user.
    const given = Number.isNaN(parallelism) ? 'is not a number' : `${String(parallelism)} is out of range`;
    throw new UserError(`Invalid --parallelism: ${given}; give a whole number from 1 to 64.`);
  }
  const targets = (args.target ?? []).map((t) => t.trim()).filter((t) => t !== '');
  const bad = targets.filter((t) => !/^app\.[^.\s[\]]+(\.[^.\s]+)*$/.test(t));
  if (bad.length > 0) throw new UserError(`Invalid --target ${bad.map((t) => `"${t}"`).join(', ')}: an address looks like app.support or app.support.integration.bot.`);
  return { targets, prune: args.prune === true, parallelism };
}
