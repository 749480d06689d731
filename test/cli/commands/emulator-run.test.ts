import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEvents } from '../../../src/cli/commands/emulator-run.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { runCli } from '../../helpers/cli.js';
import { basic } from '../../helpers/emulator.js';

/** Runs `sunco emulator ...` in-process; `whileRunning` gets the live emulator, then SIGTERM stops it. */
async function runEmulator(args: string[], whileRunning: (emu: RunningEmulator) => Promise<void> = async () => {}) {
  const started = new Promise<RunningEmulator>((resolve) => emulatorEvents.once('started', resolve));
  const result = runCli(['emulator', '--port', '0', ...args]);
  const emu = await Promise.race([started, result.then((r) => { throw new Error(`exited early: ${r.stderr}`); })]);
  await whileRunning(emu);
  process.emit('SIGTERM');
  return result;
}

describe('sunco emulator', () => {
  it('prints one line with the URL and key id; with --key no secret is printed', async () => {
    let url = '';
    const r = await runEmulator(['--key', 'act_cli:cli-secret'], async (emu) => {
      url = emu.url;
      const res = await fetch(`${emu.url}/v2/apps`, { headers: { authorization: basic({ keyId: 'act_cli', secret: 'cli-secret' }) } });
      expect(res.status).toBe(200);
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`sunco emulator listening on ${url} (account key act_cli)\n`);
    expect(r.stdout).not.toContain('cli-secret');
  });

  it('without --key prints the generated secret once, on a second line', async () => {
    let secret = '';
    const r = await runEmulator([], async (emu) => {
      secret = emu.accountKey.secret;
    });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sunco emulator listening on http:\/\/127\.0\.0\.1:\d+ \(account key act_\w+\)$/);
    expect(lines[1]).toBe(`secret: ${secret}, shown once`);
  });

  it('saves --state on SIGTERM and passes fault options through', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sunco-cli-')), 's.json');
    const r = await runEmulator(['--key', 'a:b', '--state', file, '--latency', '5', '--seed', '7', '--fault-rate', '0', '--rate-limit', '1000'], async (emu) => {
      expect(emu.seed).toBe(7);
      await fetch(`${emu.url}/v2/apps`, {
        method: 'POST',
        headers: { authorization: basic({ keyId: 'a', secret: 'b' }), 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'from cli' }),
      });
      expect(emu.requestLog[0]?.latencyMs).toBe(5);
    });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('from cli');
  });

  it('with --fault-rate, the start line names the fault seed, drawn or given, so a run can be replayed', async () => {
    let seed = -1;
    const drawn = await runEmulator(['--key', 'a:b', '--fault-rate', '0.5'], async (emu) => {
      seed = emu.seed;
    });
    expect(drawn.stdout).toMatch(new RegExp(`^sunco emulator listening on http://127\\.0\\.0\\.1:\\d+ \\(account key a, fault seed ${seed}\\)\n$`));
    const given = await runEmulator(['--key', 'a:b', '--fault-rate', '0.5', '--seed', '42']);
    expect(given.stdout).toContain('(account key a, fault seed 42)');
  });

  it('--debug logs one stderr line per request, with no credentials', async () => {
    const r = await runEmulator(['--key', 'act_dbg:dbg-secret', '--debug'], async (emu) => {
      const auth = { authorization: basic({ keyId: 'act_dbg', secret: 'dbg-secret' }) };
      await fetch(`${emu.url}/v2/apps?page[size]=2`, { headers: auth });
      await fetch(`${emu.url}/v2/apps/${'0'.repeat(24)}`, { headers: auth });
      await fetch(`${emu.url}/v2/apps`, { headers: { authorization: basic({ keyId: 'act_dbg', secret: 'wrong-secret' }) } });
    });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^emulator: GET \/v2\/apps\?page\[size\]=2 → 200 \(account, \d+ ms\)$/);
    expect(lines[1]).toMatch(/^emulator: GET \/v2\/apps\/0{24} → 404 \(account, \d+ ms\)$/);
    expect(lines[2]).toMatch(/^emulator: GET \/v2\/apps → 401 \(\d+ ms\)$/);
    expect(r.stderr).not.toMatch(/secret|Basic /);
  });

  it('an unwritable --state path and a host that is not local are clear errors', async () => {
    const r = await runCli(['emulator', '--port', '0', '--key', 'a:b', '--state', join(tmpdir(), 'no-such-dir-sunco', 'deeper', 's.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--state .*s\.json: cannot write the state file/);
    const h = await runCli(['emulator', '--port', '0', '--key', 'a:b', '--host', '203.0.113.7']);
    expect(h.code).toBe(1);
    expect(h.stderr).toContain('cannot listen on 203.0.113.7:0: 203.0.113.7 is not an address of this machine');
    for (const e of [r.stderr, h.stderr]) expect(e).not.toMatch(/\n\s+at |Internal error/);
  });

  it('on every interface (--host 0.0.0.0) it prints a loopback URL that works', async () => {
    let url = '';
    const r = await runEmulator(['--key', 'a:b', '--host', '0.0.0.0'], async (emu) => {
      url = emu.url;
      expect((await fetch(`${emu.url}/v2/apps`, { headers: { authorization: basic({ keyId: 'a', secret: 'b' }) } })).status).toBe(200);
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.stdout).toBe(`sunco emulator listening on ${url} (account key a)\n`);
  });

  it('a port in use is a clear error', async () => {
    const busy = await startEmulator({ port: 0, key: 'a:b' });
    try {
      const port = new URL(busy.url).port;
      const r = await runCli(['emulator', '--port', port, '--key', 'a:b']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    } finally {
      await busy.close();
    }
  });

  it('refuses bad flags with clear messages', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', '70000'], /--port must be an integer from 0 to 65535/],
      [['--port', '-1'], /--port must be an integer from 0 to 65535/],
      [['--fault-rate', '1.5'], /--fault-rate must be a number from 0 to 1/],
      [['--latency', '-3'], /--latency must be a number of milliseconds/],
      [['--rate-limit', '0'], /--rate-limit must be an integer ≥ 1/],
      [['--key', 'nocolon'], /--key must be KEYID:SECRET/],
      // yargs hands over NaN for a word: the message says so instead of "(got NaN)".
      [['--port', 'abc'], /^Error: --port must be an integer from 0 to 65535 \(got something that is not a number\)\n$/],
      [['--latency', 'slow'], /^Error: --latency must be a number of milliseconds ≥ 0 \(got something that is not a number\)\n$/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['emulator', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
