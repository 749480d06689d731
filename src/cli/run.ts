import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { UserError } from '../errors.js';
import { commands } from './commands/index.js';
import { type CliIO, processIO, setIO } from './io.js';
import { formatError } from './format-error.js';

function version(): string {
  // Works from src/cli (tests) and dist/cli (installed): both are two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Parse and run one command line. Returns the exit code and also sets process.exitCode
 * when running as the real process. Every error ends here: user errors print one clear
 * message without a stack trace; anything else is an internal error.
 */
/**
 * `sunco-plan` and `sunco-apply` are `sunco plan` and `sunco apply`: they run with
 * `only` set, which makes that command the program's default command, so that their
 * usage line reads `sunco-apply [planfile]` rather than `sunco-apply apply [planfile]`.
 */
function commandsFor(only: string | undefined): typeof commands {
  if (!only) return commands;
  const cmd = commands.find((c) => String(c.command).split(' ')[0] === only);
  if (!cmd) throw new Error(`no command ${only}`);
  return [{ ...cmd, command: String(cmd.command).replace(/^\S+/, '$0') }];
}

export async function run(args: string[], scriptName = 'sunco', io: CliIO = processIO(), only?: string): Promise<number> {
  setIO(io);
  const debug = args.includes('--debug') || io.env.SUNCO_DEBUG === '1';
  let code: number;
  try {
    const parser = yargs(args)
      .scriptName(scriptName)
      .parserConfiguration({ 'camel-case-expansion': true })
      .option('debug', { type: 'boolean', global: true, describe: 'Log each request and response (secrets redacted); env SUNCO_DEBUG=1' })
      .command(commandsFor(only))
      .demandCommand(only ? 0 : 1, 'Name a command. See --help.')
      .recommendCommands()
      .strict()
      .completion('completion', 'Print a bash/zsh completion script')
      .version(version())
      .alias('h', 'help')
      .showHelpOnFail(false)
      .exitProcess(false)
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .fail((msg, err) => {
        if (err) throw err;
        throw new UserError(`${msg}\nRun '${scriptName} --help' for usage.`);
      });
    await parser.parseAsync();
    code = io.exitCode;
  } catch (err) {
    const { text, exitCode } = formatError(err, debug);
    io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    code = exitCode;
  }
  if (io.stdout === process.stdout) process.exitCode = code;
  return code;
}
