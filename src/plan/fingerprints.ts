/**
 * Fingerprints of applied write-only values (DESIGN.md, "Write-only values"). GET never
 * returns tokens and passwords, so the planner compares a keyed hash of the configured
 * value with the one recorded when it was last applied. All of an app's fingerprints live
 * in ONE metadata key (FINGERPRINT_KEY), as a compact string that must fit the 4096-byte
 * metadata limit (RESOURCES.md "App metadata"):
 *
 *   1.<salt>.<h>=<f>,<h>=<f>,...
 *
 * <salt> is 8 base64url characters per app (derivedSalt); <h> is 8 characters of SHA-256 of
 * `address#field` (which value); <f> is 12 characters of HMAC-SHA-256 keyed by the salt
 * over `address#field` and the value. Truncated and salted, it reveals no value and is
 * useless for a dictionary built for another app.
 */
import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../resources/values.js';

export { FINGERPRINT_KEY } from '../resources/fingerprint-key.js';

export interface FingerprintSet {
  salt: string;
  /** <h> → <f> */
  entries: Map<string, string>;
}

/**
 * The salt of an app's first fingerprint set; once recorded it is kept (fingerprint-steps.ts).
 * The planner is deterministic (same config and live state, byte-identical plan), so the salt
 * is derived, not random: an HMAC keyed by the config fingerprint (LoadedConfig.fingerprint, a
 * keyed hash of the resolved config, write-only values included) over the app's address and
 * live id.
 *
 * Why not from the app's id or address alone: the salt is stored next to the fingerprints in
 * metadata that anyone with an API key of the app can read, so it never slows down guessing
 * once the fingerprints are written. What it buys is that nobody can precompute a dictionary
 * of likely low-entropy values (short tokens, passwords) for an app before its fingerprints
 * exist, or reuse one across apps. A salt made only of public data (ids, names) would be
 * known in advance and give that up; one keyed by the config's own fingerprint is as
 * unpredictable as the config's secret values, differs per app, and is still stable across
 * runs of the same config.
 */
export function derivedSalt(configFingerprint: string, appAddress: string, liveId: string | undefined): string {
  return createHmac('sha256', configFingerprint).update(`sunco/fingerprint-salt/v1\n${appAddress}\n${liveId ?? ''}`).digest().subarray(0, 6).toString('base64url');
}

/** Parses the reserved metadata value; anything unreadable counts as no fingerprints. */
export function parseFingerprints(value: unknown): FingerprintSet | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^1\.([A-Za-z0-9_-]{8})\.(.*)$/.exec(value);
  if (!m) return undefined;
  const entries = new Map<string, string>();
  for (const part of m[2]!.split(',')) {
    const [h, f] = part.split('=');
    if (h && f) entries.set(h, f);
  }
  return { salt: m[1]!, entries };
}

export function formatFingerprints(set: FingerprintSet): string {
  const parts = [...set.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([h, f]) => `${h}=${f}`);
  return `1.${set.salt}.${parts.join(',')}`;
}

/** Which value: 8 characters of SHA-256 of `address#field`. */
export function fingerprintKey(fieldRef: string): string {
  return createHash('sha256').update(fieldRef).digest('base64url').slice(0, 8);
}

/** The fingerprint of `value` at `address#field` under `salt`. */
export function fingerprint(salt: string, fieldRef: string, value: unknown): string {
  return createHmac('sha256', salt).update(`${fieldRef}\n${canonicalJson(value)}`).digest('base64url').slice(0, 12);
}
