/**
 * Two applies sharing one --secrets-out file (issue 14: they used to lose 16–22 of 48 entries,
 * each rewriting the file from its own stale copy). Two real processes against one emulator,
 * each creating 24 keys; every change to the file is merged under its lock, so all 48 stay.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';

const root = resolve(import.meta.dirname, '../..');

const fleet = (prefix: string) =>
  `version: 1\napps:\n${Array.from(
    { length: 4 },
    (_, a) => `  ${prefix}${a}:\n    displayName: ${prefix} app ${a}\n    keys:\n${Array.from({ length: 6 }, (_, k) => `      k${k}: { displayName: key ${k} }`).join('\n')}`,
  ).join('\n')}\n`;

function apply(h: Harness, file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(root, 'test/helpers/ts-register.mjs'), join(root, 'src/cli/bin/sunco-apply.ts'), '-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '4'], {
      cwd: h.dir,
      env: { ...h.env, SUNCO_API_URL: h.emu.url, NO_COLOR: '1', PATH: process.env.PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

describe('two applies sharing one secrets file', () => {
  it('keep all 48 entries, each the live key’s own secret', async () => {
    h = await harness({ latencyMs: 5 });
    const [a, b] = await Promise.all([h.write('a.yaml', fleet('alpha')), h.write('b.yaml', fleet('beta'))]);
    const results = await Promise.all([apply(h, a), apply(h, b)]);
    expect(results.map((r) => r.code), results.map((r) => r.stderr).join('\n')).toEqual([0, 0]);

    const saved = await h.secrets();
    expect(Object.keys(saved)).toHaveLength(48);
    for (const app of await h.api.listAll<{ id: string; displayName: string }>('/v2/apps', 'apps')) {
      const name = app.displayName.replace(/ app /, '');
      for (const key of await h.api.listAll<{ id: string; displayName: string; secret: string }>(`/v2/apps/${app.id}/keys`, 'keys')) {
        expect(saved[`app.${name}.key.${key.displayName.replace('key ', 'k')}`]).toEqual({ id: key.id, secret: key.secret });
      }
    }
    expect((await readdir(h.dir)).sort()).toEqual(['a.yaml', 'b.yaml', 'secrets.json']);
  });
});
