/** Which fields of an API answer are hidden (src/cli/commands/operations/secrets.ts). */
import { describe, expect, it } from 'vitest';
import { maskSecretsDeep } from '../../../../src/cli/commands/operations/secrets.js';

describe('maskSecretsDeep', () => {
  it('hides secret fields at any depth and returns them with their paths and ids', () => {
    const r = maskSecretsDeep({ integration: { id: 'i1', type: 'line', channelSecret: 'cs', webhooks: [{ id: 'w1', secret: 'ws' }], displayName: 'LINE' } });
    expect(r.value).toEqual({ integration: { id: 'i1', type: 'line', channelSecret: '(hidden)', webhooks: [{ id: 'w1', secret: '(hidden)' }], displayName: 'LINE' } });
    expect(r.found).toEqual([
      { path: 'integration.channelSecret', id: 'i1', secret: 'cs' },
      { path: 'integration.webhooks.0.secret', id: 'w1', secret: 'ws' },
    ]);
  });

  it('hides the app metadata keys that sunco:sensitive names, dotted keys too, and only in metadata', () => {
    const app = { id: 'a1', team: 'shown', metadata: { team: 'tok-1', 'a.b': 'tok-2', region: 'eu', 'sunco:sensitive': '["a.b","team"]' } };
    const r = maskSecretsDeep({ apps: [app] });
    expect(r.value).toEqual({ apps: [{ id: 'a1', team: 'shown', metadata: { team: '(hidden)', 'a.b': '(hidden)', region: 'eu', 'sunco:sensitive': '["a.b","team"]' } }] });
    expect(r.found.map((f) => [f.path, f.secret])).toEqual([['apps.0.metadata.team', 'tok-1'], ['apps.0.metadata.a.b', 'tok-2']]);
  });
});
