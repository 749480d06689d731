/**
 * Random faults (emulator faultRate with a fixed seed: 5xx, resets, 429 and
 * committed-then-lost writes) across whole applies: re-running converges, and nothing is
 * created twice.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { loadConfig } from '../../src/config/index.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { makePlan } from '../../src/cli/make-plan.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
});

interface Item { id: string; [k: string]: unknown }

/** The checks read through the same faulty emulator: retry them (500s are not retried by the client). */
async function retrying<T>(read: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await read();
    } catch (err) {
      if (i >= 20) throw err;
    }
  }
}

describe('apply under random faults', () => {
  it.each([11, 12345, 777])('converges without duplicates (seed %i)', async (seed) => {
    emu = await startEmulator({ port: 0, faultRate: 0.3, seed });
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey, sleep: async () => undefined });
    const loaded = await loadConfig({ path: resolve(import.meta.dirname, 'fixtures/every-kind.yaml'), cwd: process.cwd(), env: {} });
    const secrets = new SecretsFile(join(await mkdtemp(join(tmpdir(), 'sunco-faults-')), 'secrets.json'));
    let runs = 0;
    for (; runs < 10; runs++) {
      let plan;
      try {
        ({ plan } = await makePlan({ loaded, client, keyId: emu.accountKey.keyId }));
      } catch {
        continue; // reading live state gave up after its retries: try again, as a user would
      }
      if (plan.steps.length === 0) break;
      await executePlan({ plan, client, config: loaded.config, secrets });
    }
    expect(runs).toBeLessThan(10);
    expect(emu.requestLog.some((r) => r.faulted !== undefined)).toBe(true);

    const list = (path: string, key: string) => retrying(() => client.listAll<Item>(path, key));
    const apps = await list('/v2/apps', 'apps');
    expect(apps.map((a) => a.displayName)).toEqual(['Everything app']);
    const appId = apps[0]!.id;
    const integrations = await list(`/v2/apps/${appId}/integrations`, 'integrations');
    const keys = integrations.map((i) => `${String(i.type)}/${String(i.displayName)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(16);
    expect((await list(`/v2/apps/${appId}/keys`, 'keys')).map((k) => k.displayName)).toEqual(['CI deployer']);
    const sbs = await list(`/v2/apps/${appId}/switchboards`, 'switchboards');
    expect(sbs).toHaveLength(1);
    const bot = integrations.find((i) => i.type === 'custom')!;
    const hooks = await list(`/v2/apps/${appId}/integrations/${bot.id}/webhooks`, 'webhooks');
    expect(hooks.map((w) => w.target).sort()).toEqual(['https://audit.example.com/hook', 'https://bot.example.com/sunco']);
  });
});
