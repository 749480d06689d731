import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { type CliIO, processIO, setIO } from './io.js';
import { formatError } from './format-error.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

function version(): string {
  // Works from src/cli (tests) and dist/cli (installed): both are two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The command a single-command binary needs, loaded alone: `sunco-plan --help` then skips
 * the operations modules, which is most of the startup cost after yargs itself.
 */
const SINGLE: Record<string, () => Promise<AnyCommand>> = {
  plan: async () => (await import('./commands/plan.js')).planCommand,
  apply: async () => (await import('./commands/apply.js')).applyCommand,
};

/**
 * `sunco-plan` and `sunco-apply` are `sunco plan` and `sunco apply`: they run with
 * `only` set, which makes that command the program's default command, so that their
 * usage line reads `sunco-apply [planfile]` rather than `sunco-apply apply [planfile]`.
 */
async function commandsFor(only: string | undefined): Promise<AnyCommand[]> {
  if (!only) return (await import('./commands/index.js')).commands;
  const load = SINGLE[only];
  if (!load) throw new Error(`no command ${only}`);
  const cmd = await load();
  return [{ ...cmd, command: String(cmd.command).replace(/^\S+/, '$0') }];
}

/**
 * Parse and run one command line. Returns the exit code and also sets process.exitCode
 * when running as the real process. Every error ends here: user errors print one clear
 * message without a stack trace; anything else is an internal error.
 */
export async function run(args: string[], scriptName = 'sunco', io: CliIO = processIO(), only?: string): Promise<number> {
  setIO(io);
  const debug = args.includes('--debug') || io.env.SUNCO_DEBUG === '1';
  let code: number;
  try {
    if (args.length === 1 && args[0] === '--version') {
      // The most common probe answers before yargs (about half of the startup time) loads.
      io.stdout.write(`${version()}\n`);
      code = 0;
    } else {
      code = await parseAndRun(args, scriptName, io, only);
    }
  } catch (err) {
    const { text, exitCode } = formatError(err, debug);
    io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    code = exitCode;
  }
  if (io.stdout === process.stdout) process.exitCode = code;
  return code;
}

async function parseAndRun(args: string[], scriptName: string, io: CliIO, only: string | undefined): Promise<number> {
  const [{ default: yargs }, commands] = await Promise.all([import('yargs'), commandsFor(only)]);
  const columns = io.stdout === process.stdout ? process.stdout.columns : undefined;
  const parser = yargs()
    .scriptName(scriptName)
    .parserConfiguration({ 'camel-case-expansion': true })
    .option('debug', { type: 'boolean', global: true, describe: 'Log each request and response (secrets redacted); env SUNCO_DEBUG=1' })
    .command(commands)
    .demandCommand(only ? 0 : 1, 'Name a command. See --help.')
    .recommendCommands()
    .strict()
    .completion('completion', 'Print a bash/zsh completion script')
    .version(version())
    .alias('h', 'help')
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(Math.min(110, columns ?? 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UserError(`${msg}\nRun '${scriptName} --help' for usage.`);
    });
  // With a parse callback yargs hands over what it would print (help, version, completion)
  // instead of writing to process.stdout itself, so it goes through getIO() like all output.
  await parser.parseAsync(args, (_err: Error | undefined, _argv: unknown, output: string) => {
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  });
  return io.exitCode;
}
