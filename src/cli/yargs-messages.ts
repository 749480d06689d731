/**
 * yargs' validation messages, rewritten into sunco's one-line style: say what is missing or
 * wrong in the user's words (flags as --flag, positionals as <name>), and where to look
 * (the command's usage or its --help). Unknown messages pass through unchanged.
 */
import { closest } from '../config/did-you-mean.js';

export interface FailContext {
  /** The failing command's usage line, e.g. "sunco users get <user>"; undefined at the top. */
  usage?: string;
  scriptName: string;
  /** The command line as typed (to tell an unknown --flag from an unknown word). */
  args: string[];
  /** The flags the failing command knows (long names, without dashes). */
  knownFlags: string[];
}

/** "sunco users get" of "sunco users get <user> [x]". */
function commandPath(ctx: FailContext): string {
  return ctx.usage ? ctx.usage.split(/\s+[<[]/)[0]!.trim() : ctx.scriptName;
}

function helpHint(ctx: FailContext): string {
  return `Run '${commandPath(ctx)} --help' for usage.`;
}

/** The usage line when it says more than the command's name (it has arguments), else the --help hint. */
function usageOrHelp(ctx: FailContext): string {
  return ctx.usage && /[<[]/.test(ctx.usage) ? `Usage: ${ctx.usage}` : helpHint(ctx);
}

/** `<user>` and `<path>` of a usage line: the positionals in order, required ones with <>. */
function requiredPositionals(usage: string | undefined): string[] {
  return [...(usage ?? '').matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
}

const flag = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Terraform's and gh's names for sunco's flags: what their users type without reading
 * (`terraform apply -auto-approve`), suggested when no flag is spelt close to it.
 */
const OTHER_TOOLS: Record<string, string> = { 'auto-approve': 'yes' };

/** The flag to suggest for an unknown one: a close spelling, else the other tools' name for it. */
function suggestion(name: string, ctx: FailContext): string | undefined {
  const other = OTHER_TOOLS[name];
  return closest(name, ctx.knownFlags) ?? (other && ctx.knownFlags.includes(other) ? other : undefined);
}

/**
 * `-out=plan.json`, `-auto-approve` (Terraform writes long flags with one dash): yargs reads them
 * as clusters of one-letter flags and reports "a", "u", "t"... The token as typed, and its
 * two-dash spelling, instead.
 */
function singleDashFlag(names: string[], ctx: FailContext): string | undefined {
  if (!names.every((n) => n.length === 1)) return undefined;
  for (const arg of ctx.args) {
    const m = /^-([a-zA-Z][a-zA-Z-]+)(?:=.*)?$/.exec(arg);
    if (!m || !names.every((n) => m[1]!.includes(n))) continue;
    const near = suggestion(m[1]!, ctx);
    const fix = near ? `: did you mean --${near}?` : ': long options take two dashes.';
    return `Unknown option ${arg.split('=')[0]!} for ${commandPath(ctx)}${fix} ${helpHint(ctx)}`;
  }
  return undefined;
}

function unknown(all: string[], ctx: FailContext): string {
  // camel-case expansion reports --such-flag twice (such-flag, suchFlag): keep the typed one.
  const names = all.filter((n) => !all.some((o) => o !== n && o.includes('-') && camel(o) === n));
  const dashed = singleDashFlag(names, ctx);
  if (dashed) return dashed;
  const typedAsFlag = (n: string): boolean => ctx.args.some((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `-${n}` || a === `--no-${n}`);
  if (ctx.usage === undefined && names.every((n) => !typedAsFlag(n))) {
    return `Unknown command "${names[0]}". Run '${ctx.scriptName} --help' for the commands.`;
  }
  const parts = names.map((n) => {
    if (!typedAsFlag(n)) return `unexpected argument "${n}"`;
    const near = suggestion(n, ctx);
    return `unknown option ${flag(n)}${near ? ` (did you mean --${near}?)` : ''}`;
  });
  const text = parts.join(', ');
  const hint = names.some(typedAsFlag) ? helpHint(ctx) : usageOrHelp(ctx);
  return `${text[0]!.toUpperCase()}${text.slice(1)} for ${commandPath(ctx)}. ${hint}`;
}

export function rewriteYargsMessage(msg: string, ctx: FailContext): string {
  let m: RegExpMatchArray | null;
  if ((m = msg.match(/^Not enough non-option arguments: got (\d+), need at least (\d+)$/))) {
    const missing = requiredPositionals(ctx.usage).slice(Number(m[1]));
    if (missing.length === 0) return `${commandPath(ctx)} needs a subcommand. ${helpHint(ctx)}`;
    return `Missing ${missing.map((n) => `<${n}>`).join(' and ')}. Usage: ${ctx.usage}`;
  }
  if ((m = msg.match(/^Too many non-option arguments: got (\d+), maximum of (\d+)$/))) {
    return `Too many arguments for ${commandPath(ctx)}: it takes ${m[2] === '0' ? 'none' : `at most ${m[2]}`}, got ${m[1]}. ${usageOrHelp(ctx)}`;
  }
  if ((m = msg.match(/^Missing required arguments?: (.+)$/))) {
    const positionals = requiredPositionals(ctx.usage);
    const names = m[1]!.split(', ').map((n) => (positionals.includes(n) ? `<${n}>` : flag(n)));
    return `Missing ${names.join(' and ')}. ${usageOrHelp(ctx)}`;
  }
  if ((m = msg.match(/^Unknown arguments?: (.+)$/))) return unknown(m[1]!.split(', '), ctx);
  if ((m = msg.match(/^Did you mean (.+)\?$/))) {
    // Inside a command (`sunco apps ls`) the unknown word is the one after its path, not "apps".
    const path = ctx.usage ? commandPath(ctx).split(/\s+/).slice(1) : [];
    const typed = ctx.args.filter((a) => !a.startsWith('-'))[path.length];
    const where = path.length > 0 ? ` for ${commandPath(ctx)}` : '';
    return `Unknown command${typed ? ` "${typed}"` : ''}${where}: did you mean ${m[1]}? Run '${path.length > 0 ? commandPath(ctx) : ctx.scriptName} --help' for the commands.`;
  }
  if ((m = msg.match(/^Unknown command: (.+)$/))) return `Unknown command "${m[1]}". Run '${ctx.scriptName} --help' for the commands.`;
  if ((m = msg.match(/^Not enough arguments following: (.+)$/))) return `${flag(m[1]!)} needs a value. ${helpHint(ctx)}`;
  if ((m = msg.match(/^Invalid values:\s+Argument: ([^,]+), Given: (.+), Choices: (.+)$/s))) {
    const choices = m[3]!.split(', ').map((c) => c.replace(/^"|"$/g, ''));
    const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices[0];
    return `Invalid ${flag(m[1]!)} ${m[2]}: choose ${list}.`;
  }
  if ((m = msg.match(/^Arguments (\S+) and (\S+) are mutually exclusive$/))) return `${flag(m[1]!)} and ${flag(m[2]!)} cannot be used together.`;
  if ((m = msg.match(/^Missing dependent arguments:\s+(\S+) -> (\S+)$/))) return `${flag(m[1]!)} needs ${flag(m[2]!)}.`;
  // Our own demandCommand messages ("Name a verb: ...") are already in sunco's words.
  const line = msg.split('\n')[0]!.trim();
  return `${line}${/[.?!]$/.test(line) ? '' : '.'} ${helpHint(ctx)}`;
}
