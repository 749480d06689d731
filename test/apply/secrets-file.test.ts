import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressesWithSecrets, requireSecretsOut } from '../../src/apply/preflight.js';
import { lockWaitNotice, SecretsFile } from '../../src/apply/secrets-file.js';
import { journalPath, readJournal } from '../../src/apply/secrets-journal.js';
import { UserError } from '../../src/errors.js';
import { plan, step } from './helpers/plans.js';

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sunco-secrets-'));
}

const entry = (i: number) => ({ [`app.a.key.k${i}`]: { id: `app_${i}`, secret: `s${i}` } });
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, { id?: string; secret: string }>;

describe('SecretsFile', () => {
  it('creates the file with mode 0600 and merges entries, concurrent saves included', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    const f = new SecretsFile(file);
    await Promise.all([f.save({ 'app.a.key.x': { id: 'app_1', secret: 'one' } }), f.save({ 'app.a.key.y': { id: 'app_2', secret: 'two' } })]);
    // Saved means durable: in the journal, mode 0600, before the JSON file exists.
    expect((await stat(journalPath(file))).mode & 0o777).toBe(0o600);
    expect(await readJournal(file)).toEqual({ 'app.a.key.x': { id: 'app_1', secret: 'one' }, 'app.a.key.y': { id: 'app_2', secret: 'two' } });
    await f.close();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readJson(file)).toEqual({
      'app.a.key.x': { id: 'app_1', secret: 'one' },
      'app.a.key.y': { id: 'app_2', secret: 'two' },
    });
    // Folded: no journal, no lock, no temp file left.
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('groups saves that arrive during an append into one next append, and every save lands', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    const f = new SecretsFile(file);
    await Promise.all(Array.from({ length: 40 }, (_, i) => f.save(entry(i))));
    // The first save starts an append at once; the 39 that arrive meanwhile share the next one.
    expect(f.batches).toBe(2);
    // A save after the batch still lands (the writer restarts when idle).
    await f.save({ 'app.a.key.late': { id: 'app_late', secret: 'late' } });
    await f.close();
    const saved = await readJson(file);
    expect(Object.keys(saved)).toHaveLength(41);
    expect(saved['app.a.key.k39']?.secret).toBe('s39');
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('writes O(n) bytes: 300 secrets saved one at a time cost under 3× the final file', async () => {
    const file = join(await tmp(), 's.json');
    const f = new SecretsFile(file);
    for (let i = 0; i < 300; i++) await f.save(entry(i));
    await f.close();
    const size = (await stat(file)).size;
    expect(Object.keys(await readJson(file))).toHaveLength(300);
    expect(f.batches).toBe(300);
    // A rewrite of the whole file per secret would be ~150× the final size here.
    expect(f.bytesWritten).toBeLessThan(3 * size);
  });

  it('keeps existing entries, tightens a loose mode, and leaves no temp file behind', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    await writeFile(file, JSON.stringify({ 'app.old.key.k': { id: 'app_0', secret: 'zero' } }));
    await chmod(file, 0o644);
    const f = new SecretsFile(file);
    await f.check();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await f.save({ 'app.a.key.x': { id: 'app_1', secret: 'one' } });
    await f.close();
    expect(Object.keys(await readJson(file))).toEqual(['app.old.key.k', 'app.a.key.x']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('replays a journal and removes temp files left by a killed run, on the next check()', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    await writeFile(file, JSON.stringify({ 'app.old.key.k': { id: 'app_0', secret: 'zero' } }));
    // What a kill leaves: two acknowledged lines, a torn third one, and a temp file of a fold.
    await writeFile(journalPath(file), `${JSON.stringify({ address: 'app.a.key.x', id: 'app_1', secret: 'one' })}\n${JSON.stringify({ address: 'app.a.key.y', secret: 'two' })}\n{"address":"app.a.k`, { mode: 0o600 });
    await writeFile(join(dir, '.s.json.tmp-999-1'), '{"half":');
    await new SecretsFile(file).check();
    expect(await readJson(file)).toEqual({
      'app.old.key.k': { id: 'app_0', secret: 'zero' },
      'app.a.key.x': { id: 'app_1', secret: 'one' },
      'app.a.key.y': { secret: 'two' },
    });
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('two writers sharing one file keep every entry (merged under the lock)', async () => {
    const file = join(await tmp(), 's.json');
    await writeFile(file, JSON.stringify({ 'app.old.key.k': { id: 'app_0', secret: 'zero' } }));
    const a = new SecretsFile(file);
    const b = new SecretsFile(file);
    await Promise.all([a.check(), b.check()]);
    // Interleaved saves and folds, as two applies of 24 keys each would make them.
    await Promise.all([
      (async () => {
        for (let i = 0; i < 24; i++) await a.save(entry(i));
        await a.close();
      })(),
      (async () => {
        for (let i = 100; i < 124; i++) {
          await b.save(entry(i));
          if (i % 5 === 0) await b.close();
        }
        await b.close();
      })(),
    ]);
    expect(Object.keys(await readJson(file))).toHaveLength(49);
  });

  it('waits for a lock held by a live process and takes over one left by a dead process', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    // A lock of this (live) process: the save must wait until it goes.
    await writeFile(`${file}.lock`, `${process.pid} ${hostname()} held\n`);
    let waits = 0;
    const f = new SecretsFile(file, {
      sleep: async () => {
        if (++waits === 3) await unlink(`${file}.lock`);
      },
    });
    await f.save(entry(1));
    expect(waits).toBe(3);
    // A lock whose process is gone (kill -9): taken over at once, without waiting.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(`${file}.lock`, `${dead} ${hostname()} stale\n`);
    await f.save(entry(2));
    await f.close();
    expect(waits).toBe(3);
    expect(Object.keys(await readJson(file))).toEqual(['app.a.key.k1', 'app.a.key.k2']);
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('gives up on a lock that stays held, naming the lock file', async () => {
    const file = join(await tmp(), 's.json');
    await writeFile(`${file}.lock`, `${process.pid} ${hostname()} held\n`);
    let slept = 0;
    const waited: string[] = [];
    const f = new SecretsFile(file, { timeoutMs: 0, sleep: async () => void slept++, onWait: (holder) => void waited.push(holder) });
    await expect(f.check()).rejects.toThrow(`the secrets file ${file} is locked by another process (${process.pid} on ${hostname()}); if no sunco is running, delete ${file}.lock`);
    // A timeout of 0 does not wait at all: no sleep, and no "Waiting for the lock" notice.
    expect(slept).toBe(0);
    expect(waited).toEqual([]);
  });

  it('tells once that it waits for a held lock, with the timeout it will wait', async () => {
    const file = join(await tmp(), 's.json');
    await writeFile(`${file}.lock`, `${process.pid} ${hostname()} held\n`);
    const lines: string[] = [];
    let sleeps = 0;
    const f = new SecretsFile(file, {
      timeoutMs: 5000,
      onWait: lockWaitNotice({ stderr: { write: (s: string) => lines.push(s) } }, 5000),
      // The holder lets go after three waits.
      sleep: async () => {
        if (++sleeps === 3) await unlink(`${file}.lock`);
      },
    });
    await f.check();
    expect(lines).toEqual([`Waiting for the lock ${file}.lock, held by process ${process.pid} on ${hostname()} (at most 5 s)...\n`]);
  });

  it('refuses a file that is not a JSON object, naming it', async () => {
    const file = join(await tmp(), 's.json');
    await writeFile(file, '[1,2]');
    await expect(new SecretsFile(file).check()).rejects.toThrow(UserError);
    await expect(new SecretsFile(file).check()).rejects.toThrow(`the secrets file ${file} is not a JSON object`);
  });
});

describe('requireSecretsOut', () => {
  const p = plan([
    step({ id: 'k', address: 'app.a.key.ci', kind: 'app-key', method: 'POST', path: '/k', creates: [{ address: 'app.a.key.ci', idPath: 'key.id', secretPath: 'key.secret' }] }),
    step({ id: 'i', address: 'app.a.integration.w', method: 'POST', path: '/i', creates: [{ address: 'app.a.integration.w', idPath: 'integration.id' }] }),
  ]);

  it('names every resource that needs it and refuses without --secrets-out', () => {
    expect(addressesWithSecrets(p)).toEqual(['app.a.key.ci']);
    expect(() => requireSecretsOut(p, undefined)).toThrow(/no --secrets-out FILE was given/);
    try {
      requireSecretsOut(p, undefined);
    } catch (err) {
      expect((err as UserError).details).toContain('  app.a.key.ci');
    }
    expect(() => requireSecretsOut(p, 'x.json')).not.toThrow();
    expect(() => requireSecretsOut(plan([p.steps[1]!]), undefined)).not.toThrow();
  });
});

describe('SecretsFile.check', () => {
  it('refuses a path whose directory does not exist, before anything is created', async () => {
    const file = join(await tmp(), 'missing-dir', 's.json');
    await expect(new SecretsFile(file).check()).rejects.toThrow(`cannot write the secrets file ${file}: its directory does not exist or is not writable`);
  });

  it('refuses a directory given as the secrets file, suggesting a file path', async () => {
    const dir = await tmp();
    await expect(new SecretsFile(dir).check()).rejects.toThrow(`the secrets file ${dir} is a directory: give --secrets-out a file path, e.g. ${join(dir, 'secrets.json')}`);
  });
});
