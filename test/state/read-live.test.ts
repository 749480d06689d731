import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createClient } from '../../src/api/client.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { makePlan } from '../../src/cli/make-plan.js';
import { readLiveState } from '../../src/state/read.js';
import { designConfig } from '../plan/design-config.js';
import { loaded } from '../plan/fixtures.js';
import { designLiveState, TOKEN_REF } from './live-fixture.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const calls = (e: RunningEmulator) => e.requestLog.map((r) => `${r.method} ${r.path}`);

async function start() {
  emu = await startEmulator({ port: 0, initialState: designLiveState() });
  return { emu, client: createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey }) };
}

describe('reading live state', () => {
  it('matches an exactly-configured account: zero changes, only list calls, other apps untouched', async () => {
    const { emu, client } = await start();
    const { plan } = await makePlan({ loaded: loaded(designConfig(), [TOKEN_REF]), client, keyId: emu.accountKey.keyId });
    // The one app key sunco does not declare is the only thing worth mentioning.
    expect(plan.changes).toEqual([
      { address: 'app.support.key[app_000000000000000000000002]', kind: 'app-key', action: 'unmanaged', fields: [], reason: 'not in the configuration: "someone else"', liveId: 'app_000000000000000000000002' },
    ]);
    expect(plan.steps).toEqual([]);
    expect(calls(emu).sort()).toEqual([
      'GET /v2/apps',
      'GET /v2/apps/a00000000000000000000001/integrations',
      'GET /v2/apps/a00000000000000000000001/integrations/i00000000000000000000003/keys',
      'GET /v2/apps/a00000000000000000000001/integrations/i00000000000000000000003/webhooks',
      'GET /v2/apps/a00000000000000000000001/keys',
      'GET /v2/apps/a00000000000000000000001/switchboards',
      'GET /v2/apps/a00000000000000000000001/switchboards/b00000000000000000000001/switchboardIntegrations',
      'GET /v2/apps/a00000000000000000000002/integrations',
      'GET /v2/apps/a00000000000000000000002/keys',
      'GET /v2/apps/a00000000000000000000002/switchboards',
    ]);
    expect(plan.requests).toBe(10);
    expect(emu.requestLog.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
  });

  it('sees a changed write-only value through its fingerprint', async () => {
    const { emu, client } = await start();
    const cfg = designConfig();
    (cfg.apps.support!.integrations!.sms as Record<string, unknown>).authToken = 'tok-2';
    const { plan } = await makePlan({ loaded: loaded(cfg, [TOKEN_REF]), client, keyId: emu.accountKey.keyId });
    expect(plan.changes.find((c) => c.address === 'app.support.integration.sms')).toMatchObject({ action: 'replace', reason: 'authToken forces replacement' });
  });

  it('with an app-scoped key and a pinned app: GET /v2/apps/{id}, no apps list, no app keys', async () => {
    const { emu } = await start();
    const appKey = { keyId: 'app_000000000000000000000001', secret: 'app-secret-1' };
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: appKey });
    const cfg = designConfig();
    const support = cfg.apps.support!;
    delete support.keys;
    const l = loaded({ apps: { support: { ...support, id: 'a00000000000000000000001' } } }, [TOKEN_REF]);
    const { plan } = await makePlan({ loaded: l, client, keyId: appKey.keyId });
    expect(plan.changes).toEqual([]);
    expect(calls(emu)).toContain('GET /v2/apps/a00000000000000000000001');
    expect(calls(emu)).not.toContain('GET /v2/apps');
    expect(calls(emu).some((c) => c.endsWith('/keys') && !c.includes('/integrations/'))).toBe(false);
    expect(emu.requestLog.every((r) => r.scope === 'app')).toBe(true);
  });

  it('refuses what app-scoped credentials cannot do before any request, naming each entry', async () => {
    const { emu } = await start();
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: { keyId: 'app_000000000000000000000001', secret: 'app-secret-1' } });
    const l = loaded({ apps: {
      support: { displayName: 'Acme Support', keys: { ci: { displayName: 'CI' } } },
      gone: { id: 'a00000000000000000000009', displayName: 'Old', absent: true },
    } });
    const err = (await readLiveState({ loaded: l, client, keyId: 'app_000000000000000000000001' }).then(
      () => new Error('expected an error'),
      (e: unknown) => e,
    )) as UserError;
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe('The credentials cannot serve 3 declarations (no request was made):');
    expect(err.details).toEqual([
      '  - sunco.yaml:3:3: app.support: app-scoped credentials cannot find, create or rename an app by name; pin it with `id`',
      '  - app.support.key.ci: app keys can only be managed with account credentials (act_ or svc_ key)',
      '  - app.gone: deleting an app (absent: true) needs account credentials (act_ or svc_ key)',
    ]);
    expect(emu.requestLog).toEqual([]);
  });

  it('refuses integration-scoped credentials before any request: they cannot even list integrations', async () => {
    const { emu } = await start();
    const intKey = { keyId: 'int_000000000000000000000001', secret: 'int-secret' };
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: intKey });
    const l = loaded({ apps: { support: { id: 'a00000000000000000000001', displayName: 'Acme Support' } } });
    await expect(readLiveState({ loaded: l, client, keyId: intKey.keyId })).rejects.toMatchObject({
      message: 'The credentials cannot serve this declaration (no request was made):',
      details: ['  - sunco.yaml:3:3: app.support: integration-scoped credentials (int_ key) cannot read apps, integrations, keys or switchboards; use an app (app_) or account (act_, svc_) key'],
    });
    expect(emu.requestLog).toEqual([]);
  });

  it('uses per-app credentials for that app’s calls', async () => {
    const { emu, client } = await start();
    const cfg = designConfig();
    const support = cfg.apps.support!;
    delete support.keys;
    const l = loaded({ apps: {
      support: { ...support, id: 'a00000000000000000000001', credentials: { keyId: 'app_000000000000000000000001', secret: 'app-secret-1' } },
      marketing: cfg.apps.marketing!,
    } }, [TOKEN_REF]);
    const { plan } = await makePlan({ loaded: l, client, keyId: emu.accountKey.keyId });
    expect(plan.changes).toEqual([]);
    const support1 = emu.requestLog.filter((r) => r.path.startsWith('/v2/apps/a00000000000000000000001'));
    expect(support1.length).toBe(6);
    expect(support1.every((r) => r.scope === 'app')).toBe(true);
    expect(emu.requestLog.filter((r) => r.path === '/v2/apps').map((r) => r.scope)).toEqual(['account']);
  });

  it('reports a pinned app that does not exist', async () => {
    const { emu, client } = await start();
    await expect(makePlan({ loaded: loaded({ apps: { x: { id: 'a0000000000000000000dead', displayName: 'X' } } }), client, keyId: emu.accountKey.keyId }))
      .rejects.toMatchObject({ details: ['  - app.x: the pinned id a0000000000000000000dead does not exist live (no app has that id)'] });
  });
});
