import type { Argv, CommandModule } from 'yargs';
import { withConfigOptions, type ConfigArgs } from '../../config/options.js';
import { connectionOptions, type ConnectionArgs } from '../connection-options.js';
import { type MarkdownArgs, withMarkdownOptions } from '../markdown-options.js';
import { PLAN_GROUP, withPlanOptions, type PlanArgs } from '../plan-options.js';

export interface PlanCommandArgs extends ConfigArgs, ConnectionArgs, PlanArgs, MarkdownArgs {
  json?: boolean;
  format?: string;
  out?: string;
  detailedExitcode?: boolean;
  emulator?: boolean;
  secretsOut?: string;
}

/** `sunco plan` / `sunco-plan`: compare the config with live state and print what would change. */
export const planCommand: CommandModule<object, PlanCommandArgs> = {
  command: 'plan',
  describe: 'Show what apply would change: compare the config with the live API',
  builder: (yargs: Argv) =>
    connectionOptions(withMarkdownOptions(withPlanOptions(withConfigOptions(yargs))))
      .option('json', { type: 'boolean', describe: 'Print the plan as JSON (same as --format json)' })
      .option('format', { type: 'string', choices: ['text', 'json', 'markdown'], describe: 'Output format: text (default), json, or markdown (a PR comment)' })
      .option('out', { type: 'string', describe: 'Save the plan to this file, for sunco-apply PLANFILE (holds no secret values)' })
      .option('detailed-exitcode', { type: 'boolean', describe: 'Exit 2 when the plan has changes (0: none, 1: error)' })
      .option('emulator', { type: 'boolean', describe: 'Plan against an empty in-process emulator (no credentials needed)' })
      .option('secrets-out', { type: 'string', requiresArg: true, describe: "Report managed keys and webhooks this secrets file lacks or holds under another id (read only; apply's flag)" })
      .group(['emulator', 'secrets-out'], PLAN_GROUP)
      .group(['json', 'format', 'out', 'detailed-exitcode'], 'Output:') as Argv<PlanCommandArgs>,
  handler: async (argv) => {
    const { runPlanCommand } = await import('./plan-run.js');
    await runPlanCommand(argv);
  },
};
