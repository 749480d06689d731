import { chmod, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressesWithSecrets, requireSecretsOut } from '../../src/apply/preflight.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { UserError } from '../../src/errors.js';
import { plan, step } from './helpers/plans.js';

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sunco-secrets-'));
}

describe('SecretsFile', () => {
  it('creates the file with mode 0600 and merges entries, concurrent saves included', async () => {
    const file = join(await tmp(), 's.json');
    const f = new SecretsFile(file);
    await Promise.all([f.save({ 'app.a.key.x': { id: 'app_1', secret: 'one' } }), f.save({ 'app.a.key.y': { id: 'app_2', secret: 'two' } })]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      'app.a.key.x': { id: 'app_1', secret: 'one' },
      'app.a.key.y': { id: 'app_2', secret: 'two' },
    });
  });

  it('groups saves that arrive during a write into one next write, and every save lands', async () => {
    const dir = await tmp();
    const file = join(dir, 's.json');
    const f = new SecretsFile(file);
    const saves = Array.from({ length: 40 }, (_, i) => f.save({ [`app.a.key.k${i}`]: { id: `app_${i}`, secret: `s${i}` } }));
    await Promise.all(saves);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, { secret: string }>;
    expect(Object.keys(saved)).toHaveLength(40);
    expect(saved['app.a.key.k39']?.secret).toBe('s39');
    expect(await readdir(dir)).toEqual(['s.json']);
    // The first save starts a write at once; the 39 that arrive meanwhile share the next one.
    expect(f.writes).toBe(2);
    // A save after the batch still lands (the writer restarts when idle).
    await f.save({ 'app.a.key.late': { id: 'app_late', secret: 'late' } });
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')) as object)).toHaveLength(41);
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
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')))).toEqual(['app.old.key.k', 'app.a.key.x']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['s.json']);
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
