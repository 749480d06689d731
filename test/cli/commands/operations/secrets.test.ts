/** Which fields of an API answer are hidden (src/cli/commands/operations/secrets.ts). */
import { describe, expect, it } from 'vitest';
import { maskSecretsDeep } from '../../../../src/cli/commands/operations/secrets.js';
import { parseSensitiveRecord, recordKey } from '../../../../src/resources/sensitive-record.js';

describe('maskSecretsDeep', () => {
  it('hides secret fields at any depth and returns them with their paths and ids', () => {
    const r = maskSecretsDeep({ integration: { id: 'i1', type: 'line', channelSecret: 'cs', webhooks: [{ id: 'w1', secret: 'ws' }], displayName: 'LINE' } });
    expect(r.value).toEqual({ integration: { id: 'i1', type: 'line', channelSecret: '(hidden)', webhooks: [{ id: 'w1', secret: '(hidden)' }], displayName: 'LINE' } });
    expect(r.found).toEqual([
      { path: 'integration.channelSecret', id: 'i1', secret: 'cs' },
      { path: 'integration.webhooks.0.secret', id: 'w1', secret: 'ws' },
    ]);
  });

  it('shows the fields that the app records (sunco:sensitive) as (sensitive): its own, dotted metadata keys too, and its objects by id', () => {
    const record = JSON.stringify({ '': ['displayName', 'metadata.a.b', 'metadata.team'], [recordKey('aaaaaaaaaaaaaaaaaaaaaaa1')]: ['target'] });
    const app = { id: 'a1', displayName: 'Secret Brand', team: 'shown', metadata: { team: 'tok-1', 'a.b': 'tok-2', region: 'eu', 'sunco:sensitive': record } };
    const r = maskSecretsDeep({ apps: [app] });
    expect(r.value).toEqual({ apps: [{ id: 'a1', displayName: '(sensitive)', team: 'shown', metadata: { team: '(sensitive)', 'a.b': '(sensitive)', region: 'eu', 'sunco:sensitive': record } }] });
    expect(r.sensitive).toBe(3);
    // They are the config's own values: not saved with the secrets.
    expect(r.found).toEqual([]);
    // The app's objects, by the record read from the app; the first format (key names) still reads.
    const hooks = { webhooks: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaa1', target: 'https://hidden.example', secret: 's' }, { id: 'aaaaaaaaaaaaaaaaaaaaaaa2', target: 'https://shown.example' }] };
    const records = [parseSensitiveRecord(app.metadata)];
    expect(maskSecretsDeep(hooks, records).value).toEqual({ webhooks: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaa1', target: '(sensitive)', secret: '(hidden)' }, { id: 'aaaaaaaaaaaaaaaaaaaaaaa2', target: 'https://shown.example' }] });
    expect(maskSecretsDeep({ app: { metadata: { team: 'tok-1', x: 'y', 'sunco:sensitive': '["team"]' } } }).value).toEqual({ app: { metadata: { team: '(sensitive)', x: 'y', 'sunco:sensitive': '["team"]' } } });
  });
});
