/**
 * Live-state digests (saved in plan files to refuse stale plans) never depend on generated
 * secrets: a plan file must hold no hash of a key or webhook secret.
 */
import { describe, expect, it } from 'vitest';
import type { LiveNode } from '../../src/resources/types.js';
import { nodeDigest, stateFingerprint } from '../../src/state/digest.js';

const n = (kind: LiveNode['kind'], raw: Record<string, unknown>): LiveNode => ({ kind, id: String(raw.id), raw, children: {} });

describe('state digests', () => {
  it.each([
    ['app-key', { id: 'k1', displayName: 'CI' }, 'secret'],
    ['integration-key', { id: 'k2', displayName: 'runtime' }, 'secret'],
    ['webhook', { id: 'w1', target: 'https://x', triggers: ['conversation:message'] }, 'secret'],
    ['integration', { id: 'i1', type: 'messagebird', originator: 'Acme' }, 'webhookSecret'],
  ] as const)('a %s digest ignores its generated %s', (kind, raw, field) => {
    const one = n(kind, { ...raw, [field]: 'first-secret' });
    const two = n(kind, { ...raw, [field]: 'second-secret' });
    expect(nodeDigest(one)).toBe(nodeDigest(two));
    expect(nodeDigest(one)).toBe(nodeDigest(n(kind, raw)));
    expect(stateFingerprint({ apps: [{ ...n('app', { id: 'a1', displayName: 'A' }), children: { [kind]: [one] } }], requests: 1 }))
      .toBe(stateFingerprint({ apps: [{ ...n('app', { id: 'a1', displayName: 'A' }), children: { [kind]: [two] } }], requests: 1 }));
  });

  it('changes with any other field', () => {
    const base = n('webhook', { id: 'w1', target: 'https://x', triggers: ['a'], secret: 's' });
    expect(nodeDigest(base)).not.toBe(nodeDigest(n('webhook', { id: 'w1', target: 'https://y', triggers: ['a'], secret: 's' })));
    expect(nodeDigest(n('app-key', { id: 'k1', displayName: 'CI' }))).not.toBe(nodeDigest(n('app-key', { id: 'k1', displayName: 'CD' })));
  });
});
