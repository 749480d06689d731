/**
 * A built copy of sunco in a temp directory, laid out as the installed package is
 * (package.json, dist/, schema/, spec/, node_modules linked to the project's), for tests that
 * run the real binaries as child processes. Built once per test file.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../..');

let built: Promise<string> | undefined;

export function builtPackage(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-built-'));
    for (const p of ['package.json', 'schema', 'spec']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')]);
    return dir;
  })();
  return built;
}
