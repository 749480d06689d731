/**
 * The config flags shared by validate, plan and apply: `-f/--file`, `--var-file`, `--var`.
 * Light on purpose (types only from yargs): command modules import it at startup.
 */
import type { Argv } from 'yargs';
import type { LoadConfigOptions } from './index.js';

export interface ConfigArgs {
  file?: string;
  varFile?: string[];
  var?: string[];
}

export function withConfigOptions<T>(yargs: Argv<T>): Argv<T & ConfigArgs> {
  return yargs
    .option('file', { alias: 'f', type: 'string', requiresArg: true, describe: 'Config file, or a directory of *.yaml files to merge (default: sunco.yaml)' })
    // nargs 1: each flag takes one value and may repeat; `--var A=1 B=2` is an error, not a silent second value.
    .option('var-file', { type: 'string', array: true, nargs: 1, describe: 'Variables file (dotenv KEY=VALUE, or a YAML mapping for .yaml/.yml); repeatable, later wins' })
    .option('var', { type: 'string', array: true, nargs: 1, describe: 'Set a variable, KEY=VALUE; repeatable, wins over --var-file and the environment' }) as unknown as Argv<T & ConfigArgs>;
}

/** loadConfig options from parsed flags and the CLI's io (cwd, env). */
export function configOptionsFrom(args: ConfigArgs, io: { cwd: string; env: NodeJS.ProcessEnv }): LoadConfigOptions {
  return { path: args.file, cwd: io.cwd, env: io.env, varFiles: args.varFile ?? [], vars: args.var ?? [] };
}
