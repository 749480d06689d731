import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import { FINGERPRINT_KEY, fingerprint, fingerprintKey, formatFingerprints, parseFingerprints } from '../../src/plan/fingerprints.js';
import { isValidOrder } from '../../src/plan/order.js';
import type { Plan } from '../../src/plan/types.js';
import { bindingKey, formatBindings } from '../../src/resources/bindings.js';
import { APP_BINDING_KEY, BINDINGS_KEY } from '../../src/resources/reserved-keys.js';
import type { Raw } from '../../src/resources/types.js';
import { problems } from './problems.js';
import { app, integration, loaded, SALT, state } from './fixtures.js';

const TOKEN_REF = 'app.s.integration.sms#authToken';
const PAGE_REF = 'app.s.integration.ig#pageAccessToken';

/** The metadata value an apply would have recorded for these values. */
function recorded(values: Record<string, string>, salt = 'recorded'): string {
  return formatFingerprints({ salt: salt.padEnd(8, 'x').slice(0, 8), entries: new Map(Object.entries(values).map(([ref, v]) => [fingerprintKey(ref), fingerprint(salt.padEnd(8, 'x').slice(0, 8), ref, v)])) });
}

function liveWith(metadata: Raw | null, integ: Raw = { id: 'i1', type: 'twilio', displayName: 'SMS', accountSid: 'AC1' }) {
  return state(app({ id: 'a1', displayName: 'S', metadata }, { integration: [integration(integ)] }));
}

const twilio = (token: string, extra: Raw = {}) =>
  loaded({ apps: { s: { displayName: 'S', ...extra, integrations: { sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC1', authToken: token } } } } }, [TOKEN_REF]);

const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id);

describe('write-only values', () => {
  it('plans nothing when the recorded fingerprint matches the configured value', () => {
    const p = diff(twilio('tok-1'), liveWith({ [FINGERPRINT_KEY]: recorded({ [TOKEN_REF]: 'tok-1' }) }), { salt: SALT });
    expect(p.changes).toEqual([]);
    expect(p.steps).toEqual([]);
  });

  it('replaces when a changed value is in a field that forces replacement, then records the new fingerprint', () => {
    const p = diff(twilio('tok-2'), liveWith({ team: 'x', [FINGERPRINT_KEY]: recorded({ [TOKEN_REF]: 'tok-1' }) }), { salt: SALT });
    const sms = p.changes.find((c) => c.address === 'app.s.integration.sms')!;
    expect(sms).toMatchObject({ action: 'replace', reason: 'authToken forces replacement', fields: [{ field: 'authToken', sensitive: true, forcesReplacement: true }] });
    expect(step(p, 'app.s.integration.sms:create')!.body).toMatchObject({ authToken: { $secret: TOKEN_REF } });
    const fp = step(p, 'app.s:bookkeeping')!;
    expect(fp).toMatchObject({ method: 'PATCH', path: '/v2/apps/{{app.s}}', dependsOn: ['app.s.integration.sms:create'] });
    // Without declared metadata the live metadata is kept; the reserved key gets the new fingerprint.
    const meta = (fp.body as { metadata: Raw }).metadata;
    expect(meta.team).toBe('x');
    const set = parseFingerprints(meta[FINGERPRINT_KEY])!;
    expect(set.entries.get(fingerprintKey(TOKEN_REF))).toBe(fingerprint(set.salt, TOKEN_REF, 'tok-2'));
    expect(p.steps.at(-1)!.id).toBe('app.s:bookkeeping');
    expect(isValidOrder(p.steps)).toBe(true);
    expect(JSON.stringify(p)).not.toContain('tok-2');
    expect(JSON.stringify(p)).not.toContain('tok-1');
  });

  it('a replace that re-sends an unchanged value records no new fingerprint: no app change, only the new binding', () => {
    const fp = recorded({ [TOKEN_REF]: 'tok-1' });
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC2', authToken: 'tok-1' } } } } }, [TOKEN_REF]);
    const p = diff(cfg, liveWith({ [FINGERPRINT_KEY]: fp }), { salt: SALT });
    expect(p.changes.map((c) => [c.address, c.action])).toEqual([['app.s.integration.sms', 'replace']]);
    expect(p.summary).toEqual({ create: 0, update: 0, replace: 1, delete: 0, unmanaged: 0 });
    expect(p.steps.map((s) => s.id)).toEqual(['app.s.integration.sms:delete', 'app.s.integration.sms:create', 'app.s:bookkeeping']);
    const meta = (step(p, 'app.s:bookkeeping')!.body as { metadata: Raw }).metadata;
    expect(meta[FINGERPRINT_KEY]).toBe(fp);
    expect(meta[BINDINGS_KEY]).toEqual({ $bindings: [[bindingKey('app.s.integration.sms'), { $ref: 'app.s.integration.sms' }]] });
    // The re-created integration still gets the token from the config.
    expect(step(p, 'app.s.integration.sms:create')!.body).toMatchObject({ authToken: { $secret: TOKEN_REF } });
  });

  it('updates an updatable write-only field whose value changed', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { ig: { type: 'instagram', displayName: 'IG', appId: 'fb1', appSecret: 'sec', pageAccessToken: 'page-2' } } } } }, [PAGE_REF]);
    const integ = { id: 'i1', type: 'instagram', displayName: 'IG', appId: 'fb1' };
    const appSecretRef = 'app.s.integration.ig#appSecret';
    const p = diff(cfg, liveWith({ [FINGERPRINT_KEY]: recorded({ [PAGE_REF]: 'page-1', [appSecretRef]: 'sec' }) }, integ), { salt: SALT });
    const ig = p.changes.find((c) => c.address === 'app.s.integration.ig')!;
    expect(ig).toMatchObject({ action: 'update', fields: [{ field: 'pageAccessToken', sensitive: true }] });
    expect(step(p, 'app.s.integration.ig:update')!.body).toEqual({ pageAccessToken: { $secret: PAGE_REF } });
    expect(step(p, 'app.s:bookkeeping')!.dependsOn).toEqual(['app.s.integration.ig:update']);
  });

  it('never sends an updatable write-only value that has no fingerprint yet (an adopted channel): records it only', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', integrations: { ig: { type: 'instagram', displayName: 'IG', appId: 'fb1', appSecret: 'sec', pageAccessToken: 'page-2' } } } } }, [PAGE_REF]);
    const p = diff(cfg, liveWith(null, { id: 'i1', type: 'instagram', displayName: 'IG', appId: 'fb1' }), { salt: SALT });
    // Bookkeeping is never a change: one note says it.
    expect(p.changes).toEqual([]);
    expect(p.notes!.map((n) => n.code)).toEqual(['bookkeeping']);
    expect(p.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 });
    expect(p.steps.map((s) => s.id)).toEqual(['app.s:bookkeeping']);
    const set = parseFingerprints((step(p, 'app.s:bookkeeping')!.body as { metadata: Raw }).metadata[FINGERPRINT_KEY])!;
    expect(set.entries.get(fingerprintKey(PAGE_REF))).toBe(fingerprint(set.salt, PAGE_REF, 'page-2'));
    expect(set.entries.get(fingerprintKey('app.s.integration.ig#appSecret'))).toBe(fingerprint(set.salt, 'app.s.integration.ig#appSecret', 'sec'));
  });

  it('does not replace on a missing fingerprint: records it only (resource created outside sunco)', () => {
    const p = diff(twilio('tok-1'), liveWith(null), { salt: SALT });
    expect(p.changes).toEqual([]);
    expect((step(p, 'app.s:bookkeeping')!.body as { metadata: Raw }).metadata[FINGERPRINT_KEY]).toBe(recorded({ [TOKEN_REF]: 'tok-1' }, 'saltsalt'));
    expect(p.steps.map((s) => s.id)).toEqual(['app.s:bookkeeping']);
    expect(step(p, 'app.s:bookkeeping')!.dependsOn).toEqual([]);
  });

  it('ignores the reserved key when diffing metadata, and keeps it in a metadata update', () => {
    const fp = recorded({ [TOKEN_REF]: 'tok-1' });
    const p = diff(twilio('tok-1', { metadata: { team: 'new' } }), liveWith({ team: 'old', [FINGERPRINT_KEY]: fp }), { salt: SALT });
    expect(p.changes).toEqual([{ address: 'app.s', kind: 'app', action: 'update', liveId: 'a1', fields: [{ field: 'metadata.team', before: 'old', after: 'new' }] }]);
    // The update carries the reserved keys (and records the app's bindings in the same PATCH).
    expect(step(p, 'app.s:update')!.body).toEqual({ metadata: { team: 'new', [FINGERPRINT_KEY]: fp, [APP_BINDING_KEY]: 's', [BINDINGS_KEY]: formatBindings([[bindingKey('app.s.integration.sms'), 'i1']]) } });
    expect(p.steps.map((s) => s.id)).toEqual(['app.s:update']);
  });

  it('keeps sunco\'s other reserved metadata keys when it records fingerprints, and rewrites unreadable bindings', () => {
    for (const extra of [{}, { metadata: { team: 'x' } }]) {
      const p = diff(twilio('tok-1', extra), liveWith({ team: 'x', 'sunco:later': 'kept', [BINDINGS_KEY]: 'b' }), { salt: SALT });
      expect((step(p, 'app.s:bookkeeping')!.body as { metadata: Raw }).metadata).toMatchObject({
        team: 'x', 'sunco:later': 'kept', [BINDINGS_KEY]: formatBindings([[bindingKey('app.s.integration.sms'), 'i1']]),
      });
    }
  });

  it('refuses metadata that would exceed the 4096-byte limit with the fingerprints', () => {
    const big = { blob: 'x'.repeat(4080) };
    expect(problems(() => diff(twilio('tok-1', { metadata: big }), liveWith({ ...big }), { salt: SALT }))).toMatch(/app\.s: metadata with the write-only value fingerprints .* over the API's 4096-byte limit/);
  });
});
