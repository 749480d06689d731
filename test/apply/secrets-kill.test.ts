/**
 * The secrets file survives kill -9 at any point of a 100-key run (issue 18): a child process
 * saves 100 secrets through SecretsFile and is SIGKILLed after N acknowledgements; the next
 * check() (what the next apply does first) recovers every acknowledged secret from the journal.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretsFile } from '../../src/apply/secrets-file.js';

const root = resolve(import.meta.dirname, '../..');

/** Runs the writer and kills it with SIGKILL once `killAfter` saves were acknowledged; resolves with the acknowledged addresses. */
function runAndKill(file: string, killAfter: number): Promise<{ acked: string[]; closed: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(root, 'test/helpers/ts-register.mjs'), join(root, 'test/apply/helpers/journal-writer.ts'), file, '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let closed = false;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        if (line === 'closed') closed = true;
        if ((line === 'ready' && killAfter === 0) || (line.startsWith('ack ') && acked.length === killAfter)) child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && !closed) fail(new Error(`writer exited ${code}: ${stderr}`));
      else done({ acked, closed });
    });
  });
}

describe('the secrets file under kill -9', () => {
  it.each([0, 1, 9, 50, 93, 100])('keeps every acknowledged secret when killed after %i acknowledgements', async (n) => {
    const dir = await mkdtemp(join(tmpdir(), 'sunco-kill-'));
    const file = join(dir, 'secrets.json');
    const { acked } = await runAndKill(file, n);
    expect(acked.length).toBeGreaterThanOrEqual(n);

    // The next run's first step: fold the journal, drop temp files, take over the dead lock.
    await new SecretsFile(file, { timeoutMs: 5000 }).check();
    const recovered = acked.length === 0 ? {} : (JSON.parse(await readFile(file, 'utf8')) as Record<string, { id: string; secret: string }>);
    expect(Object.keys(recovered).length).toBeGreaterThanOrEqual(n);
    for (const address of acked) {
      const i = address.split('.k').pop();
      expect(recovered[address], address).toEqual({ id: `app_${i}`, secret: `secret-${i}` });
    }
    // Nothing else is left beside it, and what holds secrets is 0600.
    const left = await readdir(dir);
    expect(left.filter((f) => f !== 'secrets.json')).toEqual([]);
    if (left.includes('secrets.json')) expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
