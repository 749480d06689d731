/**
 * Red-team, round 2 (issue 14): signals at the moments the first round did not reach, each
 * held open by another run holding the secrets file's lock (a lock file naming this live
 * process, as a concurrent sunco would leave it) instead of by real time:
 * - sunco-apply: during the final fold of the journal, during the tidy, twice during the fold,
 *   and while the secrets-file check waits for the lock (before any step);
 * - sunco secrets pull: while its check waits for the lock, and during its merge;
 * - sunco api POST …/keys --secrets-out: while its check waits for the lock.
 * Every run reports, exits 130 (first signal included, whatever the signal), loses no secret,
 * leaves nothing but its own files, and the next run converges.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { run } from '../../src/cli/run.js';
import { type Harness, harness, writes } from '../helpers/harness.js';
import { fakeIO } from '../helpers/io.js';
import { spawnApply } from '../helpers/spawn-apply.js';

const config = (keys: string[]) => `version: 1
apps:
  support:
    displayName: Support
    keys:
${keys.map((k) => `      ${k}: { displayName: key ${k} }`).join('\n')}
`;

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

/** Another run holds the lock: a live pid (this process) on this host, a nonce not ours. */
const lockPath = (hh: Harness) => join(hh.dir, 'secrets.json.lock');
const LOCK = `${process.pid} ${hostname()} 0123456789abcdef\n`;
const holdLock = async (hh: Harness) => writeFile(lockPath(hh), LOCK);
/** Synchronous, from the emulator's request hook: the lock is there before the answer leaves. */
const holdLockNow = (hh: Harness) => writeFileSync(lockPath(hh), LOCK);
const releaseLock = (hh: Harness) => unlink(lockPath(hh)).catch(() => undefined);

async function leftBehind(hh: Harness): Promise<string[]> {
  return (await readdir(hh.dir)).filter((n) => n !== 'sunco.yaml' && n !== 'secrets.json').sort();
}

/**
 * Runs a command in-process; each time stderr says it waits for the lock, `onWait` runs
 * (it signals the process through process.emit, as node delivers a real signal).
 */
async function runWatching(hh: Harness, args: string[], onWait: () => void): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIO({ cwd: hh.dir, env: hh.env });
  const write = io.stderr.write.bind(io.stderr);
  io.stderr.write = (s: string) => {
    const r = write(s);
    if (s.startsWith('Waiting for the lock')) setImmediate(onWait);
    return r;
  };
  const code = await run(args, 'sunco', io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/**
 * A harness where "another run" takes the secrets file's lock as the bookkeeping PATCH (the last
 * step) arrives, so the fold of the journal that follows waits for it.
 */
async function lockTakenAtBookkeeping(): Promise<Harness> {
  let planted = false;
  h = await harness({
    onRequest: (e) => {
      if (!planted && e.method === 'PATCH') {
        planted = true;
        holdLockNow(h!);
      }
    },
  });
  return h;
}

describe('sunco-apply: a signal after the last step', () => {
  it('SIGINT during the final save: the fold finishes, the report says interrupted, exit 130, every secret in the file', async () => {
    // The signal comes while the fold waits for the lock.
    const hh = await lockTakenAtBookkeeping();
    await hh.write('sunco.yaml', config(['k0', 'k1']));
    const r = await runWatching(hh, ['apply', '--yes', '--secrets-out', 'secrets.json', '--parallelism', '1'], () => {
      process.emit('SIGINT', 'SIGINT');
      // The other run finishes: the fold goes on.
      void releaseLock(hh);
    });
    expect(r.stderr).toContain('SIGINT: every step has finished; saving the secrets file, then exiting');
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Interrupted: SIGINT. 4 steps applied, 0 not started.');
    expect(r.stdout).toContain('The signal came after every step had finished: 3 created, 0 updated, 0 replaced, 0 deleted. Nothing is left to apply.');
    expect(Object.keys(await hh.secrets()).sort()).toEqual(['app.support.key.k0', 'app.support.key.k1']);
    expect(await leftBehind(hh)).toEqual([]);
    expect((await hh.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  it('SIGTERM twice while the fold waits for a held lock: it stops waiting, the secrets stay in the journal, the next apply folds them', async () => {
    const hh = await lockTakenAtBookkeeping();
    await hh.write('sunco.yaml', config(['k0', 'k1']));
    let sent = 0;
    const r = await runWatching(hh, ['apply', '--yes', '--json', '--secrets-out', 'secrets.json', '--parallelism', '1'], () => {
      if (sent++ > 0) return;
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGTERM', 'SIGTERM');
    });
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout) as { status: string; interrupted: { signal: string; aborted: boolean; notStarted: unknown[] } };
    expect(doc.status).toBe('interrupted');
    expect(doc.interrupted).toMatchObject({ signal: 'SIGTERM', aborted: true, notStarted: [] });
    expect(r.stderr).toContain('SIGTERM again: exiting now; the secrets saved so far stay in the secrets file\'s journal');
    expect(r.stderr).toMatch(/Warning: 2 secret\(s\) are saved in .+secrets\.json\.journal but could not be merged/);
    // Nothing of this run's own is left but the journal (the lock is the other run's).
    expect(await leftBehind(hh)).toEqual(['secrets.json.journal', 'secrets.json.lock']);
    await releaseLock(hh);
    const again = await hh.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes to apply.');
    const saved = await hh.secrets();
    expect(Object.keys(saved).sort()).toEqual(['app.support.key.k0', 'app.support.key.k1']);
    expect(await leftBehind(hh)).toEqual([]);
  });

  it('SIGINT during the tidy of the secrets file: the tidy finishes before the report, which says interrupted, exit 130', async () => {
    let hook: (e: { method: string }) => void = () => undefined;
    h = await harness({ onRequest: (e) => hook(e) });
    const hh = h;
    await hh.write('sunco.yaml', config(['k0', 'ci']));
    expect((await hh.cli(['apply', '--yes', '--secrets-out', 'secrets.json'])).code).toBe(0);
    await hh.write('sunco.yaml', config(['k0']));
    // The lock is taken by "another run" when the DELETE of key ci arrives: the tidy after it waits.
    let planted = false;
    hook = (e) => {
      if (!planted && e.method === 'DELETE') {
        planted = true;
        holdLockNow(hh);
      }
    };
    const r = await runWatching(hh, ['apply', '--yes', '--prune', '--secrets-out', 'secrets.json'], () => {
      process.emit('SIGINT', 'SIGINT');
      void releaseLock(hh);
    });
    expect(r.code, r.stdout + r.stderr).toBe(130);
    const removed = r.stdout.indexOf('Secrets: removed 1 entry from secrets.json whose object was deleted or is now managed under another address: app.support.key.ci');
    const interrupted = r.stdout.indexOf('Interrupted: SIGINT. 2 steps applied, 0 not started.');
    expect(removed).toBeGreaterThan(-1);
    expect(interrupted).toBeGreaterThan(removed);
    expect(Object.keys(await hh.secrets())).toEqual(['app.support.key.k0']);
    expect(await leftBehind(hh)).toEqual([]);
  });
});

describe('a signal while another run holds the lock, before anything is written', () => {
  it('sunco-apply: SIGINT during the secrets-file check stops at once (not after --lock-timeout), nothing applied, exit 130', async () => {
    h = await harness();
    const hh = h;
    await hh.write('sunco.yaml', config(['k0']));
    await holdLock(hh);
    const r = await runWatching(hh, ['apply', '--yes', '--secrets-out', 'secrets.json'], () => process.emit('SIGINT', 'SIGINT'));
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Interrupted: SIGINT before any step was started; nothing was applied.');
    expect(writes(hh.emu)).toEqual([]);
    expect(await leftBehind(hh)).toEqual(['secrets.json.lock']);
    expect(await readFile(lockPath(hh), 'utf8')).toContain('0123456789abcdef');
  });

  it('sunco secrets pull: SIGTERM during the check stops at once, the file as it was, exit 130', async () => {
    h = await harness();
    const hh = h;
    await hh.write('sunco.yaml', config(['k0']));
    expect((await hh.cli(['apply', '--yes', '--secrets-out', 'secrets.json'])).code).toBe(0);
    const before = await readFile(join(hh.dir, 'secrets.json'), 'utf8');
    await holdLock(hh);
    const r = await runWatching(hh, ['secrets', 'pull', '--secrets-out', 'secrets.json', '--json'], () => process.emit('SIGTERM', 'SIGTERM'));
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Interrupted: SIGTERM before any secret was written; secrets.json is as it was.');
    expect(JSON.parse(r.stdout)).toMatchObject({ pulled: 0, interrupted: { signal: 'SIGTERM', written: false } });
    expect(await readFile(join(hh.dir, 'secrets.json'), 'utf8')).toBe(before);
    expect(await leftBehind(hh)).toEqual(['secrets.json.lock']);
  });

  it('sunco api POST …/keys --secrets-out: SIGINT during the check sends nothing (no orphan key), exit 130', async () => {
    h = await harness();
    const hh = h;
    const appId = (await hh.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Raw' })).app.id;
    await holdLock(hh);
    const mark = hh.emu.requestLog.length;
    const r = await runWatching(hh, ['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', 'secrets.json'], () => process.emit('SIGINT', 'SIGINT'));
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Interrupted: SIGINT before the call; nothing was sent.');
    expect(writes(hh.emu, mark)).toEqual([]);
    expect(r.stdout).toBe('');
    expect(existsSync(join(hh.dir, 'secrets.json'))).toBe(false);
  });
});

describe('sunco secrets pull: a signal during the merge', () => {
  it('SIGINT as the merge starts: it finishes, the report is printed, exit 130, nothing left behind', async () => {
    h = await harness();
    const hh = h;
    await hh.write('sunco.yaml', config(['k0', 'k1']));
    expect((await hh.cli(['apply', '--yes', '--secrets-out', 'first.json'])).code).toBe(0);
    const save = SecretsFile.prototype.save;
    vi.spyOn(SecretsFile.prototype, 'save').mockImplementation(function (this: SecretsFile, entries) {
      process.emit('SIGINT', 'SIGINT');
      return save.call(this, entries);
    });
    const r = await hh.cli(['secrets', 'pull', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT: finishing the merge into secrets.json, then exiting.');
    expect(r.stdout).toContain('Pulled 2 secrets into secrets.json: 2 new, 0 updated, 0 unchanged.');
    expect(r.stderr).toContain('Interrupted: SIGINT after the live read; the pull was completed (2 written to secrets.json).');
    const first = JSON.parse(await readFile(join(hh.dir, 'first.json'), 'utf8')) as Record<string, unknown>;
    expect(await hh.secrets()).toEqual(first);
    expect((await readdir(hh.dir)).filter((n) => n.startsWith('secrets.json'))).toEqual(['secrets.json']);
  });
});

describe('sunco api POST …/keys --secrets-out in a real process: two signals while the answer is saved', () => {
  it('the second signal does not cut the save short: the key\'s secret is in the file, exit 130', async () => {
    let hold = false;
    h = await harness({
      onRequest: (e) => {
        // "Another run" takes the lock as the POST arrives: the save of its answer waits for it.
        if (hold && e.method === 'POST') holdLockNow(h!);
      },
    });
    const hh = h;
    const appId = (await hh.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Raw' })).app.id;
    hold = true;
    let seen = '';
    const r = await spawnApply(hh, ['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', 'secrets.json'], () => undefined, (child) => {
      child.stderr!.on('data', (d: Buffer) => {
        const before = seen;
        seen += d.toString();
        if (!before.includes('Waiting for the lock') && seen.includes('Waiting for the lock')) child.kill('SIGINT');
        else if (!before.includes('SIGINT: saving') && seen.includes("SIGINT: saving the answer's secret")) child.kill('SIGINT');
        // The second notice: the save still waits; the other run lets go.
        else if (seen.split("saving the answer's secret").length > 2 && before.split("saving the answer's secret").length <= 2) void releaseLock(hh);
      });
    }, 'sunco');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    const saved = await hh.secrets();
    expect(Object.keys(saved)).toEqual([`POST /v2/apps/${appId}/keys#key.secret`]);
    expect(await leftBehind(hh)).toEqual([]);
  });
});
