import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import { apiError, fakeClient } from './helpers/fake-client.js';
import { plan, step } from './helpers/plans.js';

const lost = () => apiError(0, 'network_error', 'socket hang up (127.0.0.1)');

function keyCreate() {
  return step({
    id: 'k', address: 'app.support.key.ci', kind: 'app-key', method: 'POST', path: '/v2/apps/{{app.support}}/keys', body: { displayName: 'CI' },
    creates: [{ address: 'app.support.key.ci', idPath: 'key.id', secretPath: 'key.secret' }],
    adopt: { listPath: '/v2/apps/{{app.support}}/keys', itemsKey: 'keys', match: { displayName: 'CI' } },
  });
}

describe('lost create responses', () => {
  it('adopts the single matching object instead of posting again, and reports its secret as lost', async () => {
    const client = fakeClient((call) => {
      if (call.method === 'POST') throw lost();
      return { keys: [{ id: 'app_old', displayName: 'Other' }, { id: 'app_new', displayName: 'CI' }] };
    });
    const report = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client });
    expect(client.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v2/apps/a1/keys', 'GET /v2/apps/a1/keys']);
    expect(report.applied).toMatchObject([{ address: 'app.support.key.ci', adopted: true, ids: { 'app.support.key.ci': 'app_new' } }]);
    expect(report.lostSecrets).toHaveLength(1);
    expect(report.lostSecrets[0]).toMatchObject({ address: 'app.support.key.ci', id: 'app_new' });
    expect(report.lostSecrets[0]!.recovery).toMatch(/run sunco-apply with --secrets-out again: it recovers the secret/);
  });

  it('fails the step and reports the secret as possibly lost when the listing that would find it fails', async () => {
    const client = fakeClient((call) => {
      if (call.method === 'POST') throw lost();
      throw apiError(500, 'internal_error', 'Internal Server Error', 'GET', call.path);
    });
    const report = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client });
    expect(client.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v2/apps/a1/keys', 'GET /v2/apps/a1/keys']);
    expect(report.failed).toMatchObject([{ address: 'app.support.key.ci', status: 500, code: 'internal_error' }]);
    expect(report.lostSecrets).toMatchObject([{ address: 'app.support.key.ci', recovery: expect.stringMatching(/may have been committed.*run sunco-apply with --secrets-out again: it recovers the secret/) }]);
  });

  it('saves a secret the listed object still shows (webhooks), and matches nested $ref fields', async () => {
    const saved: Record<string, unknown>[] = [];
    const secrets = { save: async (e: Record<string, unknown>) => void saved.push(e) } as never;
    const client = fakeClient((call) => {
      if (call.method === 'POST') throw apiError(503, 'service_unavailable', 'Service Unavailable');
      return { webhooks: [{ id: 'wh1', target: 'https://x.example', secret: 'whsec' }] };
    });
    const s = step({
      id: 'w', address: 'app.support.integration.bot.webhook.main', kind: 'webhook', method: 'POST', path: '/v2/apps/a1/integrations/{{app.support.integration.bot}}/webhooks', body: {},
      creates: [{ address: 'app.support.integration.bot.webhook.main', idPath: 'webhook.id', secretPath: 'webhook.secret' }],
      adopt: { listPath: '/v2/apps/a1/integrations/{{app.support.integration.bot}}/webhooks', itemsKey: 'webhooks', match: { target: 'https://x.example' } },
    });
    const report = await executePlan({ plan: plan([s], { 'app.support.integration.bot': 'i1' }), client, secrets });
    expect(saved).toEqual([{ 'app.support.integration.bot.webhook.main': { id: 'wh1', secret: 'whsec' } }]);
    expect(report.lostSecrets).toEqual([]);
  });

  it('retries the POST (bounded) when nothing matches', async () => {
    let posts = 0;
    const client = fakeClient((call) => {
      if (call.method === 'POST') {
        posts++;
        if (posts < 2) throw lost();
        return { key: { id: 'app_k', secret: 'x' } };
      }
      return { keys: [] };
    });
    const secrets = { save: async () => undefined } as never;
    const report = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client, secrets });
    expect(client.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST']);
    expect(report.applied[0]!.ids).toEqual({ 'app.support.key.ci': 'app_k' });

    const always = fakeClient((call) => {
      if (call.method === 'POST') throw lost();
      return { keys: [] };
    });
    const failed = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client: always, maxCreateAttempts: 3 });
    expect(always.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST', 'GET', 'POST', 'GET']);
    expect(failed.failed).toMatchObject([{ code: 'network_error' }]);
  });

  it('fails rather than guesses when two objects match, and never adopts excluded or known ids', async () => {
    const two = fakeClient((call) => {
      if (call.method === 'POST') throw lost();
      return { keys: [{ id: 'app_1', displayName: 'CI' }, { id: 'app_2', displayName: 'CI' }] };
    });
    const r1 = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client: two });
    expect(two.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(r1.failed[0]!.message).toMatch(/2 live objects match .*app_1, app_2.*not guessing/);

    const excluded = keyCreate();
    excluded.adopt!.excludeIds = ['app_1'];
    const one = fakeClient((call) => {
      if (call.method === 'POST') throw lost();
      return { keys: [{ id: 'app_1', displayName: 'CI' }, { id: 'app_2', displayName: 'CI' }, { id: 'app_3', displayName: 'CI' }] };
    });
    // app_3 is already known (a live id of another address), app_1 is excluded: app_2 is the lost one.
    const r2 = await executePlan({ plan: plan([excluded], { 'app.support': 'a1', 'app.support.key.old': 'app_3' }), client: one });
    expect(r2.applied[0]!.ids).toEqual({ 'app.support.key.ci': 'app_2' });
  });

  it('does not look for a lost create after a 4xx: the API refused it', async () => {
    const client = fakeClient(() => {
      throw apiError(400, 'bad_request', 'displayName is required');
    });
    const report = await executePlan({ plan: plan([keyCreate()], { 'app.support': 'a1' }), client });
    expect(client.calls).toHaveLength(1);
    expect(report.failed).toMatchObject([{ status: 400, code: 'bad_request' }]);
  });
});
