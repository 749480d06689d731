/**
 * Interrupts during an apply against a slow emulator (issue 14): the first SIGINT starts no new
 * step, lets the calls in flight finish, saves every secret, prints "Interrupted:" and exits 130;
 * a second one stops waiting. After a kill -9 the next apply converges and every acknowledged
 * secret is in the file; one killed while answers are held back in flight recovers those secrets
 * from the live objects. In-process runs receive the signal through process.emit, the way node
 * delivers one to the process's listeners; the spawned runs get real signals.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/request-log.js';
import { type Harness, harness } from '../helpers/harness.js';
import { type Child, spawnApply } from '../helpers/spawn-apply.js';

// The API's limit per app (the emulator enforces it).
const KEYS = 10;
const config = `version: 1
apps:
  support:
    displayName: Support
    keys:
${Array.from({ length: KEYS }, (_, i) => `      k${i}: { displayName: key ${i} }`).join('\n')}
`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Calls `then` once the emulator has answered `n` key creates (the next ones are then in flight). */
function afterKeyCreates(n: number, then: () => void): (e: RequestLogEntry) => void {
  let seen = 0;
  return (e) => {
    if (e.method === 'POST' && e.path.endsWith('/keys') && ++seen === n) then();
  };
}

async function liveKeys(hh: Harness): Promise<{ id: string; displayName: string; secret: string }[]> {
  const [app] = await hh.api.listAll<{ id: string }>('/v2/apps', 'apps');
  return hh.api.listAll(`/v2/apps/${app!.id}/keys`, 'keys');
}

async function expectEveryLiveKeySaved(hh: Harness): Promise<number> {
  const saved = await hh.secrets();
  const keys = await liveKeys(hh);
  for (const k of keys) {
    const name = k.displayName.replace('key ', 'k');
    expect(saved[`app.support.key.${name}`], k.displayName).toEqual({ id: k.id, secret: k.secret });
  }
  return keys.length;
}

describe('sunco-apply interrupted', () => {
  it('first SIGINT: no new step, calls in flight finish, every secret saved, "Interrupted:" report, exit 130; a re-run converges', async () => {
    h = await harness({ latencyMs: 15, onRequest: afterKeyCreates(3, () => process.emit('SIGINT', 'SIGINT')) });
    const file = await h.write('sunco.yaml', config);
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '3']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT: starting no new step; waiting for the calls in flight');
    expect(r.stdout).toMatch(/Interrupted: SIGINT\. (\d+) steps applied \((\d+) of them in flight when the signal came\), \d+ not started\./);
    // The applied count is the steps listed as applied plus the calls in flight that finished.
    const [, total, finishedInFlight] = /Interrupted: SIGINT\. (\d+) steps applied \((\d+) of them/.exec(r.stdout)!;
    const appliedBlock = /Applied:\n((?: {2}.*\n)*)/.exec(r.stdout)?.[1] ?? '';
    expect(appliedBlock.split('\n').filter(Boolean).length + Number(finishedInFlight)).toBe(Number(total));
    expect((r.stdout.match(/finished: applied/g) ?? []).length).toBe(Number(finishedInFlight));
    expect(r.stdout).toMatch(/In flight when interrupted:\n {2}app\.support\.key\.k\d+ {2}create {2}finished: applied app_/);
    expect(r.stdout).toMatch(/Skipped:\n(.*\(not started: interrupted\)\n)+/);
    expect(r.stdout).toContain('Run sunco-apply again to apply the rest');
    // Nothing was left half-done: every key that exists has its secret in the file, nothing else is beside it.
    const created = await expectEveryLiveKeySaved(h);
    expect(created).toBeGreaterThanOrEqual(3);
    expect(created).toBeLessThan(KEYS);
    expect((await readdir(h.dir)).sort()).toEqual(['secrets.json', 'sunco.yaml']);

    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code).toBe(0);
    expect(await expectEveryLiveKeySaved(h)).toBe(KEYS);
    expect((await h.cli(['plan', '-f', file, '--detailed-exitcode'])).code).toBe(0);
  });

  it('a second SIGINT stops waiting for the calls in flight, still saving the secrets already received', async () => {
    h = await harness({
      latencyMs: 15,
      onRequest: afterKeyCreates(3, () => {
        process.emit('SIGINT', 'SIGINT');
        process.emit('SIGINT', 'SIGINT');
      }),
    });
    const file = await h.write('sunco.yaml', config);
    const r = await h.cli(['apply', '-f', file, '--yes', '--json', '--secrets-out', 'secrets.json', '--parallelism', '3']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('SIGINT again: not waiting for the calls in flight');
    expect(r.stderr).toMatch(/Interrupted: SIGINT twice\. .*\d+ in flight not waited for/);
    expect(r.stderr).toContain('not waited for: the next sunco-plan shows whether it happened');
    const doc = JSON.parse(r.stdout) as { status: string; applied: { address: string; ids?: Record<string, string> }[]; interrupted: { aborted: boolean; unfinished: unknown[] } };
    expect(doc.status).toBe('interrupted');
    expect(doc.interrupted.aborted).toBe(true);
    expect(doc.interrupted.unfinished.length).toBeGreaterThan(0);
    // Under load the abort may come before any key's answer was handled: then there is nothing to save yet.
    const keysApplied = doc.applied.filter((x) => x.address.includes('.key.'));
    const saved = existsSync(join(h.dir, 'secrets.json')) ? await h.secrets() : {};
    for (const a of keysApplied) expect(saved[a.address]?.id).toBe(a.ids![a.address]);
  });
});


describe('sunco-apply as a process', () => {
  it('exits 130 on a real SIGINT, with the report', async () => {
    h = await harness({ latencyMs: 15 });
    const file = await h.write('sunco.yaml', config);
    let created = 0;
    const r = await spawnApply(h, ['-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '3'], (line, child) => {
      if (/ create {2}created /.test(line) && ++created === 3) child.kill('SIGINT');
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Interrupted: SIGINT.');
    await expectEveryLiveKeySaved(h);
  });

  it('exits 130 on a real SIGTERM too, with the report, and every secret saved', async () => {
    h = await harness({ latencyMs: 15 });
    const file = await h.write('sunco.yaml', config);
    let created = 0;
    const r = await spawnApply(h, ['-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '3'], (line, child) => {
      if (/ create {2}created /.test(line) && ++created === 3) child.kill('SIGTERM');
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('Interrupted: SIGTERM.');
    await expectEveryLiveKeySaved(h);
  });

  it('after kill -9, the next apply converges with every acknowledged secret in the file', async () => {
    h = await harness({ latencyMs: 15 });
    const file = await h.write('sunco.yaml', config);
    const acknowledged = new Map<string, string>();
    const r = await spawnApply(h, ['-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '3'], (line, child) => {
      // A progress line is printed once the step is applied, i.e. after its secret is durable.
      const m = /^(app\.support\.key\.k\d+)\s+create {2}created (\S+)/.exec(line);
      if (m) acknowledged.set(m[1]!, m[2]!);
      if (acknowledged.size === 4) child.kill('SIGKILL');
    });
    expect(r.signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(4);

    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code).toBe(0);
    const saved = await h.secrets();
    for (const [address, id] of acknowledged) expect(saved[address]?.id, address).toBe(id);
    // Converged: each key exists once, and nothing is left to do.
    const names = (await liveKeys(h)).map((k) => k.displayName);
    expect(names.sort()).toEqual(Array.from({ length: KEYS }, (_, i) => `key ${i}`).sort());
    expect((await h.cli(['plan', '-f', file, '--detailed-exitcode'])).code).toBe(0);
    expect((await readdir(h.dir)).sort()).toEqual(['secrets.json', 'sunco.yaml']);
  });

  it('after kill -9 with answers lost in flight, the next apply recovers every missing secret from the live objects and converges', async () => {
    const withHooks = `version: 1
apps:
  support:
    displayName: Support
    keys:
${Array.from({ length: 6 }, (_, i) => `      k${i}: { displayName: key ${i} }`).join('\n')}
    integrations:
      bot:
        type: custom
        displayName: Bot
        webhooks:
${Array.from({ length: 4 }, (_, i) => `          w${i}: { target: "https://bot.example.com/${i}", triggers: ["conversation:message"] }`).join('\n')}
`;
    let child: Child | undefined;
    let killed = false;
    const secretHolders = (): number =>
      h!.emu.store.state.provisioning.apps.reduce((n, a) => n + a.keys.length + a.integrations.reduce((m, i) => m + i.webhooks.length, 0), 0);
    // The emulator waits its latency after the handler has committed and before it answers:
    // killing the client there leaves an object the API made but whose answer (and secret) the
    // client never received.
    h = await harness({
      latencyMs: 5,
      sleep: async (ms) => {
        if (!killed && child && secretHolders() >= 7) {
          killed = true;
          child.kill('SIGKILL');
          await new Promise((r) => child!.once('close', r));
        }
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    const file = await h.write('sunco.yaml', withHooks);
    const r = await spawnApply(h, ['-f', file, '--yes', '--secrets-out', 'secrets.json', '--parallelism', '3'], () => undefined, (c) => (child = c));
    expect(r.signal).toBe('SIGKILL');
    const liveIds = (): string[] =>
      h!.emu.store.state.provisioning.apps.flatMap((a) => [...a.keys.map((k) => k.id), ...a.integrations.flatMap((i) => i.webhooks.map((w) => w.id))]);
    const madeBeforeKill = new Set(liveIds());
    expect(madeBeforeKill.size).toBeGreaterThanOrEqual(7);

    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code, again.stderr).toBe(0);
    // The object whose answer was held back (at least) had no entry: it is recovered, not made again.
    const m = /recovered (\d+) secrets? into secrets\.json from the live objects: (.*)/.exec(again.stdout);
    expect(m, again.stdout).not.toBeNull();
    const recovered = m![2]!.split(', ');
    expect(recovered).toHaveLength(Number(m![1]));
    const saved = await h.secrets();
    const [app] = h.emu.store.state.provisioning.apps;
    const live = [
      ...app!.keys.map((k) => ({ address: `app.support.key.${k.displayName.replace('key ', 'k')}`, id: k.id, secret: k.secret })),
      ...app!.integrations.flatMap((i) => i.webhooks.map((w) => ({ address: `app.support.integration.bot.webhook.w${w.target.split('/').pop()}`, id: w.id, secret: w.secret }))),
    ];
    // Converged: each object once, every one's secret in the file, none printed.
    expect(live).toHaveLength(10);
    for (const o of live) {
      expect(saved[o.address], o.address).toEqual({ id: o.id, secret: o.secret });
      expect(again.stdout + again.stderr).not.toContain(o.secret);
    }
    expect(Object.keys(saved).sort()).toEqual(live.map((o) => o.address).sort());
    for (const address of recovered) expect(madeBeforeKill.has(saved[address]!.id), address).toBe(true);
    expect((await h.cli(['plan', '-f', file, '--detailed-exitcode'])).code).toBe(0);
    expect((await readdir(h.dir)).sort()).toEqual(['secrets.json', 'sunco.yaml']);
  });
});
