/**
 * `sunco-plan --help` without loading yargs (issue 18: the help path was 3× bare node, half of
 * it importing yargs and half cliui measuring every word). `npm run build` renders each binary's
 * help through the real yargs definitions (run() itself, scripts/gen-help.mjs) into
 * dist/cli/help-cache.json; run() prints that copy only when the arguments are exactly `--help`
 * or `-h` at a width that was rendered. Anything else, and a source checkout without the file,
 * goes to yargs as before, so the copy can only ever be what yargs printed at build time.
 */
import { unmasked } from '../secret-mask.js';
import { readFileSync } from 'node:fs';
import type { CliIO } from './io.js';

/** The widths `run` wraps at: 100 off a terminal, up to 110 on one (see parseAndRun). */
export const CACHED_WIDTHS = [100, 110] as const;

export function helpWidth(columns: number | undefined): number {
  return Math.min(110, columns ?? 100);
}

export function helpKey(scriptName: string, only: string | undefined, width: number): string {
  return `${scriptName}|${only ?? ''}|${width}`;
}

const CACHE_URL = new URL('./help-cache.json', import.meta.url);

export function cachedHelp(args: readonly string[], scriptName: string, only: string | undefined, io: CliIO, file: URL | string = CACHE_URL): string | undefined {
  if (args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return undefined;
  let cache: Record<string, string>;
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return undefined; // not built (a source checkout, tests): yargs renders it
  }
  return cache[helpKey(scriptName, only, helpWidth(columnsOf(io)))];
}

export function columnsOf(io: CliIO): number | undefined {
  return io.columns ?? (unmasked(io.stdout) === process.stdout ? process.stdout.columns : undefined);
}
