/**
 * Rate limit (issue 8): with the emulator's rate limit (429 + Retry-After beyond N requests a
 * second), an apply completes with no failed step: every 429 is waited out and retried, and
 * the apply reports how long it waited.
 * No real waits: the client's sleeps (Retry-After: 1 s) advance a fake clock that the
 * emulator's rate-limit window reads, as in test/api/emulator.test.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { setSleep } from '../../src/api/retry.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

const CONFIG = `version: 1
apps:
  limited:
    displayName: Rate limited
    keys:
      one: { displayName: one }
      two: { displayName: two }
    integrations:
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: https://bot.example/hook, triggers: [conversation:message] }
        keys:
          runtime: { displayName: runtime }
      web: { type: web, displayName: Web }
`;

let emu: RunningEmulator;
let dir: string;
let restoreSleep: () => void;
const slept: number[] = [];
beforeEach(async () => {
  let clock = Date.now();
  slept.length = 0;
  restoreSleep = setSleep(async (ms) => {
    slept.push(ms);
    clock += ms;
  });
  emu = await startEmulator({ port: 0, rateLimit: 3, now: () => clock });
  dir = await mkdtemp(join(tmpdir(), 'sunco-rate-'));
  await writeFile(join(dir, 'sunco.yaml'), CONFIG);
});
afterEach(async () => {
  restoreSleep();
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

it('apply under a rate limit completes with no failed step, waiting out every 429', async () => {
  const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
  const r = await runCli(['apply', '--yes', '--json', '--secrets-out', 'secrets.json', '--debug'], { env, cwd: dir });
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout) as {
    status: string;
    failed: unknown[];
    skipped: unknown[];
    summary: { created: number };
    waited?: { ms: number; retries: number; rateLimitMs: number; rateLimitRetries: number };
  };
  expect(result).toMatchObject({ status: 'applied', failed: [], skipped: [] });
  expect(result.summary.created).toBe(7);
  // The limit was really hit, and every request it refused was made again.
  const limited = emu.requestLog.filter((e) => e.faulted === 'rate_limit');
  expect(limited.length).toBeGreaterThan(0);
  expect(limited.every((e) => e.status === 429)).toBe(true);
  // Each wait is visible (with --debug), naming the 429 it waits out.
  const waits = r.stderr.split('\n').filter((l) => /waiting \d+ ms before retrying: 429/.test(l));
  expect(waits.length).toBe(limited.length);
  // Each one waited the Retry-After the emulator sent (1 s), on the fake clock.
  expect(slept).toEqual(limited.map(() => 1000));
  // The apply reports how long it waited: in the --json result and in the text report (stderr with --json).
  expect(result.waited).toMatchObject({ rateLimitRetries: limited.length, retries: limited.length });
  expect(result.waited!.rateLimitMs).toBeGreaterThan(0);
  expect(r.stderr).toMatch(/^Waited \d+(\.\d+)? m?s on rate limits \(/m);
  // Nothing was created twice.
  const app = emu.store.state.provisioning.apps.find((a) => a.displayName === 'Rate limited')!;
  expect(app.keys.map((k) => k.displayName).sort()).toEqual(['one', 'two']);
  expect(app.integrations.map((i) => i.displayName).sort()).toEqual(['Bot', 'Web']);
});
