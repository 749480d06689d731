import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/types.js';
import { Sensitivity } from '../../src/plan/sensitive.js';

/** A set that counts how often it is iterated: lookups must not scan it. */
class CountingSet extends Set<string> {
  scans = 0;
  override [Symbol.iterator](): SetIterator<string> {
    this.scans++;
    return super[Symbol.iterator]();
  }
  override values(): SetIterator<string> {
    this.scans++;
    return super.values();
  }
}

const sensitivity = (keys: string[]) => {
  const sensitive = new CountingSet(keys);
  return { s: new Sensitivity({ sensitive } as unknown as LoadedConfig), sensitive };
};

describe('Sensitivity', () => {
  const { s, sensitive } = sensitivity(['app.a.integration.sms#authToken', 'app.a#metadata.team.lead', 'app.b.key.k#displayName']);

  it('fromVariable: the field itself or a field it sits in came from a variable', () => {
    expect(s.fromVariable('app.a.integration.sms', 'authToken')).toBe(true);
    expect(s.fromVariable('app.a', 'metadata.team.lead')).toBe(true);
    expect(s.fromVariable('app.a', 'metadata.team.lead.x')).toBe(true);
    expect(s.fromVariable('app.a', 'metadata.team')).toBe(false);
    expect(s.fromVariable('app.a', 'metadata')).toBe(false);
    expect(s.fromVariable('app.b.key', 'k#displayName')).toBe(false);
  });

  it('containsVariable: also when some part of the value under the field did', () => {
    expect(s.containsVariable('app.a', 'metadata')).toBe(true);
    expect(s.containsVariable('app.a', 'metadata.team')).toBe(true);
    expect(s.containsVariable('app.a', 'metadata.team.lead')).toBe(true);
    expect(s.containsVariable('app.a', 'metadata.other')).toBe(false);
    expect(s.containsVariable('app.a', 'meta')).toBe(false);
    expect(s.containsVariable('app.a.integration', 'sms')).toBe(false);
    expect(s.containsVariable('app.b.key.k', 'displayName')).toBe(true);
  });

  it('answers by lookup, never by scanning every sensitive key', () => {
    const before = sensitive.scans;
    for (let i = 0; i < 100; i++) s.containsVariable('app.a', `metadata.k${i}`);
    expect(sensitive.scans).toBe(before);
  });

  it('agrees with the definition (a key under the field) on many keys', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `app.x${i % 7}#f${i % 5}.g${i % 3}${i % 2 ? `.h${i}` : ''}`);
    const { s: big } = sensitivity(keys);
    for (let a = 0; a < 7; a++) {
      for (const field of ['f0', 'f1.g0', 'f2.g1', 'f3.g2.h5', 'f4', 'g0', 'f1.g']) {
        const key = `app.x${a}#${field}`;
        const expected = keys.some((k) => k === key || k.startsWith(`${key}.`) || key.startsWith(`${k}.`));
        expect(big.containsVariable(`app.x${a}`, field), key).toBe(expected);
      }
    }
  });
});
