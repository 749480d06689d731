import type { Argv, CommandModule } from 'yargs';
import { type MarkdownArgs, withMarkdownOptions } from '../markdown-options.js';

export interface ShowArgs extends MarkdownArgs {
  planfile: string;
  json?: boolean;
  format?: string;
  detailedExitcode?: boolean;
}

/** `sunco show PLANFILE`: print a saved plan (as `terraform show` does); no API call. */
export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show <planfile>',
  describe: 'Print a plan saved by sunco-plan --out, as text, JSON or markdown, without calling the API',
  builder: (yargs: Argv) =>
    withMarkdownOptions(yargs)
      .positional('planfile', { type: 'string', demandOption: true, describe: 'A plan file from sunco-plan --out' })
      .option('json', { type: 'boolean', describe: 'Print the plan as JSON (same as --format json)' })
      .option('format', { type: 'string', choices: ['text', 'json', 'markdown'], describe: 'Output format: text (default), json, or markdown (a PR comment)' })
      .option('detailed-exitcode', { type: 'boolean', describe: 'Exit 2 when the plan has changes (0: none, 1: error)' })
      .group(['json', 'format', 'detailed-exitcode'], 'Output:') as Argv<ShowArgs>,
  handler: async (argv) => {
    const { runShow } = await import('./show-run.js');
    await runShow(argv);
  },
};
