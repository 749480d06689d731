/**
 * The planner is deterministic: the same config and live state give a byte-identical plan,
 * also the first time a write-only value is fingerprinted (the salt is derived, not random).
 */
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import { FINGERPRINT_KEY, derivedSalt, parseFingerprints } from '../../src/plan/fingerprints.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { designConfig } from './design-config.js';
import { app, loaded, state } from './fixtures.js';

const TOKEN = 'app.support.integration.sms#authToken';

const fingerprintsOf = (p: ReturnType<typeof diff>): string => {
  const step = p.steps.find((s) => s.id === 'app.support:bookkeeping')!;
  return (step.body as { metadata: Record<string, string> }).metadata[FINGERPRINT_KEY]!;
};

describe('deterministic planner', () => {
  it('gives byte-identical plans (JSON and text) for the same config and live state', () => {
    const plans = [0, 1].map(() => diff(loaded(designConfig(), [TOKEN]), state()));
    expect(renderPlanJson(plans[0]!)).toBe(renderPlanJson(plans[1]!));
    expect(renderPlanText(plans[0]!, { color: false })).toBe(renderPlanText(plans[1]!, { color: false }));
    // A new fingerprint set was written, with the salt derived from the config and the app.
    const set = parseFingerprints(fingerprintsOf(plans[0]!))!;
    expect(set.salt).toBe(derivedSalt(loaded(designConfig(), [TOKEN]).fingerprint, 'app.support', undefined));
    // Bookkeeping is never shown as a field: the text carries no fingerprint.
    expect(renderPlanText(plans[0]!, { color: false })).not.toContain(`1.${set.salt}.`);
  });

  it('derives a different salt per app and per config, and keeps a recorded one', () => {
    const cfg = loaded(designConfig(), [TOKEN]);
    expect(derivedSalt(cfg.fingerprint, 'app.support', undefined)).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(derivedSalt(cfg.fingerprint, 'app.support', 'a1')).not.toBe(derivedSalt(cfg.fingerprint, 'app.support', undefined));
    expect(derivedSalt(cfg.fingerprint, 'app.other', undefined)).not.toBe(derivedSalt(cfg.fingerprint, 'app.support', undefined));
    expect(derivedSalt('hmac-sha256:other', 'app.support', undefined)).not.toBe(derivedSalt(cfg.fingerprint, 'app.support', undefined));

    const recorded = '1.keptsalt.';
    const p = diff(cfg, state(app({ id: 'a1', displayName: 'Acme Support', metadata: { [FINGERPRINT_KEY]: recorded } })));
    expect(parseFingerprints(fingerprintsOf(p))!.salt).toBe('keptsalt');
  });
});
