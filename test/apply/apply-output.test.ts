/**
 * What an apply prints beyond the plan: progress lines (colour on a terminal only, never with
 * NO_COLOR) and the time spent waiting on rate limits, in the summary and in --json.
 */
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { setSleep } from '../../src/api/retry.js';
import { WaitTally } from '../../src/apply/waits.js';
import { waitsLine } from '../../src/render/apply-report.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ESC = '\u001b[';
const ESC_RE = String.raw`\u001b\[`;

// An app and six keys: after the app's POST, six key POSTs start at once.
const keys = `
version: 1
apps:
  support:
    displayName: Support
    keys:
${['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `      ${k}: { displayName: key ${k} }`).join('\n')}
`;

const web = 'version: 1\napps:\n  support:\n    displayName: Support\n    integrations:\n      web: { type: web, displayName: Website }\n';

describe('progress lines', () => {
  it('one plain line per finished step without a terminal: address, operation, result, time', async () => {
    h = await harness();
    const file = await h.write('a.yaml', web);
    const r = await h.cli(['apply', '-f', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toMatch(/^app\.support {18}create {2}created [0-9a-f]{24} {2}\(\d+ ms\)$/m);
    expect(r.stdout).toMatch(/^app\.support\.integration\.web {2}create {2}created [0-9a-f]{24} {2}\(\d+ ms\)$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Apply complete: 2 created, 0 updated, 0 replaced, 0 deleted.');
  });

  it('coloured on a terminal, and plain there too when NO_COLOR is set', async () => {
    h = await harness();
    const file = await h.write('a.yaml', web);
    const tty = await h.cli(['apply', '-f', file, '--yes'], { stdoutIsTTY: true });
    expect(tty.code).toBe(0);
    // On a terminal: [n/N] before each line and the elapsed time after it.
    expect(tty.stdout).toMatch(new RegExp(`^\\[1/3\\] app\\.support {18}create {2}${ESC_RE}32mcreated [0-9a-f]{24}${ESC_RE}39m {2}\\(\\d+ ms\\) {2}\\d+\\.\\d s$`, 'm'));
    expect(tty.stdout).toContain(`${ESC}32m${ESC}1mApply complete`);

    await h.write('a.yaml', web.replace('displayName: Website', 'displayName: Website, brandColor: "112233"'));
    const noColor = await h.cli(['apply', '-f', file, '--yes'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.code).toBe(0);
    expect(noColor.stdout).toMatch(/^\[1\/1\] app\.support\.integration\.web {2}update {2}done {2}\(\d+ ms\) {2}\d+\.\d s$/m);
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('with --json on a terminal, stdout is the bare document and the progress on stderr has no colour', async () => {
    h = await harness();
    const file = await h.write('a.yaml', web);
    const r = await h.cli(['apply', '-f', file, '--yes', '--json'], { stdoutIsTTY: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'applied', summary: { created: 2 } });
    expect(r.stderr).toMatch(/^app\.support\.integration\.web {2}create {2}created /m);
    expect(r.stderr).not.toContain(ESC);
  });
});

describe('waiting on rate limits', () => {
  it("reports the wait in the summary and in --json, and every step still applies (emulator's rateLimit)", async () => {
    // 3 requests per second: the burst of key creates is answered 429 with Retry-After: 1,
    // which the client honours. Its sleeps advance a fake clock that the emulator's
    // rate-limit window reads: nothing waits in real time.
    let clock = Date.now();
    const slept: number[] = [];
    const restore = setSleep(async (ms) => {
      slept.push(ms);
      clock += ms;
    });
    onTestFinished(restore);
    h = await harness({ rateLimit: 3, now: () => clock });
    const file = await h.write('a.yaml', keys);
    const r = await h.cli(['apply', '-f', file, '--yes', '--json', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { status: string; summary: Record<string, number>; waited?: Record<string, number> };
    expect(doc.status).toBe('applied');
    expect(doc.summary).toMatchObject({ created: 7, failed: 0, skipped: 0 });
    const limited = h.emu.requestLog.filter((e) => e.status === 429).length;
    expect(limited).toBeGreaterThan(0);
    // Each 429 was followed by one retry that waited Retry-After (1 s); overlapping waits count once.
    expect(doc.waited).toMatchObject({ retries: limited, rateLimitRetries: limited });
    expect(doc.waited!.rateLimitMs).toBe(doc.waited!.ms);
    expect(doc.waited!.ms).toBeGreaterThanOrEqual(1000);
    expect(doc.waited!.ms).toBeLessThanOrEqual(limited * 1000);
    expect(slept).toEqual(Array.from({ length: limited }, () => 1000));
    // The text summary (on stderr with --json) says it too, just before the closing line.
    const tail = r.stderr.trimEnd().split('\n').slice(-2);
    expect(tail[0]).toMatch(new RegExp(`^Waited \\d+\\.\\d s on rate limits \\(${limited} requests? answered 429 and (was|were) retried\\)\\.$`));
    expect(tail[1]).toBe('Apply complete: 7 created, 0 updated, 0 replaced, 0 deleted.');
    expect(Object.keys(await h.secrets())).toHaveLength(6);
  });

  it('says nothing about waiting, and --json has no "waited", when nothing was retried', async () => {
    h = await harness();
    const file = await h.write('a.yaml', web);
    const r = await h.cli(['apply', '-f', file, '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('waited');
    expect(r.stderr).not.toContain('Waited');
  });

  it('counts overlapping waits once, and tells rate limits from transient errors', () => {
    let now = 0;
    const tally = new WaitTally(() => now);
    tally.onWait(1000, '429 too_many_requests (attempt 1 of 6)');
    now = 200;
    tally.onWait(1000, '429 too_many_requests (attempt 1 of 6)');
    now = 5000;
    tally.onWait(300, '503 service_unavailable (attempt 2 of 6)');
    now = 5100;
    tally.onWait(100, 'network_error: socket hang up (attempt 1 of 6)');
    expect(tally.totals).toEqual({ ms: 1500, retries: 4, rateLimitMs: 1200, rateLimitRetries: 2 });
    expect(waitsLine(tally.totals)).toBe('Waited 1.5 s on retries (1.2 s on rate limits: 2 requests answered 429 and were retried; 2 transient errors).');
    expect(waitsLine({ ms: 400, retries: 1, rateLimitMs: 0, rateLimitRetries: 0 })).toBe('Waited 400 ms on retries after 1 transient error.');
    expect(waitsLine({ ms: 1000, retries: 1, rateLimitMs: 1000, rateLimitRetries: 1 })).toBe('Waited 1.0 s on rate limits (1 request answered 429 and was retried).');
    expect(waitsLine(new WaitTally().totals)).toBeNull();
  });
});
