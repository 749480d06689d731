import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEvents } from '../../src/emulator/command.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { basic } from './helpers.js';

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
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['emulator', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
