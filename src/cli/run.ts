import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { flushMasked, maskedWriter, resetSecretMask, secretMask, unmasked } from '../secret-mask.js';
import { type CliIO, processIO, setIO } from './io.js';
import { withExamples } from './examples.js';
import { formatError } from './format-error.js';
import { cachedHelp, columnsOf } from './help-cache.js';
import { GLOBAL_HEADING, reorderHelp } from './help-layout.js';
import { rewriteYargsMessage } from './yargs-messages.js';

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
async function commandsFor(only: string | undefined, asDefault = true): Promise<AnyCommand[]> {
  if (!only) return (await import('./commands/index.js')).commands;
  const load = SINGLE[only];
  if (!load) throw new Error(`no command ${only}`);
  const cmd = await load();
  return asDefault ? [withExamples({ ...cmd, command: String(cmd.command).replace(/^\S+/, '$0') }, only, true)] : [cmd];
}

/**
 * `X completion` is answered before the commands are parsed: with a default command (sunco-plan,
 * sunco-apply) yargs would take "completion" for that command's argument, and yargs prints the
 * script even for `completion --help`.
 */
async function completionScript(args: string[], scriptName: string, io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    const { COMPLETION_HELP } = await import('./completion.js');
    io.stdout.write(COMPLETION_HELP(scriptName));
    return 0;
  }
  const { default: yargs } = await import('yargs');
  await yargs()
    .scriptName(scriptName)
    .completion('completion')
    .exitProcess(false)
    .parseAsync(['completion'], (_err: Error | undefined, _argv: unknown, output: string) => {
      if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    });
  return 0;
}

/**
 * Parse and run one command line. Returns the exit code and also sets process.exitCode
 * when running as the real process. Every error ends here: user errors print one clear
 * message without a stack trace; anything else is an internal error.
 */
/** `commandList` replaces sunco's commands (the docs generator's test documents a changed set). */
export async function run(args: string[], scriptName = 'sunco', io: CliIO = processIO(), only?: string, commandList?: AnyCommand[]): Promise<number> {
  // Every run starts a new registry of secret values; all it prints is masked through it.
  resetSecretMask();
  // The connection's key secret is masked from the start, also in commands that never connect:
  // `validate -f /proc/self/environ` would otherwise quote it in an error frame.
  secretMask().add(io.env.SUNCO_KEY_SECRET);
  io.stdout = maskedWriter(io.stdout);
  io.stderr = maskedWriter(io.stderr);
  setIO(io);
  const debug = args.includes('--debug') || io.env.SUNCO_DEBUG === '1';
  let code: number;
  let cached: string | undefined;
  try {
    if (!only && args[0] === 'help') args = await helpArgs(args.slice(1), commandList);
    // `terraform version`, `gh version`: the same answer as --version.
    if (!only && args.length === 1 && args[0] === 'version') args = ['--version'];
    if (args.length === 1 && args[0] === '--version') {
      // The most common probe answers before yargs (about half of the startup time) loads.
      io.stdout.write(`${version()}\n`);
      code = 0;
    } else if (!commandList && (cached = cachedHelp(args, scriptName, only, io)) !== undefined) {
      // Rendered by yargs at build time (help-cache.ts): the help path skips loading yargs.
      io.stdout.write(cached);
      code = 0;
    } else if (args[0] === 'completion') {
      code = await completionScript(args, scriptName, io);
    } else if (args[0] === '--get-yargs-completions' && (await answerCompletion(args, io))) {
      code = 0;
    } else {
      code = await parseAndRun(args, scriptName, io, only, commandList);
    }
  } catch (err) {
    const { text, exitCode } = formatError(err, debug);
    io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    code = exitCode;
  }
  // Text held back because it could have begun a secret (src/secret-mask.ts) is written now.
  flushMasked(io.stdout);
  flushMasked(io.stderr);
  if (unmasked(io.stdout) === process.stdout) process.exitCode = code;
  return code;
}

/**
 * `sunco help plan` (as in gh, git and terraform) is `sunco plan --help`; yargs would take "help"
 * for an unknown command. `sunco help plna` stays the unknown-command error (with its did-you-mean)
 * rather than printing the top-level help, which `sunco plna --help` would.
 */
async function helpArgs(rest: string[], commandList?: AnyCommand[]): Promise<string[]> {
  const list = commandList ?? (await import('./commands/index.js')).commands;
  const names = new Set([...list.map((c) => String(c.command).split(' ')[0]), 'completion']);
  return rest.length === 0 || names.has(rest[0]!) ? [...rest, '--help'] : rest;
}

/**
 * The completions yargs cannot give (file names, the config's addresses: see completion.ts),
 * answered before yargs parses; false leaves the answer to yargs (commands and flags).
 */
async function answerCompletion(args: string[], io: CliIO): Promise<boolean> {
  const { customCompletions } = await import('./completion.js');
  const mine = await customCompletions(args.slice(2), io);
  if (mine === undefined) return false;
  if (mine.length > 0) io.stdout.write(`${mine.join('\n')}\n`);
  return true;
}

interface YargsOptions {
  array: string[];
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
}

/**
 * A flag that takes one value, given twice (`-f a.yaml -f b.yaml`, `--secrets-out a --secrets-out b`):
 * yargs makes it a list, which each command then took for a path ("Internal error: The "paths[1]"
 * argument must be of type string"). One clear line instead, before anything runs.
 */
function refuseRepeatedFlags(argv: Record<string, unknown>, y: { getOptions(): YargsOptions }): void {
  const options = y.getOptions();
  const lists = new Set(options.array.flatMap((k) => [k, ...(options.alias[k] ?? [])]));
  // Each flag by its longest name (-f is --file), so that both spellings name one flag.
  const longest = (key: string): string => [key, ...(options.alias[key] ?? []), ...Object.entries(options.alias).filter(([, l]) => l.includes(key)).flatMap(([k, l]) => [k, ...l])].reduce((a, b) => (b.length > a.length ? b : a));
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || !Array.isArray(value) || lists.has(key) || !(key in options.key)) continue;
    if (/[A-Z]/.test(key)) continue; // the camel-case twin of a dashed flag, reported under its own name
    const name = longest(key);
    const flag = name.length === 1 ? `-${name}` : `--${name}`;
    // -f/--file is the config (--file of messages and attachments is one upload).
    const config = name === 'file' && (options.alias.file ?? []).includes('f');
    const hint = config ? ': give one config file, or a directory of *.yaml files to merge them' : ': give it once';
    throw new UserError(`${flag} was given ${value.length} times${hint}.`);
  }
}

async function parseAndRun(args: string[], scriptName: string, io: CliIO, only: string | undefined, commandList?: AnyCommand[]): Promise<number> {
  // Completing `sunco-plan …` is completing `sunco plan …`: yargs completes a named command's
  // flags, not a default command's.
  const completing = args[0] === '--get-yargs-completions';
  if (completing && only) args = [args[0]!, scriptName, only, ...args.slice(2)];
  const [{ default: yargs }, commands] = await Promise.all([import('yargs'), commandList ?? commandsFor(only, !completing)]);
  const columns = columnsOf(io);
  const parser = yargs()
    .scriptName(scriptName)
    .parserConfiguration({ 'camel-case-expansion': true })
    .option('debug', { type: 'boolean', global: true, describe: 'Log each request and response (secrets redacted); env SUNCO_DEBUG=1' })
    .option('color', { type: 'boolean', global: true, describe: 'Colour the output; --no-color never (default: on a terminal unless NO_COLOR is set; FORCE_COLOR forces it)' })
    .middleware((argv) => {
      if (typeof argv.color === 'boolean') io.color = argv.color;
      // The parser itself: by the time middleware runs it holds the command's options too.
      refuseRepeatedFlags(argv, parser as unknown as { getOptions(): YargsOptions });
    })
    .command(commands)
    .demandCommand(only ? 0 : 1, 'Name a command.')
    .recommendCommands()
    .strict()
    .completion('completion', 'Print a bash/zsh completion script')
    .version(version())
    .alias('h', 'help')
    .group(['debug', 'color', 'help', 'version'], GLOBAL_HEADING)
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(Math.min(110, columns ?? 100))
    .fail((msg, err, usage) => {
      // yargs-parser's own complaints ("Not enough arguments following: x") arrive as errors.
      if (err && err.name !== 'YError') throw err;
      const text = msg ?? err?.message ?? 'Invalid command line.';
      const first = (usage as unknown as { getUsage(): [string, string][] }).getUsage()[0]?.[0];
      const known = Object.keys((usage as unknown as { getDescriptions(): Record<string, string> }).getDescriptions());
      const ctx = { usage: first?.replace(/^\$0/, scriptName), scriptName, args, knownFlags: known };
      throw new UserError(rewriteYargsMessage(text, ctx));
    });
  const helping = args.includes('--help') || args.includes('-h');
  // With a parse callback yargs hands over what it would print (help, version, completion)
  // instead of writing to process.stdout itself, so it goes through getIO() like all output.
  await parser.parseAsync(args, (_err: Error | undefined, _argv: unknown, output: string) => {
    if (!output) return;
    const text = helping && !completing ? reorderHelp(output) : output;
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  });
  return io.exitCode;
}
