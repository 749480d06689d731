import { describe, expect, it } from 'vitest';
import { configValue, entryAt } from '../../src/apply/config-values.js';
import { IdTable, resolveBody, resolvePath } from '../../src/apply/placeholders.js';
import type { SuncoConfig } from '../../src/config/types.js';

const config = {
  version: 1,
  apps: {
    support: {
      displayName: 'Support',
      metadata: { team: 'care', 'a.b': 'dotted', 'a.b.c': 'deeper' },
      integrations: {
        bot: { type: 'custom', webhooks: { main: { target: 'https://x', triggers: [] } }, keys: { runtime: { displayName: 'rt' } } },
      },
      switchboard: { integrations: { agent: { integrationType: 'zd:agentWorkspace', messageHistoryCount: 5 } } },
    },
  },
} as unknown as SuncoConfig;

describe('config values by address', () => {
  it('walks every kind of address', () => {
    expect(entryAt(config, 'app.support')).toMatchObject({ displayName: 'Support' });
    expect(entryAt(config, 'app.support.integration.bot.webhook.main')).toEqual({ target: 'https://x', triggers: [] });
    expect(entryAt(config, 'app.support.integration.bot.key.runtime')).toEqual({ displayName: 'rt' });
    expect(entryAt(config, 'app.support.switchboard.integration.agent')).toMatchObject({ messageHistoryCount: 5 });
    expect(entryAt(config, 'app.support.integration.nope')).toBeUndefined();
    expect(entryAt(config, 'app.support.integration')).toBeUndefined();
    expect(configValue(config, 'app.support#metadata.team')).toBe('care');
    // A metadata key with dots is one key: the field metadata.a.b names it (issue 14).
    expect(configValue(config, 'app.support#metadata.a.b')).toBe('dotted');
    expect(configValue(config, 'app.support#metadata.a.b.c')).toBe('deeper');
    expect(() => configValue(config, 'app.support#metadata.a')).toThrow('no value for app.support#metadata.a');
    expect(configValue(config, 'app.support.integration.bot.webhook.main#triggers')).toEqual([]);
    expect(() => configValue(config, 'app.other#displayName')).toThrow('the configuration has no entry app.other');
    expect(() => configValue(config, 'app.support')).toThrow('bad secret reference');
  });
});

describe('id placeholders', () => {
  it('prefers ids created in this run, except for deletes, which target the live object', () => {
    const ids = new IdTable({ 'app.a': 'A1', 'app.a.integration.x': 'OLD' });
    ids.record('app.a.integration.x', 'NEW');
    expect(resolvePath('/v2/apps/{{app.a}}/integrations/{{app.a.integration.x}}', ids)).toBe('/v2/apps/A1/integrations/NEW');
    expect(resolvePath('/v2/apps/{{app.a}}/integrations/{{app.a.integration.x}}', ids, true)).toBe('/v2/apps/A1/integrations/OLD');
    expect(resolveBody({ list: [{ $ref: 'app.a.integration.x' }], keep: { $ref: 1 }, n: null }, ids, undefined)).toEqual({ list: ['NEW'], keep: { $ref: 1 }, n: null });
    expect([...ids.knownIds()].sort()).toEqual(['A1', 'NEW', 'OLD']);
  });
});
