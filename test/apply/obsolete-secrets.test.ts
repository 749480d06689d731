/** Which secrets-file entries an apply makes obsolete: by id only, deletes and renames. */
import { describe, expect, it } from 'vitest';
import { obsoleteSecret } from '../../src/apply/obsolete-secrets.js';
import type { LiveNode } from '../../src/resources/types.js';
import type { LiveState } from '../../src/state/types.js';

const node = (kind: LiveNode['kind'], id: string, children: LiveNode['children'] = {}): LiveNode => ({ kind, id, raw: { id }, children });
const live: LiveState = {
  apps: [
    node('app', 'a1', {
      'app-key': [node('app-key', 'k1'), node('app-key', 'k2')],
      integration: [node('integration', 'i1', { webhook: [node('webhook', 'w1')], 'integration-key': [node('integration-key', 'ik1')] })],
    }),
  ],
  requests: 1,
};
const liveIds = {
  'app.a': 'a1',
  'app.a.key.renamed': 'k1',
  'app.a.key[k2]': 'k2',
  'app.a.integration.bot': 'i1',
  'app.a.integration.bot.webhook.main': 'w1',
  'app.a.integration.bot.key.rt': 'ik1',
};

describe('obsolete secrets-file entries', () => {
  it('an entry left under an old address of an object now managed under another is obsolete; the one at the new address is not', () => {
    const pick = obsoleteSecret(liveIds, live, new Set());
    expect(pick('app.a.key.old', { id: 'k1', secret: 's' })).toBe(true);
    expect(pick('app.a.key.renamed', { id: 'k1', secret: 's' })).toBe(false);
  });

  it('a stale entry (a managed address, another id) is left for recovery, not removed', () => {
    const pick = obsoleteSecret(liveIds, live, new Set());
    expect(pick('app.a.key.renamed', { id: 'k-older', secret: 's' })).toBe(false);
  });

  it('what this apply deleted goes, with everything under it; what it did not delete stays', () => {
    const pick = obsoleteSecret(liveIds, live, new Set(['i1']));
    expect(pick('app.a.integration.bot.webhook.main', { id: 'w1', secret: 's' })).toBe(true);
    expect(pick('app.a.integration.bot.key.rt', { id: 'ik1', secret: 's' })).toBe(true);
    expect(pick('app.a.key.x', { id: 'k2', secret: 's' })).toBe(false);
    expect(obsoleteSecret(liveIds, live, new Set(['k2']))('app.a.key.x', { id: 'k2', secret: 's' })).toBe(true);
  });

  it('entries of other configs and entries without an id are never picked', () => {
    const pick = obsoleteSecret(liveIds, live, new Set(['a1']));
    expect(pick('app.other.key.ci', { id: 'k-elsewhere', secret: 's' })).toBe(false);
    expect(pick('app.a.key.manual', { secret: 's' })).toBe(false);
  });
});
