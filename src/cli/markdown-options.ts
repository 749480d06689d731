/**
 * Flags for `--format markdown` (a pull-request comment), shared by `sunco-plan` and
 * `sunco show`: the environment label of the comment, where the full plan is when the
 * comment must leave resources out, and the size limit. Light: command modules import it.
 */
import type { Argv } from 'yargs';
import { UserError } from '../errors.js';

export interface MarkdownArgs {
  environment?: string;
  fullPlanAt?: string;
  maxLength?: number;
}

export const MARKDOWN_GROUP = 'Markdown (PR comment):';

export function withMarkdownOptions<T>(yargs: Argv<T>): Argv<T & MarkdownArgs> {
  return yargs
    .option('environment', { type: 'string', describe: 'Label of the comment: its marker is <!-- sunco-plan:LABEL -->, so each environment keeps its own comment' })
    .option('full-plan-at', { type: 'string', describe: 'Where the full plan is (a URL, or words such as "the job summary"), said when the comment leaves resources out' })
    .option('max-length', { type: 'number', describe: 'Most characters in the markdown (default 65536, GitHub\'s comment limit)' })
    .group(['environment', 'full-plan-at', 'max-length'], MARKDOWN_GROUP) as unknown as Argv<T & MarkdownArgs>;
}

export function markdownOptionsFrom(args: MarkdownArgs): { environment?: string; fullPlanAt?: string; limit?: number } {
  const env = args.environment?.trim();
  if (env !== undefined && !/^[\w.-]+$/.test(env)) throw new UserError(`Invalid --environment "${args.environment}": use letters, digits, ".", "_" or "-".`);
  const limit = args.maxLength;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1000)) throw new UserError('Invalid --max-length: give a whole number of at least 1000.');
  return { environment: env, fullPlanAt: args.fullPlanAt, limit };
}
