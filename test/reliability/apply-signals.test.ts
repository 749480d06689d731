/**
 * Red-team of sunco-apply's signals (issue 14) at the moments the interrupt tests of the
 * executor do not reach: during the live read (before any step), at the approval question,
 * during the last step, and after the steps while the secrets file is folded; SIGHUP as a real
 * signal. Each run prints what was applied, exits 130 and leaves no lock or temp file; before
 * any step nothing is written to the API. In-process runs get the signal through
 * process.emit, as node delivers it to the process's listeners.
 */
import { readdir } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { RequestLogEntry } from '../../src/emulator/request-log.js';
import { type Harness, harness, writes } from '../helpers/harness.js';
import { spawnApply } from '../helpers/spawn-apply.js';
import { fakeIO } from '../helpers/io.js';

const config = `version: 1
apps:
  support:
    displayName: Support
    keys:
      k0: { displayName: key 0 }
      k1: { displayName: key 1 }
`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Nothing beside the config and the secrets file: no `.lock`, `.tmp-*` or journal left. */
async function leftBehind(hh: Harness): Promise<string[]> {
  return (await readdir(hh.dir)).filter((n) => n !== 'sunco.yaml' && n !== 'secrets.json').sort();
}

function once(match: (e: RequestLogEntry) => boolean, then: () => void): (e: RequestLogEntry) => void {
  let done = false;
  return (e) => {
    if (!done && match(e)) {
      done = true;
      then();
    }
  };
}

describe('a signal before any step', () => {
  it('SIGINT during the live read: nothing written, "Interrupted: … nothing was applied", exit 130, no lock left', async () => {
    h = await harness({ onRequest: once((e) => e.method === 'GET', () => process.emit('SIGINT', 'SIGINT')) });
    await h.write('sunco.yaml', config);
    await h.write('secrets.json', '{}\n');
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT: stopping before any step; nothing was applied.');
    expect(r.stdout).toContain('Interrupted: SIGINT before any step was started; nothing was applied.');
    expect(writes(h.emu, mark)).toEqual([]);
    expect(await leftBehind(h)).toEqual([]);
    // The next run is not blocked by anything the first one left.
    const again = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code).toBe(0);
    expect(Object.keys(await h.secrets()).sort()).toEqual(['app.support.key.k0', 'app.support.key.k1']);
  });

  it('SIGTERM during the live read with --json: the document says interrupted, stdout holds only it', async () => {
    h = await harness({ onRequest: once((e) => e.method === 'GET', () => process.emit('SIGTERM', 'SIGTERM')) });
    await h.write('sunco.yaml', config);
    const r = await h.cli(['apply', '--yes', '--json', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout) as { status: string; applied: unknown[]; interrupted: { signal: string } };
    expect(doc.status).toBe('interrupted');
    expect(doc.applied).toEqual([]);
    expect(doc.interrupted.signal).toBe('SIGTERM');
    expect(writes(h.emu)).toEqual([]);
  });

  it('SIGINT at the approval question: cancelled at once (the question is not left waiting), nothing written', async () => {
    h = await harness();
    await h.write('sunco.yaml', config);
    const io = fakeIO({ cwd: h.dir, env: h.env, stdinIsTTY: true });
    // A terminal nobody types into: without the signal the question would wait forever.
    io.stdin = new PassThrough();
    const write = io.stdout.write.bind(io.stdout);
    io.stdout.write = (s: string) => {
      const r = write(s);
      if (s.includes('Apply these changes?')) setImmediate(() => process.emit('SIGINT', 'SIGINT'));
      return r;
    };
    const code = await run(['apply', '--secrets-out', 'secrets.json'], 'sunco', io);
    expect(code).toBe(130);
    expect(io.out()).toContain('Interrupted: SIGINT before any step was started; nothing was applied.');
    expect(writes(h.emu)).toEqual([]);
    expect(await leftBehind(h)).toEqual([]);
  });
});

describe('a signal during or after the last step', () => {
  it('SIGINT while the last step is in flight: it finishes, its secret is saved, 0 not started, exit 130', async () => {
    // The bookkeeping PATCH of the app's metadata is the last step.
    h = await harness({ latencyMs: 5, onRequest: once((e) => e.method === 'PATCH', () => process.emit('SIGINT', 'SIGINT')) });
    await h.write('sunco.yaml', config);
    const r = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Interrupted: SIGINT\. \d+ steps applied \(1 of them in flight when the signal came\), 0 not started\./);
    expect(Object.keys(await h.secrets()).sort()).toEqual(['app.support.key.k0', 'app.support.key.k1']);
    expect(await leftBehind(h)).toEqual([]);
    expect((await h.cli(['plan', '--detailed-exitcode'])).code).toBe(0);
  });
});

/** The CLI from source in a child process; `onLine` sees each stdout line and may signal it. */

describe('SIGHUP (the terminal closed) as a real signal', () => {
  it('is an interrupt like SIGINT: the report, exit 130, every created key saved', async () => {
    h = await harness({ latencyMs: 20 });
    await h.write('sunco.yaml', config);
    const r = await spawnApply(h, ['--yes', '--secrets-out', 'secrets.json', '--parallelism', '1'], (line, child) => {
      if (/^app\.support +create {2}created /.test(line)) child.kill('SIGHUP');
    });
    expect(r.stderr).toContain('SIGHUP: starting no new step');
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Interrupted: SIGHUP.');
    expect(await leftBehind(h)).toEqual([]);
  });
});
