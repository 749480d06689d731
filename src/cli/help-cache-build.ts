/**
 * Renders the help cache (help-cache.ts) through run() itself, so the copy is byte for byte
 * what yargs prints: help layout changes (help-layout.ts, examples.ts) flow through on the next
 * build. Called by scripts/gen-help.mjs after tsc, with no cache file present.
 */
import { PassThrough } from 'node:stream';
import { CACHED_WIDTHS, helpKey } from './help-cache.js';
import type { CliIO } from './io.js';
import { run } from './run.js';

/** Each binary's script name and the command it runs alone (src/cli/bin/*.ts). */
export const BINARIES: readonly (readonly [string, string | undefined])[] = [
  ['sunco', undefined],
  ['sunco-plan', 'plan'],
  ['sunco-apply', 'apply'],
];

export async function yargsHelp(scriptName: string, only: string | undefined, width: number, args = ['--help']): Promise<{ code: number; text: string }> {
  let text = '';
  const out = { write: (chunk: string) => ((text += chunk), true) } as unknown as CliIO['stdout'];
  const io: CliIO = { stdout: out, stderr: out, stdin: new PassThrough(), env: {}, cwd: process.cwd(), stdoutIsTTY: false, stdinIsTTY: false, exitCode: 0, columns: width };
  const code = await run(args, scriptName, io, only);
  return { code, text };
}

export async function renderHelpCache(): Promise<Record<string, string>> {
  const cache: Record<string, string> = {};
  for (const [name, only] of BINARIES) {
    for (const width of CACHED_WIDTHS) {
      const { code, text } = await yargsHelp(name, only, width);
      if (code !== 0) throw new Error(`${name} --help exited ${code}`);
      cache[helpKey(name, only, width)] = text;
    }
  }
  return cache;
}
