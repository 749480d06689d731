/**
 * Red-team of the --secrets-out file (issue 14): three applies and a raw `sunco api POST …/keys`
 * sharing one file keep every entry; a file that cannot take the secret is refused BEFORE the
 * call (no orphan key: the emulator's request log shows no POST); a directory or a symlink
 * where the lock or the journal go is a clear error, never a hang or an "Internal error", and a
 * planted journal symlink receives nothing.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { type Harness, harness } from '../helpers/harness.js';
import { fakeIO } from '../helpers/io.js';

let h: Harness;
let appId: string;
beforeEach(async () => {
  h = await harness({ latencyMs: 2 });
  appId = (await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Raw' })).app.id;
});
afterEach(async () => {
  await h.close();
});

const posts = (from: number): string[] => h.emu.requestLog.slice(from).filter((r) => r.method === 'POST').map((r) => r.path);

function oneLine(r: { code: number; stderr: string }, line: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
}

describe('sharing one secrets file', () => {
  it('three applies and a sunco api POST …/keys at once keep every entry', async () => {
    const cfg = (name: string) => `version: 1\napps:\n  ${name}:\n    displayName: ${name}\n    keys:\n${[0, 1, 2, 3].map((k) => `      k${k}: { displayName: key ${k} }`).join('\n')}\n`;
    for (const n of ['a', 'b', 'c']) await h.write(`${n}.yaml`, cfg(n));
    const runs = await Promise.all([
      ...['a', 'b', 'c'].map((n) => h.cli(['apply', '-f', `${n}.yaml`, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '2'])),
      h.cli(['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"raw"}', '--secrets-out', 'secrets.json']),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const saved = await h.secrets();
    const expected = ['a', 'b', 'c'].flatMap((n) => [0, 1, 2, 3].map((k) => `app.${n}.key.k${k}`));
    expect(Object.keys(saved).filter((k) => k.startsWith('app.')).sort()).toEqual(expected.sort());
    expect(Object.keys(saved).filter((k) => k.startsWith('POST '))).toEqual([`POST /v2/apps/${appId}/keys#key.secret`]);
    expect((await readdir(h.dir)).filter((n) => n.startsWith('secrets.json')).sort()).toEqual(['secrets.json']);
  });
});

describe('sunco api --secrets-out checks the file before the call', () => {
  const call = (out: string) => h.cli(['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', out]);

  it.each<[string, () => Promise<string>, RegExp]>([
    ['its directory does not exist', async () => 'nowhere/secrets.json', /^Error: cannot write the secrets file .+nowhere\/secrets\.json: its directory does not exist or is not writable$/],
    ['it is a directory', async () => {
      await mkdir(join(h.dir, 'adir'));
      return 'adir';
    }, /^Error: the secrets file .+adir is a directory: give --secrets-out a file path/],
    ['it is not JSON', async () => {
      await h.write('bad.json', 'not json');
      return 'bad.json';
    }, /^Error: the secrets file .+bad\.json is not a JSON object keyed by address/],
    ['it is a JSON array', async () => {
      await h.write('arr.json', '[]');
      return 'arr.json';
    }, /^Error: the secrets file .+arr\.json is not a JSON object keyed by address/],
    ['a directory sits where its lock goes (it spun forever)', async () => {
      await mkdir(join(h.dir, 's.json.lock'));
      return 's.json';
    }, /^Error: cannot lock the secrets file .+s\.json: .+s\.json\.lock is a directory, not a lock sunco made; remove it if no sunco is running$/],
    ['a dangling symlink sits where its lock goes', async () => {
      await symlink(join(h.dir, 'gone'), join(h.dir, 't.json.lock'));
      return 't.json';
    }, /^Error: cannot lock the secrets file .+t\.json: .+t\.json\.lock is a symbolic link/],
    ['a directory sits where its journal goes (an Internal error)', async () => {
      await mkdir(join(h.dir, 'u.json.journal'));
      return 'u.json';
    }, /^Error: cannot read the secrets journal .+u\.json\.journal: it is a directory; move it away/],
  ])('%s: one line, and no key is created', async (_what, make, line) => {
    const out = await make();
    const mark = h.emu.requestLog.length;
    oneLine(await call(out), line);
    expect(posts(mark)).toEqual([]);
  });

  it('a FIFO given as the secrets file is refused unread (read as empty, then chmod 0600 and renamed over: as root `--secrets-out /dev/null` made /dev/null 0600)', async () => {
    const fifo = join(h.dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const mark = h.emu.requestLog.length;
    oneLine(await call('fifo.json'), /^Error: the secrets file .+fifo\.json is not a regular file \(a device, a pipe or a socket\): give --secrets-out a file path$/);
    expect(posts(mark)).toEqual([]);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a directory where no lock can be made (/proc: access() says writable to root) is one line, not an Internal error', async () => {
    const mark = h.emu.requestLog.length;
    oneLine(await call('/proc/version'), /^Error: cannot (lock the secrets file \/proc\/version: cannot create \/proc\/version\.lock \(.*\); give --secrets-out a path in a directory of your own|write the secrets file \/proc\/version: its directory does not exist or is not writable)$/);
    expect(posts(mark)).toEqual([]);
  });

  it('a symlink planted where the journal goes receives no secret, and no key is created', async () => {
    const trap = await h.write('trap.txt', '');
    await symlink(trap, join(h.dir, 'v.json.journal'));
    const mark = h.emu.requestLog.length;
    oneLine(await call('v.json'), /^Error: cannot read the secrets journal .+v\.json\.journal: it is a symbolic link; move it away/);
    expect(posts(mark)).toEqual([]);
    expect(await readFile(trap, 'utf8')).toBe('');
  });

  it('a secrets file with a __proto__ key keeps it as data and saves the new secret beside it', async () => {
    await writeFile(join(h.dir, 'p.json'), '{"__proto__": {"secret": "x"}, "app.a.key.k": {"id": "app_1", "secret": "s"}}\n');
    const r = await call('p.json');
    expect(r.code).toBe(0);
    const saved = JSON.parse(await readFile(join(h.dir, 'p.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['POST /v2/apps/' + appId + '/keys#key.secret', '__proto__', 'app.a.key.k'].sort());
    expect(({} as Record<string, unknown>).secret).toBeUndefined();
  });
});

describe('a signal during sunco api POST …/keys --secrets-out', () => {
  it('waits for the answer, saves the secret, then exits 130 (the key was created and its secret lost)', async () => {
    await h.close();
    h = await harness({ latencyMs: 5, onRequest: (e) => void (e.method === 'POST' && process.emit('SIGINT', 'SIGINT')) });
    appId = (await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Raw' })).app.id;
    const r = await h.cli(['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT: waiting for the answer to save its secret to secrets.json');
    const [key] = await h.api.listAll<{ id: string; secret: string }>(`/v2/apps/${appId}/keys`, 'keys');
    expect(await h.secrets()).toEqual({ [`POST /v2/apps/${appId}/keys#key.secret`]: { id: key!.id, secret: key!.secret } });
    expect((await readdir(h.dir)).filter((n) => n.startsWith('secrets.json')).sort()).toEqual(['secrets.json']);
  });
});

describe('a lock held by a live process', () => {
  it('says that it waits, naming the holder, and goes on once the lock is free (giving up is in secrets-file.test.ts)', async () => {
    // Our own pid is alive: the lock looks held by another sunco, until the notice releases it.
    const lock = join(h.dir, 'w.json.lock');
    await writeFile(lock, `${process.pid} ${hostname()} abc\n`);
    const io = fakeIO({ cwd: h.dir, env: h.env });
    const write = io.stderr.write.bind(io.stderr);
    let postsBeforeRelease = -1;
    const mark = h.emu.requestLog.length;
    io.stderr.write = (text: string) => {
      if (text.startsWith('Waiting for the lock')) {
        postsBeforeRelease = posts(mark).length;
        unlinkSync(lock);
      }
      return write(text);
    };
    const code = await run(['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', 'w.json'], 'sunco', io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(new RegExp(`^Waiting for the lock .+w\\.json\\.lock, held by process ${process.pid} on \\S+ \\(at most 30 s\\)\\.\\.\\.$`, 'm'));
    // The wait was in the check, before the call.
    expect(postsBeforeRelease).toBe(0);
    expect(Object.keys(await h.secrets('w.json'))).toHaveLength(1);
  });
});
