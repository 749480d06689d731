/**
 * How one-off commands print: human-readable tables on a terminal, JSON with --json or
 * whenever stdout is not a TTY (pipes, CI). Data goes to stdout; hints and notices go to
 * stderr, so `sunco ... | jq` always reads clean JSON.
 */
import { secretMask } from '../secret-mask.js';
import stringWidth from 'string-width';
import type { CliIO } from './io.js';

export interface Column<T = Record<string, unknown>> {
  header: string;
  value: (row: T) => unknown;
  /** Truncate longer cells (with …) in tables. */
  max?: number;
}

export function wantsJson(io: CliIO, json: boolean | undefined): boolean {
  return json === true || !io.stdoutIsTTY;
}

/** Shown instead of any secret value (key secrets, webhook secrets): never print them. */
export const HIDDEN = '(hidden)';

/** A copy of `obj` whose named fields, when present, read "(hidden)". */
export function maskFields<T extends Record<string, unknown>>(obj: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...obj };
  for (const f of fields) if (out[f] !== undefined && out[f] !== null) out[f] = HIDDEN;
  return out as T;
}

export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Widths are terminal columns (string-width), not UTF-16 units: a CJK character or an emoji
 * takes two columns, a combining mark none, so full-width text stays aligned.
 */
function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

/** At most `max` columns wide, cut with … (never inside a character). */
function clip(s: string, max: number | undefined): string {
  // Masked before the cut, which could leave part of a secret that the output's mask no longer knows.
  const oneLine = secretMask().mask(s).replace(/\s*\n\s*/g, ' ');
  if (max === undefined || stringWidth(oneLine) <= max) return oneLine;
  let out = '';
  for (const { segment } of new Intl.Segmenter().segment(oneLine)) {
    if (stringWidth(out + segment) > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => clip(cell(c.value(r)), c.max)));
  const widths = columns.map((c, i) => Math.max(stringWidth(c.header), ...cells.map((row) => stringWidth(row[i] ?? ''))));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : padEnd(v, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** `key: value` lines for one object; nested values as compact JSON. */
export function renderObject(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  const width = Math.max(0, ...keys.map((k) => k.length));
  return keys.map((k) => `${`${k}:`.padEnd(width + 2)}${cell(obj[k])}`).join('\n') + '\n';
}

export function printJson(io: CliIO, data: unknown): void {
  io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

export function printList<T>(io: CliIO, json: boolean, items: readonly T[], columns: readonly Column<T>[], noun: string): void {
  if (json) return printJson(io, items);
  if (items.length === 0) {
    io.stderr.write(`No ${noun}.\n`);
    return;
  }
  io.stdout.write(renderTable(items, columns));
}

export function printItem(io: CliIO, json: boolean, item: Record<string, unknown>): void {
  if (json) printJson(io, item);
  else io.stdout.write(renderObject(item));
}

/** A notice for people (stderr), e.g. "more results: use --all or --after X". */
export function notice(io: CliIO, message: string): void {
  io.stderr.write(`${message}\n`);
}
