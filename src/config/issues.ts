/**
 * Config issues: every problem found while loading a config, with its position, collected
 * all at once (DESIGN.md, "Errors and exit codes") and thrown together as one ConfigError.
 */
import { UserError } from '../errors.js';
import { secretMask } from '../secret-mask.js';

export interface ConfigIssue {
  /** File as shown to the user (relative to cwd when inside it). Empty for flag-level issues. */
  file: string;
  /** 1-based; 0 when the issue has no position (e.g. a missing file). */
  line: number;
  column: number;
  address?: string;
  /** Stable machine-readable class, e.g. `unknown_field`, `missing_variable`. */
  code: string;
  message: string;
  /** "Did you mean …?" or another short suggestion. */
  hint?: string;
  /** A short code frame (source line with a caret), empty when there is no source. */
  frame: string;
}

/** All issues of one load, at once. `details` holds them formatted for the top-level catch. */
export class ConfigError extends UserError {
  readonly errors: ConfigIssue[];
  /** Variables used but not set (validate without --strict), when the files got as far as parsing. */
  readonly unsetVariables: string[];
  constructor(errors: ConfigIssue[], unsetVariables: string[] = []) {
    const n = errors.length;
    super(`Invalid configuration: ${n} ${n === 1 ? 'error' : 'errors'}`, { details: errors.map(formatIssue) });
    this.name = 'ConfigError';
    this.errors = errors;
    this.unsetVariables = unsetVariables;
  }
}

/** `file:line:column: address: message`, then the frame and the hint, as printed by validate. */
export function formatIssue(issue: ConfigIssue): string {
  const where = [issue.file, issue.line > 0 ? `${issue.line}:${issue.column}` : ''].filter(Boolean).join(':');
  const head = [where, issue.address, issue.message].filter(Boolean).join(': ');
  const lines = [head];
  if (issue.frame) lines.push(issue.frame);
  if (issue.hint) lines.push(`  hint: ${issue.hint}`);
  return lines.join('\n');
}

export interface JsonIssue {
  file: string;
  line: number;
  column: number;
  address: string | null;
  code: string;
  message: string;
  hint: string | null;
}

/** The `errors` array of `validate --json` (no frames: they are for humans). */
export function issuesToJson(issues: ConfigIssue[]): JsonIssue[] {
  return issues.map(({ file, line, column, address, code, message, hint }) => ({
    file, line, column, address: address ?? null, code, message, hint: hint ?? null,
  }));
}

/**
 * Two lines of context: the offending source line and a caret under the column.
 * Long lines are cut around the column so the frame stays short.
 */
export function codeFrame(source: string | undefined, line: number, column: number): string {
  if (source === undefined || line < 1) return '';
  const text = source.split(/\r?\n/)[line - 1];
  if (text === undefined) return '';
  // Masked before the cut below, which could otherwise leave part of a secret behind.
  let shown = redactLine(secretMask().maskKeepingWidth(text));
  let caretCol = Math.max(1, column);
  if (shown.length > 100) {
    const start = Math.max(0, caretCol - 50);
    shown = (start > 0 ? '…' : '') + shown.slice(start, start + 100);
    caretCol = caretCol - start + (start > 0 ? 1 : 0);
  }
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  return `  ${gutter} | ${shown}\n  ${pad} | ${' '.repeat(caretCol - 1)}^`;
}

/** Field names whose literal values are secrets (write-only tokens, passwords, keys). */
const SECRET_KEY = /\b(\w*(?:secret|token|password|privateKey|apiKey|accessKey|signingKey|consumerKey|serverKey|certificate|accessTokenKey))(\s*:\s*)("[^"]*"?|'[^']*'?|[^,}\]\s#][^,}\]#]*)/gi;

/**
 * Frames show source lines, and a line may hold a literal secret (`authToken: abc`).
 * Such values are masked with as many `*` as they have characters, so columns still line up.
 * `${VAR}` references are kept: they name the variable, not its value.
 */
export function redactLine(line: string): string {
  return line.replace(SECRET_KEY, (m, key: string, sep: string, value: string) =>
    value.includes('${') ? m : `${key}${sep}${'*'.repeat(value.trimEnd().length)}${value.slice(value.trimEnd().length)}`);
}
