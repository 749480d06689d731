/** CLI tests for `sunco <noun> <verb>`: an emulator on 127.0.0.1:0 and runCli with its URL and account key. */
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../src/emulator/index.js';
import { type CliResult, type RunOptions, runCli } from '../../../helpers/cli.js';

export interface CliEnv {
  emu: RunningEmulator;
  appId: string;
  /** Runs sunco with the emulator's URL and account key in the environment (plus opts.env). */
  sunco(args: string[], opts?: RunOptions): Promise<CliResult>;
  /** sunco ... --app APP --json, parsed; fails the test on a non-zero exit. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, inspected by assertions
  json<T = any>(args: string[], opts?: RunOptions): Promise<T>;
  /** A direct API call with the account key (test setup), answering the parsed body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, inspected by assertions
  api<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

export function useCli(appName = 'CLI app'): CliEnv {
  const env = {} as CliEnv;
  beforeAll(async () => {
    env.emu = await startEmulator({ port: 0, key: 'act_cli:cli-secret' });
    env.sunco = (args, opts = {}) =>
      runCli(args, { ...opts, env: { SUNCO_API_URL: env.emu.url, SUNCO_KEY_ID: 'act_cli', SUNCO_KEY_SECRET: 'cli-secret', ...opts.env } });
    env.json = async (args, opts) => {
      const r = await env.sunco([...args, '--app', env.appId, '--json'], opts);
      if (r.code !== 0) throw new Error(`sunco ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    env.api = async (method, path, body) => {
      const res = await fetch(`${env.emu.url}${path}`, {
        method,
        headers: { authorization: `Basic ${Buffer.from('act_cli:cli-secret').toString('base64')}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    };
    env.appId = (await env.api('POST', '/v2/apps', { displayName: appName })).app.id;
  });
  afterAll(async () => {
    await env.emu.close();
  });
  return env;
}

export function errorOf(r: CliResult): string {
  return r.stderr.trim();
}
