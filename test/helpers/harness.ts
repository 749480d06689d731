/**
 * Integration harness: one emulator per test on 127.0.0.1:0 (optionally behind the lossy
 * proxy), temp dirs for configs and secrets, and the CLI run in-process against it.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import type { EmulatorOptions, RunningEmulator } from '../../src/emulator/index.js';
import { type CliResult, runCli } from './cli.js';
import { start } from './emulator.js';
import { type LossyProxy, startLossyProxy } from './lossy-proxy.js';

export interface Harness {
  emu: RunningEmulator;
  proxy: LossyProxy;
  dir: string;
  /** The account-scoped client, straight to the emulator. */
  api: ApiClient;
  env: NodeJS.ProcessEnv;
  /** Write a file into the temp dir; returns its path. */
  write(name: string, text: string): Promise<string>;
  cli(args: string[], extra?: { env?: NodeJS.ProcessEnv; stdinIsTTY?: boolean; stdoutIsTTY?: boolean; stdin?: string }): Promise<CliResult>;
  secrets(name?: string): Promise<Record<string, { id: string; secret: string }>>;
  close(): Promise<void>;
}

/** `emulator`: extra emulator options (rate limit, faults...); it always listens on 127.0.0.1:0. */
export async function harness(emulator: Omit<EmulatorOptions, 'port'> = {}): Promise<Harness> {
  const emu = await start(emulator);
  const proxy = await startLossyProxy(emu.url);
  const dir = await mkdtemp(join(tmpdir(), 'sunco-apply-it-'));
  const env = { SUNCO_API_URL: proxy.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
  return {
    emu,
    proxy,
    dir,
    env,
    api: createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey }),
    write: async (name, text) => {
      const file = join(dir, name);
      await writeFile(file, text);
      return file;
    },
    cli: (args, extra = {}) =>
      runCli(args, {
        cwd: dir,
        env: { ...env, ...extra.env },
        stdinIsTTY: extra.stdinIsTTY ?? false,
        stdoutIsTTY: extra.stdoutIsTTY ?? false,
        ...(extra.stdin !== undefined ? { stdin: extra.stdin } : {}),
      }),
    secrets: async (name = 'secrets.json') => JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, { id: string; secret: string }>,
    close: async () => {
      await proxy.close();
      await emu.close();
    },
  };
}

/** Method and path of every request the emulator handled, from the index `from` on. */
export function requests(emu: RunningEmulator, from = 0): string[] {
  return emu.requestLog.slice(from).map((r) => `${r.method} ${r.path}`);
}

export function writes(emu: RunningEmulator, from = 0): string[] {
  return requests(emu, from).filter((r) => !r.startsWith('GET '));
}
