import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import type { Plan } from '../../src/plan/types.js';
import { app, custom, loaded, node, SALT, state, switchboard } from './fixtures.js';

/** One live app holding one of everything. */
const live = () => state(app({ id: 'a1', displayName: 'S' }, {
  'app-key': [node('app-key', { id: 'k1', displayName: 'deployer' })],
  integration: [custom({ id: 'i1', displayName: 'Bot' }, [{ id: 'w1', target: 'https://a', triggers: ['t'] }], [{ id: 'ik1', displayName: 'runtime' }])],
  switchboard: [switchboard({ id: 'sb', enabled: false }, [{ id: 'si1', name: 'bot', integrationId: 'i1', integrationType: 'custom', messageHistoryCount: null }])],
}));

const declared = (over: { key?: object; ikey?: object; webhook?: object; sb?: object; si?: object } = {}) => loaded({ apps: { s: {
  displayName: 'S',
  keys: { deployer: { displayName: 'deployer', ...over.key } },
  integrations: { bot: { type: 'custom', displayName: 'Bot', webhooks: { main: { target: 'https://a', triggers: ['t'], ...over.webhook } }, keys: { runtime: { displayName: 'runtime', ...over.ikey } } } },
  switchboard: { enabled: false, ...over.sb, integrations: { bot: { integration: 'bot', ...over.si } } },
} } });

const actions = (p: Plan) => Object.fromEntries(p.changes.map((c) => [c.address, c.action]));

describe('every kind', () => {
  it('matches an exact declaration with no change', () => {
    expect(diff(declared(), live(), { salt: SALT }).changes).toEqual([]);
  });

  it('updates or replaces each kind as its field rules say', () => {
    const p = diff(declared({
      key: { id: 'k1', displayName: 'deployer 2' },
      ikey: { id: 'ik1', displayName: 'runtime 2' },
      webhook: { includeFullSource: true },
      sb: { enabled: true, default: 'bot' },
      si: { messageHistoryCount: 5 },
    }), live(), { salt: SALT });
    expect(actions(p)).toEqual({
      'app.s.key.deployer': 'replace',
      'app.s.integration.bot.webhook.main': 'update',
      'app.s.integration.bot.key.runtime': 'replace',
      'app.s.switchboard': 'update',
      'app.s.switchboard.integration.bot': 'update',
    });
    const byId = Object.fromEntries(p.steps.map((s) => [s.id, s]));
    expect(byId['app.s.switchboard:update']).toMatchObject({ path: '/v2/apps/{{app.s}}/switchboards/{{app.s.switchboard}}', body: { enabled: true, defaultSwitchboardIntegrationId: { $ref: 'app.s.switchboard.integration.bot' } } });
    expect(byId['app.s.switchboard.integration.bot:update']).toMatchObject({ body: { messageHistoryCount: 5 } });
    expect(byId['app.s.integration.bot.key.runtime:create']).toMatchObject({ path: '/v2/apps/{{app.s}}/integrations/{{app.s.integration.bot}}/keys', creates: [{ secretPath: 'key.secret' }] });
  });

  it('prunes each kind that is not declared, the parent-most object only', () => {
    const p = diff(loaded({ apps: { s: { displayName: 'S', integrations: { bot: { type: 'custom', displayName: 'Bot', webhooks: { other: { target: 'https://b', triggers: ['t'] } } } } } } }), live(), { salt: SALT, prune: true });
    expect(actions(p)).toEqual({
      'app.s.key[k1]': 'delete',
      'app.s.integration.bot.webhook.other': 'create',
      'app.s.integration.bot.webhook[w1]': 'delete',
      'app.s.integration.bot.key[ik1]': 'delete',
      'app.s.switchboard': 'delete',
    });
    expect(p.steps.filter((s) => s.method === 'DELETE').map((s) => s.path)).toEqual([
      '/v2/apps/{{app.s}}/keys/{{app.s.key[k1]}}',
      '/v2/apps/{{app.s}}/integrations/{{app.s.integration.bot}}/webhooks/{{app.s.integration.bot.webhook[w1]}}',
      '/v2/apps/{{app.s}}/integrations/{{app.s.integration.bot}}/keys/{{app.s.integration.bot.key[ik1]}}',
      '/v2/apps/{{app.s}}/switchboards/{{app.s.switchboard}}',
    ]);
  });
});
