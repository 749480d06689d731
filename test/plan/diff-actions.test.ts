import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { diff } from '../../src/plan/diff.js';
import type { Plan } from '../../src/plan/types.js';
import { APP_BINDING_KEY, SENSITIVE_KEYS_KEY } from '../../src/resources/reserved-keys.js';
import { app, custom, integration, loaded, node, SALT, state, switchboard } from './fixtures.js';

const plan = (...args: Parameters<typeof diff>): Plan => diff(args[0], args[1], { salt: SALT, ...args[2] });
const change = (p: Plan, address: string) => p.changes.find((c) => c.address === address);
const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id);

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected an error');
}

describe('diff: create', () => {
  it('creates an undeclared-live app with its children, parents first', () => {
    const p = plan(loaded({ apps: { support: { displayName: 'Support', keys: { ci: { displayName: 'CI' } } } } }), state());
    expect(p.changes.map((c) => [c.address, c.action])).toEqual([['app.support', 'create'], ['app.support.key.ci', 'create']]);
    expect(step(p, 'app.support:create')).toMatchObject({ method: 'POST', path: '/v2/apps', body: { displayName: 'Support' }, creates: [{ address: 'app.support', idPath: 'app.id' }] });
    expect(step(p, 'app.support.key.ci:create')).toMatchObject({
      path: '/v2/apps/{{app.support}}/keys',
      dependsOn: ['app.support:create'],
      creates: [{ address: 'app.support.key.ci', idPath: 'key.id', secretPath: 'key.secret' }],
      adopt: { listPath: '/v2/apps/{{app.support}}/keys', itemsKey: 'keys', match: { displayName: 'CI' } },
    });
    expect(p.summary).toEqual({ create: 2, update: 0, replace: 0, delete: 0, unmanaged: 0 });
  });

  it('creates a child in an existing app against the live id', () => {
    const live = state(app({ id: 'a1', displayName: 'Support' }));
    const p = plan(loaded({ apps: { support: { displayName: 'Support', integrations: { web: { type: 'web', displayName: 'Web' } } } } }), live);
    expect(p.changes.map((c) => c.action)).toEqual(['create']);
    expect(p.liveIds['app.support']).toBe('a1');
    expect(step(p, 'app.support.integration.web:create')).toMatchObject({ path: '/v2/apps/{{app.support}}/integrations', dependsOn: [], body: { type: 'web', displayName: 'Web' } });
  });

  it('inlines the first webhook of a custom integration and creates the others through the webhooks endpoint', () => {
    const cfg = loaded({
      apps: {
        s: {
          displayName: 'S',
          integrations: {
            bot: { type: 'custom', displayName: 'Bot', webhooks: { a: { target: 'https://a.example', triggers: ['conversation:message'] }, b: { target: 'https://b.example', triggers: ['conversation:create'] } } },
          },
        },
      },
    });
    const p = plan(cfg, state(app({ id: 'a1', displayName: 'S' })));
    expect(step(p, 'app.s.integration.bot:create')).toMatchObject({
      body: { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://a.example', triggers: ['conversation:message'] }] },
      creates: [
        { address: 'app.s.integration.bot', idPath: 'integration.id' },
        { address: 'app.s.integration.bot.webhook.a', idPath: 'integration.webhooks.0.id', secretPath: 'integration.webhooks.0.secret' },
      ],
    });
    expect(step(p, 'app.s.integration.bot.webhook.a:create')).toBeUndefined();
    expect(step(p, 'app.s.integration.bot.webhook.b:create')).toMatchObject({
      path: '/v2/apps/{{app.s}}/integrations/{{app.s.integration.bot}}/webhooks',
      dependsOn: ['app.s.integration.bot:create'],
      creates: [{ address: 'app.s.integration.bot.webhook.b', idPath: 'webhook.id', secretPath: 'webhook.secret' }],
    });
    expect(p.summary.create).toBe(3);
  });

  it('asks for the generated messagebird webhookSecret', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { mb: { type: 'messagebird', accessKey: 'k', signingKey: 's', originator: 'o' } } } } });
    const p = plan(cfg, state(app({ id: 'a1', displayName: 'S' })));
    expect(step(p, 'app.s.integration.mb:create')!.creates).toEqual([{ address: 'app.s.integration.mb', idPath: 'integration.id', secretPath: 'integration.webhookSecret' }]);
  });
});

describe('diff: update', () => {
  it('updates field by field; settings merge per key, metadata is owned whole', () => {
    const live = state(app({ id: 'a1', displayName: 'Support', settings: { multiConvoEnabled: false, echoPostback: true }, metadata: { team: 'old', extra: 'x' } }));
    const cfg = loaded({ apps: { support: { displayName: 'Support', settings: { multiConvoEnabled: true }, metadata: { team: 'support' } } } });
    const p = plan(cfg, live);
    expect(change(p, 'app.support')).toEqual({
      address: 'app.support', kind: 'app', action: 'update', liveId: 'a1',
      fields: [
        { field: 'settings.multiConvoEnabled', before: false, after: true },
        { field: 'metadata.extra', before: 'x' },
        { field: 'metadata.team', before: 'old', after: 'support' },
      ],
    });
    expect(p.steps).toEqual([
      { id: 'app.support:update', address: 'app.support', kind: 'app', operation: 'update', method: 'PATCH', path: '/v2/apps/{{app.support}}', body: { settings: { multiConvoEnabled: true }, metadata: { team: 'support', [APP_BINDING_KEY]: 'support' } }, dependsOn: [], app: 'support' },
    ]);
  });

  it('manages only declared fields, fills API defaults, honours ignoreChanges and compares sets as sets', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, {
      integration: [integration({ id: 'i1', type: 'web', displayName: 'Web', originWhitelist: ['https://b', 'https://a'], businessName: 'Someone else' })],
    }));
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { web: { type: 'web', displayName: 'Web', brandColor: '65758e', originWhitelist: ['https://a', 'https://b'], businessName: 'Mine', ignoreChanges: ['businessName'] } } } } });
    expect(plan(cfg, live).changes).toEqual([]);
  });

  it('updates a webhook (triggers as a set, includeFullUser default false)', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { integration: [custom({ id: 'i1', displayName: 'Bot' }, [{ id: 'w1', target: 'https://a', triggers: ['b', 'a'] }])] }));
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { bot: { type: 'custom', displayName: 'Bot', webhooks: { main: { target: 'https://a', triggers: ['a', 'b'], includeFullUser: true } } } } } } });
    const p = plan(cfg, live);
    expect(change(p, 'app.s.integration.bot.webhook.main')!.fields).toEqual([{ field: 'includeFullUser', before: false, after: true }]);
    expect(step(p, 'app.s.integration.bot.webhook.main:update')).toMatchObject({ path: '/v2/apps/{{app.s}}/integrations/{{app.s.integration.bot}}/webhooks/{{app.s.integration.bot.webhook.main}}', body: { includeFullUser: true } });
  });

  it('hides values that came from variables, in the change and the step body', () => {
    const live = state(app({ id: 'a1', displayName: 'S', metadata: { owner: 'old' } }));
    const cfg = loaded({ apps: { s: { displayName: 'S', metadata: { owner: 'new-secret-owner' } } } }, ['app.s#metadata.owner']);
    const p = plan(cfg, live);
    expect(change(p, 'app.s')!.fields).toEqual([{ field: 'metadata.owner', sensitive: true }]);
    // The names of the sensitive metadata keys (never values) are recorded, for export.
    expect(step(p, 'app.s:update')!.body).toEqual({ metadata: { [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: '{"":["metadata.owner"]}', owner: { $secret: 'app.s#metadata.owner' } } });
    expect(JSON.stringify(p)).not.toContain('new-secret-owner');
  });

  it('records the sensitive fields by themselves (a flag turned on is one bookkeeping write), then plans nothing; the first format still reads', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', metadata: { owner: 'same', 'a.b': 'x' } } } }, ['app.s#metadata.owner', 'app.s#metadata.a.b']);
    const toggled = plan(cfg, state(app({ id: 'a1', displayName: 'S', metadata: { owner: 'same', 'a.b': 'x', [APP_BINDING_KEY]: 's' } })));
    expect(toggled.changes).toEqual([]);
    expect(toggled.steps.map((s) => [s.id, s.operation])).toEqual([['app.s:bookkeeping', 'bookkeeping']]);
    expect(step(toggled, 'app.s:bookkeeping')!.body).toMatchObject({ metadata: { [SENSITIVE_KEYS_KEY]: '{"":["metadata.a.b","metadata.owner"]}' } });
    // Once recorded, nothing is written for it, in this format or the first one (key names only).
    const recorded = '{"":["metadata.a.b","metadata.owner"]}';
    expect(plan(cfg, state(app({ id: 'a1', displayName: 'S', metadata: { owner: 'same', 'a.b': 'x', [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: recorded } }))).steps).toEqual([]);
    expect(plan(cfg, state(app({ id: 'a1', displayName: 'S', metadata: { owner: 'same', 'a.b': 'x', [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: '["owner","a.b"]' } }))).steps).toEqual([]);
    const kept = plan(cfg, state(app({ id: 'a1', displayName: 'T', metadata: { owner: 'same', 'a.b': 'x', [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: recorded } })));
    expect(step(kept, 'app.s:update')!.body).toEqual({ displayName: 'S' });
    // A declared key no longer sensitive drops it, by a write of its own.
    const plain = loaded({ apps: { s: { displayName: 'S', metadata: { owner: 'same' } } } });
    const dropped = plan(plain, state(app({ id: 'a1', displayName: 'S', metadata: { owner: 'same', [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: '["owner"]' } })));
    expect(dropped.steps.map((s) => [s.id, s.body])).toEqual([['app.s:bookkeeping', { metadata: { owner: 'same', [APP_BINDING_KEY]: 's' } }]]);
  });
});

describe('diff: replace', () => {
  it('replaces when a field that cannot change in place differs, naming it', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { integration: [integration({ id: 'i1', type: 'twilio', displayName: 'SMS', accountSid: 'AC1' })] }));
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC2' } } } } });
    const p = plan(cfg, live);
    expect(change(p, 'app.s.integration.sms')).toMatchObject({
      action: 'replace', reason: 'accountSid forces replacement', liveId: 'i1',
      fields: [{ field: 'accountSid', before: 'AC1', after: 'AC2', forcesReplacement: true }],
    });
    // Nothing points at it: delete first, then create (and the create waits for the delete).
    // Then the app's bookkeeping binds the address to the new object.
    expect(p.steps.map((s) => s.id)).toEqual(['app.s.integration.sms:delete', 'app.s.integration.sms:create', 'app.s:bookkeeping']);
    expect(step(p, 'app.s.integration.sms:create')!.dependsOn).toEqual(['app.s.integration.sms:delete']);
    expect(p.summary.replace).toBe(1);
  });

  it('replaces a key pinned by id whose displayName changed (keys have no update)', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { 'app-key': [node('app-key', { id: 'k1', displayName: 'Old' })] }));
    const p = plan(loaded({ apps: { s: { displayName: 'S', keys: { ci: { id: 'k1', displayName: 'New' } } } } }), live);
    expect(change(p, 'app.s.key.ci')).toMatchObject({ action: 'replace', reason: 'displayName forces replacement' });
  });
});

describe('diff: delete and unmanaged', () => {
  const live = () => state(app({ id: 'a1', displayName: 'S' }, {
    integration: [integration({ id: 'i1', type: 'web', displayName: 'Web' }), integration({ id: 'i2', type: 'web', displayName: 'Other' })],
    'app-key': [node('app-key', { id: 'k9', displayName: 'stray' })],
  }));
  const cfg = (extra: Record<string, unknown> = {}) => loaded({ apps: { s: { displayName: 'S', integrations: { web: { type: 'web', displayName: 'Web' } }, ...extra } } });

  it('lists live resources the config does not declare as unmanaged and leaves them alone', () => {
    const p = plan(cfg(), live());
    expect(p.changes.map((c) => [c.address, c.action])).toEqual([
      ['app.s.key[k9]', 'unmanaged'],
      ['app.s.integration[i2]', 'unmanaged'],
    ]);
    expect(change(p, 'app.s.integration[i2]')!.reason).toBe('not in the configuration: web "Other"');
    expect(p.steps).toEqual([]);
    expect(p.summary.unmanaged).toBe(2);
  });

  it('deletes them under --prune, prune: true at the top, or per app', () => {
    for (const p of [plan(cfg(), live(), { prune: true }), plan(loaded({ prune: true, apps: cfg().config.apps }), live()), plan(cfg({ prune: true }), live())]) {
      expect(p.steps.map((s) => [s.id, s.method, s.path])).toEqual([
        ['app.s.key[k9]:delete', 'DELETE', '/v2/apps/{{app.s}}/keys/{{app.s.key[k9]}}'],
        ['app.s.integration[i2]:delete', 'DELETE', '/v2/apps/{{app.s}}/integrations/{{app.s.integration[i2]}}'],
        // The app changes, so its bookkeeping (bindings of what it declares) is recorded with it.
        ['app.s:bookkeeping', 'PATCH', '/v2/apps/{{app.s}}'],
      ]);
      expect(p.liveIds['app.s.integration[i2]']).toBe('i2');
      expect(p.summary.delete).toBe(2);
    }
  });

  it('never reads or touches apps the config does not mention', () => {
    const p = plan(cfg(), state(...live().apps, app({ id: 'a2', displayName: 'Other team' })), { prune: true });
    expect(p.changes.some((c) => c.liveId === 'a2')).toBe(false);
  });

  it('deletes an app declared absent: true, and nothing when it is already gone', () => {
    const p = plan(loaded({ apps: { old: { displayName: 'S', absent: true } } }), live());
    expect(p.changes).toEqual([{ address: 'app.old', kind: 'app', action: 'delete', fields: [], reason: 'absent: true', liveId: 'a1' }]);
    expect(p.steps.map((s) => [s.method, s.path])).toEqual([['DELETE', '/v2/apps/{{app.old}}']]);
    expect(plan(loaded({ apps: { old: { displayName: 'Gone', absent: true } } }), live()).changes).toEqual([]);
  });
});

describe('diff: errors', () => {
  it('refuses to delete or replace protected entries, listing every one', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { integration: [integration({ id: 'i1', type: 'twilio', displayName: 'SMS', accountSid: 'AC1' })] }));
    const e = thrown(() => plan(loaded({ apps: {
      support: { displayName: 'S', absent: true, protect: true },
    } }), live));
    expect(e.details.join('\n')).toContain('sunco.yaml:3:3: app.support: protect: true, but the plan would delete it');
    const e2 = thrown(() => plan(loaded({ apps: { s: { displayName: 'S', integrations: { sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC2', protect: true } } } } }), live));
    expect(e2.details).toEqual(['  - app.s.integration.sms: protect: true, but the plan would replace it (accountSid forces replacement)']);
  });

  it('reports an ambiguous match naming both ids and asking for an id pin', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { integration: [integration({ id: 'i1', type: 'web', displayName: 'Web' }), integration({ id: 'i2', type: 'web', displayName: 'Web' })] }));
    const e = thrown(() => plan(loaded({ apps: { s: { displayName: 'S', integrations: { web: { type: 'web', displayName: 'Web' } } } } }), live));
    expect(e.details[0]).toMatch(/app\.s\.integration\.web: 2 live objects fit \(i1 .*, i2 .*\); pin one with `id`/);
    const apps = state(app({ id: 'a1', displayName: 'S' }), app({ id: 'a2', displayName: 'S' }));
    expect(thrown(() => plan(loaded({ apps: { s: { displayName: 'S' } } }), apps)).details[0]).toContain('a1');
  });

  it('reports a pinned id that does not exist live', () => {
    const e = thrown(() => plan(loaded({ apps: { s: { id: 'nope', displayName: 'S' } } }), state(app({ id: 'a1', displayName: 'S' }))));
    expect(e.details[0]).toContain('app.s: the pinned id nope does not exist live');
  });

  it('refuses defaultResponder on a type that has no defaultResponderId', () => {
    const e = thrown(() => plan(loaded({ apps: { s: { displayName: 'S', integrations: { bot: { type: 'custom', displayName: 'B', defaultResponder: 'x', webhooks: { a: { target: 'https://a', triggers: ['x'] } } } } } } }), state()));
    expect(e.details[0]).toContain('app.s.integration.bot: defaultResponder is not available for custom integrations');
  });
});

describe('diff: identity', () => {
  it('matches by pinned id over the natural key (a rename is an update)', () => {
    const live = state(app({ id: 'a1', displayName: 'Old name' }));
    const p = plan(loaded({ apps: { s: { id: 'a1', displayName: 'New name' } } }), live);
    expect(change(p, 'app.s')).toMatchObject({ action: 'update', fields: [{ field: 'displayName', before: 'Old name', after: 'New name' }] });
  });

  it('matches the switchboard as one per app, and switchboard integrations by name', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { switchboard: [switchboard({ id: 'sb', enabled: false }, [{ id: 'si1', name: 'agent', integrationType: 'zd:agentWorkspace', integrationId: 'zz' }])] }));
    const p = plan(loaded({ apps: { s: { displayName: 'S', switchboard: { integrations: { agent: { integrationType: 'zd:agentWorkspace' } } } } } }), live);
    expect(p.changes).toEqual([]);
    expect(p.liveIds).toMatchObject({ 'app.s.switchboard': 'sb', 'app.s.switchboard.integration.agent': 'si1' });
  });
});

describe('diff: protect below a replaced parent', () => {
  it('refuses to re-create a protected child of a replaced integration', () => {
    const live = state(app({ id: 'a1', displayName: 'S' }, { integration: [integration({ id: 'i1', type: 'twilio', displayName: 'Bot', accountSid: 'AC1' })] }));
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { bot: { id: 'i1', type: 'custom', displayName: 'Bot', webhooks: { main: { target: 'https://a', triggers: ['t'], protect: true } } } } } } });
    expect(thrown(() => plan(cfg, live)).details).toEqual([
      '  - app.s.integration.bot.webhook.main: protect: true, but the plan would re-create it because app.s.integration.bot is replaced',
    ]);
  });
});

describe('diff: pins below a new parent', () => {
  it('refuses a pinned id under a parent that is created', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', keys: { ci: { id: 'k1', displayName: 'CI' } } } } });
    expect(thrown(() => plan(cfg, state())).details).toEqual([
      '  - app.s.key.ci: pinned to id k1, but app.s is created, so that object cannot exist; remove the `id` pin',
    ]);
  });
});
