/**
 * The executor against a real emulator (127.0.0.1, port 0), with hand-written plans: lost
 * create responses and the secrets file's credentials.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Step } from '../../src/plan/types.js';
import { type LossyProxy, startLossyProxy } from '../helpers/lossy-proxy.js';
import { plan } from './helpers/plans.js';

let emu: RunningEmulator;
let proxy: LossyProxy;
let client: ApiClient;
const noSleep = async () => undefined;

beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  proxy = await startLossyProxy(emu.url);
  client = createClient({ baseUrl: proxy.url, auth: 'basic', credentials: emu.accountKey, sleep: noSleep });
});
afterEach(async () => {
  await proxy.close();
  await emu.close();
});

const appStep: Step = {
  id: 'app.support:create', address: 'app.support', kind: 'app', operation: 'create', method: 'POST', path: '/v2/apps',
  body: { displayName: 'Support' }, dependsOn: [], app: 'support',
  creates: [{ address: 'app.support', idPath: 'app.id' }],
  adopt: { listPath: '/v2/apps', itemsKey: 'apps', match: { displayName: 'Support' } },
};
const keyStep: Step = {
  id: 'app.support.key.ci:create', address: 'app.support.key.ci', kind: 'app-key', operation: 'create', method: 'POST',
  path: '/v2/apps/{{app.support}}/keys', body: { displayName: 'CI' }, dependsOn: ['app.support:create'], app: 'support',
  creates: [{ address: 'app.support.key.ci', idPath: 'key.id', secretPath: 'key.secret' }],
  adopt: { listPath: '/v2/apps/{{app.support}}/keys', itemsKey: 'keys', match: { displayName: 'CI' } },
};

async function secretsPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'sunco-apply-emu-')), 'secrets.json');
}

describe('executor against the emulator', () => {
  it('adopts committed-then-lost creates instead of duplicating them', async () => {
    proxy.loseNext((m) => m === 'POST', 2);
    const file = await secretsPath();
    const secrets = new SecretsFile(file);
    const report = await executePlan({ plan: plan([appStep, keyStep]), client, secrets });
    await secrets.close();
    expect(proxy.lost).toEqual(['POST /v2/apps 201', expect.stringMatching(/^POST \/v2\/apps\/\w+\/keys 201$/)]);
    expect(report.failed).toEqual([]);
    expect(report.applied.map((a) => a.adopted)).toEqual([true, true]);
    const direct = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
    const apps = await direct.listAll<{ id: string; displayName: string }>('/v2/apps', 'apps');
    expect(apps.map((a) => a.displayName)).toEqual(['Support']);
    const keys = await direct.listAll<{ displayName: string }>(`/v2/apps/${apps[0]!.id}/keys`, 'keys');
    expect(keys.map((k) => k.displayName)).toEqual(['CI']);
    // The spec's appKey schema (also used by appKeyListResponse) holds the secret, so the
    // adopted key's secret is recovered from the list and saved, not reported lost.
    expect(report.lostSecrets).toEqual([]);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, { id: string }>;
    expect(saved['app.support.key.ci']!.id).toBe(report.applied[1]!.ids!['app.support.key.ci']);
    // No POST was sent twice.
    expect(emu.requestLog.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('saves app key credentials that work for their own app only', async () => {
    const file = await secretsPath();
    const other = await client.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Other team' });
    const secrets = new SecretsFile(file);
    const report = await executePlan({ plan: plan([appStep, keyStep]), client, secrets });
    await secrets.close();
    expect(report.failed).toEqual([]);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, { id: string; secret: string }>;
    const cred = saved['app.support.key.ci']!;
    expect(cred.id).toMatch(/^app_/);
    const appId = report.applied[0]!.ids!['app.support']!;
    const scoped = createClient({ baseUrl: emu.url, auth: 'basic', credentials: { keyId: cred.id, secret: cred.secret } });
    expect((await scoped.request('GET', `/v2/apps/${appId}`)).status).toBe(200);
    await expect(scoped.get(`/v2/apps/${other.app.id}`)).rejects.toMatchObject({ status: 403 });
    await expect(scoped.get('/v2/apps')).rejects.toMatchObject({ status: 403 });
  });
});
