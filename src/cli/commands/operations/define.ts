/**
 * Builders for `sunco <noun> <verb>` commands. Every verb gets the connection flags,
 * --json and (unless it works across apps) --app. Handlers import ./context.js lazily, so
 * the command table loads without got, jose or ajv.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { type ConnectionArgs, connectionOptions } from '../../connection-options.js';
import { commandName, nounExamples, withExamples } from '../../examples.js';
import type { OpsContext } from './context.js';

export interface CommonArgs extends ConnectionArgs {
  app?: string;
  json?: boolean;
}

export interface VerbSpec<A> {
  command: string;
  describe: string;
  /** Whether the verb works inside one app (adds --app). Default true. */
  app?: boolean;
  builder?: (y: Argv<CommonArgs>) => Argv<A>;
  run: (ctx: OpsContext, argv: ArgumentsCamelCase<A> & CommonArgs) => Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any, any>;

export function verb<A = CommonArgs>(spec: VerbSpec<A>): AnyCommand {
  return {
    command: spec.command,
    describe: spec.describe,
    builder: (y: Argv) => {
      let b = connectionOptions(y).option('json', { type: 'boolean', describe: 'Print JSON (the default when stdout is not a terminal)' }) as Argv<CommonArgs>;
      if (spec.app !== false) {
        b = b.option('app', { type: 'string', describe: 'App id or displayName [env SUNCO_APP_ID]' });
      }
      return spec.builder ? spec.builder(b) : b;
    },
    handler: async (raw: ArgumentsCamelCase) => {
      // yargs has parsed and checked argv against the builder's options: it has type A.
      const argv = raw as ArgumentsCamelCase<A> & CommonArgs;
      const { runWithContext } = await import('./context.js');
      await runWithContext(argv, (ctx) => spec.run(ctx, argv));
    },
  };
}

export function noun(command: string, describe: string, verbs: AnyCommand[]): AnyCommand {
  const withHelp = verbs.map((v) => withExamples(v, `${command} ${commandName(v)}`));
  const cmd: AnyCommand = {
    command,
    describe,
    builder: (y: Argv) => y.command(withHelp).demandCommand(1, `Name a verb: ${command} ${verbs.map(commandName).join('|')}`),
    handler: () => undefined,
  };
  return withExamples(cmd, command, false, nounExamples(command, verbs));
}

/** --yes for destructive verbs. */
export function yesOption<T>(y: Argv<T>): Argv<T & { yes?: boolean }> {
  return y.option('yes', { alias: 'y', type: 'boolean', describe: 'Do not ask for confirmation (required when stdin is not a terminal)' });
}

/** --all / --after for paginated lists. */
export function pageOptions<T>(y: Argv<T>): Argv<T & { all?: boolean; after?: string }> {
  return y
    .option('all', { type: 'boolean', describe: 'Follow pagination to the end' })
    .option('after', { type: 'string', describe: 'Start after this record id (a cursor from a previous page)' })
    .conflicts('all', 'after');
}
