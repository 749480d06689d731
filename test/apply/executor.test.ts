import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { readJournal } from '../../src/apply/secrets-journal.js';
import { countApplied } from '../../src/apply/summary.js';
import type { SuncoConfig } from '../../src/config/types.js';
import { UserError } from '../../src/errors.js';
import { apiError, fakeClient, type FakeCall } from './helpers/fake-client.js';
import { plan, step } from './helpers/plans.js';

const config: SuncoConfig = {
  version: 1,
  apps: {
    support: {
      displayName: 'Support',
      integrations: { sms: { type: 'twilio', accountSid: 'AC1', authToken: 'tok-from-env' } },
    },
    other: { displayName: 'Other', credentials: { keyId: 'app_other', secret: 's3cr3t' } },
  },
};

describe('executePlan', () => {
  it('resolves {{address}}, $ref and $secret placeholders in dependency order', async () => {
    const client = fakeClient((call) => {
      if (call.method === 'POST' && call.path === '/v2/apps') return { app: { id: 'app1' } };
      if (call.method === 'POST') return { integration: { id: 'int1' } };
      return {};
    });
    const p = plan([
      step({ id: 'a', address: 'app.support', kind: 'app', method: 'POST', path: '/v2/apps', body: { displayName: 'Support' }, creates: [{ address: 'app.support', idPath: 'app.id' }] }),
      step({
        id: 'b', address: 'app.support.integration.sms', method: 'POST', path: '/v2/apps/{{app.support}}/integrations', dependsOn: ['a'],
        body: { type: 'twilio', authToken: { $secret: 'app.support.integration.sms#authToken' } },
        creates: [{ address: 'app.support.integration.sms', idPath: 'integration.id' }],
      }),
      step({ id: 'c', address: 'app.support.switchboard.integration.bot', method: 'PATCH', path: '/v2/apps/{{app.support}}/switchboards/{{app.support.switchboard}}/switchboardIntegrations/x', dependsOn: ['b'], body: { integrationId: { $ref: 'app.support.integration.sms' } } }),
    ], { 'app.support.switchboard': 'sb9' });
    const report = await executePlan({ plan: p, client, config });
    expect(report.failed).toEqual([]);
    expect(client.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /v2/apps',
      'POST /v2/apps/app1/integrations',
      'PATCH /v2/apps/app1/switchboards/sb9/switchboardIntegrations/x',
    ]);
    expect(client.calls[1]!.body).toEqual({ type: 'twilio', authToken: 'tok-from-env' });
    expect(client.calls[2]!.body).toEqual({ integrationId: 'int1' });
    expect(report.applied[1]!.ids).toEqual({ 'app.support.integration.sms': 'int1' });
  });

  it('runs independent steps concurrently, never more than --parallelism at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const client = fakeClient(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return {};
    });
    const steps = Array.from({ length: 6 }, (_, i) => step({ id: `s${i}`, address: `app.support.integration.i${i}`, method: 'PATCH', path: `/p/${i}`, body: {} }));
    await executePlan({ plan: plan(steps), client, parallelism: 2 });
    expect(peak).toBe(2);
    expect(client.calls).toHaveLength(6);
  });

  it('on failure skips dependents (transitively), lets independent steps finish, and reports the API error', async () => {
    const client = fakeClient((call) => {
      if (call.path === '/bad') throw apiError(400, 'bad_request', 'brandColor must be hex', 'PATCH', '/bad');
      return {};
    });
    const p = plan([
      step({ id: 'bad', address: 'app.support.integration.web', method: 'PATCH', path: '/bad', body: {} }),
      step({ id: 'child', address: 'app.support.switchboard.integration.a', method: 'PATCH', path: '/child', dependsOn: ['bad'], body: {} }),
      step({ id: 'grandchild', address: 'app.support.switchboard', method: 'PATCH', path: '/gc', dependsOn: ['child'], body: {} }),
      step({ id: 'free', address: 'app.support.integration.sms', method: 'PATCH', path: '/free', body: {} }),
    ]);
    const report = await executePlan({ plan: p, client });
    expect(client.calls.map((c) => c.path).sort()).toEqual(['/bad', '/free']);
    expect(report.applied.map((a) => a.stepId)).toEqual(['free']);
    expect(report.failed).toMatchObject([{ stepId: 'bad', address: 'app.support.integration.web', status: 400, code: 'bad_request', title: 'brandColor must be hex' }]);
    expect(report.skipped).toEqual([
      { stepId: 'child', address: 'app.support.switchboard.integration.a', operation: 'update', because: { stepId: 'bad', address: 'app.support.integration.web' } },
      { stepId: 'grandchild', address: 'app.support.switchboard', operation: 'update', because: { stepId: 'bad', address: 'app.support.integration.web' } },
    ]);
  });

  it('fails a step whose placeholder cannot be resolved, without calling the API', async () => {
    const client = fakeClient(() => ({}));
    const p = plan([
      step({ id: 'x', address: 'app.support.integration.sms', method: 'PATCH', path: '/v2/apps/{{app.nowhere}}/integrations', body: {} }),
      step({ id: 'y', address: 'app.support.integration.sms', method: 'PATCH', path: '/y', body: { token: { $secret: 'app.support.integration.sms#missing' } } }),
    ]);
    const report = await executePlan({ plan: p, client, config });
    expect(client.calls).toEqual([]);
    expect(report.failed.map((f) => f.message)).toEqual([
      'no id is known for app.nowhere (it does not exist live and was not created in this run)',
      'the configuration has no value for app.support.integration.sms#missing',
    ]);
  });

  it('counts a DELETE answered 404 as done, and deletes the live object of a create-before-delete replace', async () => {
    const calls: FakeCall[] = [];
    const client = fakeClient((call) => {
      if (call.method === 'POST') return { integration: { id: 'new1' } };
      if (call.path.endsWith('/gone')) throw apiError(404, 'integration_not_found', 'Integration not found', 'DELETE', call.path);
      return {};
    }, calls);
    const p = plan([
      step({ id: 'create', address: 'app.support.integration.sms', method: 'POST', path: '/v2/apps/{{app.support}}/integrations', body: {}, creates: [{ address: 'app.support.integration.sms', idPath: 'integration.id' }] }),
      step({ id: 'del', address: 'app.support.integration.sms', operation: 'delete', method: 'DELETE', path: '/v2/apps/{{app.support}}/integrations/{{app.support.integration.sms}}', dependsOn: ['create'] }),
      step({ id: 'gone', address: 'app.support.integration.web', method: 'DELETE', path: '/v2/apps/a1/integrations/gone' }),
    ], { 'app.support': 'a1', 'app.support.integration.sms': 'old1' });
    const report = await executePlan({ plan: p, client });
    expect(report.failed).toEqual([]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('DELETE /v2/apps/a1/integrations/old1');
    expect(report.applied.find((a) => a.stepId === 'gone')).toMatchObject({ alreadyGone: true });
  });

  it('uses per-app credentials from the config for that app only', async () => {
    const client = fakeClient(() => ({}));
    await executePlan({
      plan: plan([
        step({ id: 'o', address: 'app.other', kind: 'app', app: 'other', method: 'PATCH', path: '/v2/apps/o', body: {} }),
        step({ id: 's', address: 'app.support', kind: 'app', app: 'support', method: 'PATCH', path: '/v2/apps/s', body: {} }),
      ]),
      client,
      config,
    });
    expect(client.calls.map((c) => [c.path, c.keyId])).toEqual([['/v2/apps/o', 'app_other'], ['/v2/apps/s', undefined]]);
  });

  it('refuses a plan whose steps name unknown dependencies before any call', async () => {
    const client = fakeClient(() => ({}));
    const p = plan([step({ id: 'a', address: 'app.support', method: 'PATCH', path: '/a', dependsOn: ['ghost'] })]);
    await expect(executePlan({ plan: p, client })).rejects.toThrow(UserError);
    await expect(executePlan({ plan: p, client })).rejects.toThrow('depends on unknown step ghost');
    expect(client.calls).toEqual([]);
  });

  it('writes a returned secret to the secrets file before any dependent step starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sunco-apply-'));
    const file = join(dir, 'secrets.json');
    let seenByDependent: unknown;
    const client = fakeClient(async (call) => {
      if (call.method === 'POST') return { key: { id: 'app_k1', displayName: 'CI', secret: 'very-secret' } };
      // Durable means in the journal (fsynced); the JSON file itself is written by close().
      seenByDependent = await readJournal(file);
      return {};
    });
    const p = plan([
      step({ id: 'k', address: 'app.support.key.ci', kind: 'app-key', method: 'POST', path: '/v2/apps/a1/keys', body: { displayName: 'CI' }, creates: [{ address: 'app.support.key.ci', idPath: 'key.id', secretPath: 'key.secret' }] }),
      step({ id: 'after', address: 'app.support', method: 'PATCH', path: '/v2/apps/a1', dependsOn: ['k'], body: {} }),
    ]);
    const secrets = new SecretsFile(file);
    const report = await executePlan({ plan: p, client, secrets });
    await secrets.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ 'app.support.key.ci': { id: 'app_k1', secret: 'very-secret' } });
    expect(seenByDependent).toEqual({ 'app.support.key.ci': { id: 'app_k1', secret: 'very-secret' } });
    expect(report.secretsSaved).toEqual(['app.support.key.ci']);
    expect(JSON.stringify(report)).not.toContain('very-secret');
  });

  it('fails the step and reports the secret as lost when the secrets file cannot be written', async () => {
    const client = fakeClient(() => ({ key: { id: 'app_k1', secret: 'very-secret' } }));
    const secrets = { path: '/ro/secrets.json', save: async () => Promise.reject(new Error('EROFS: read-only file system')) } as unknown as SecretsFile;
    const p = plan([
      step({ id: 'k', address: 'app.support.key.ci', kind: 'app-key', method: 'POST', path: '/k', body: {}, creates: [{ address: 'app.support.key.ci', idPath: 'key.id', secretPath: 'key.secret' }] }),
      step({ id: 'after', address: 'app.support', method: 'PATCH', path: '/a', dependsOn: ['k'], body: {} }),
    ]);
    const report = await executePlan({ plan: p, client, secrets });
    expect(report.failed.map((f) => f.message)).toEqual(['created, but its secret could not be saved to /ro/secrets.json: EROFS: read-only file system']);
    expect(report.skipped.map((s) => s.stepId)).toEqual(['after']);
    expect(report.lostSecrets).toMatchObject([{ address: 'app.support.key.ci', id: 'app_k1' }]);
    expect(report.lostSecrets[0]!.recovery).toMatch(/^it could not be written to \/ro\/secrets.json; run sunco-apply with --secrets-out again/);
    expect(JSON.stringify(report)).not.toContain('very-secret');
  });

  it('counts applied changes per resource, not per step', async () => {
    const client = fakeClient((call) => {
      if (call.path === '/fail') throw apiError(400, 'bad_request', 'no');
      return call.method === 'POST' ? { integration: { id: 'n' } } : {};
    });
    const p = plan(
      [
        step({ id: 'c', address: 'app.support.integration.a', method: 'POST', path: '/c', body: {}, creates: [{ address: 'app.support.integration.a', idPath: 'integration.id' }] }),
        step({ id: 'l', address: 'app.support.integration.a', operation: 'link', method: 'PATCH', path: '/l', dependsOn: ['c'], body: {} }),
        step({ id: 'u', address: 'app.support.integration.b', method: 'PATCH', path: '/fail', body: {} }),
      ],
      {},
      [
        { address: 'app.support.integration.a', kind: 'integration', action: 'create', fields: [] },
        { address: 'app.support.integration.b', kind: 'integration', action: 'update', fields: [] },
      ],
    );
    const report = await executePlan({ plan: p, client });
    expect(countApplied(p, report)).toEqual({ created: 1, updated: 0, replaced: 0, deleted: 0 });
  });
});
