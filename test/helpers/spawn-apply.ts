/**
 * sunco-apply from source in a child process, for tests that need a real signal (SIGINT,
 * SIGTERM, SIGHUP, SIGKILL): `onLine` sees each stdout line and may signal the child.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Harness } from './harness.js';

const root = resolve(import.meta.dirname, '../..');

export type Child = ReturnType<typeof spawn>;

export interface SpawnResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** `bin`: which binary of src/cli/bin (`sunco` for `sunco api …`, `sunco secrets pull …`). */
export function spawnApply(hh: Harness, args: string[], onLine: (line: string, child: Child) => void, onSpawn?: (child: Child) => void, bin: 'sunco-apply' | 'sunco' = 'sunco-apply'): Promise<SpawnResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(root, 'test/helpers/ts-register.mjs'), join(root, `src/cli/bin/${bin}.ts`), ...args], {
      cwd: hh.dir,
      env: { ...hh.env, SUNCO_API_URL: hh.emu.url, NO_COLOR: '1', PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) onLine(line, child);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}
