/**
 * Fingerprints of applied write-only values (DESIGN.md, "Write-only values"). GET never
 * returns tokens and passwords, so the planner compares a keyed hash of the configured
 * value with the one recorded when it was last applied. All of an app's fingerprints live
 * in ONE metadata key (FINGERPRINT_KEY), as a compact string that must fit the 4096-byte
 * metadata limit (RESOURCES.md "App metadata"):
 *
 *   1.<salt>.<h>=<f>,<h>=<f>,...
 *
 * <salt> is 8 random base64url characters per app; <h> is 8 characters of SHA-256 of
 * `address#field` (which value); <f> is 12 characters of HMAC-SHA-256 keyed by the salt
 * over `address#field` and the value. Truncated and salted, it reveals no value and is
 * useless for a dictionary built for another app.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalJson } from '../resources/values.js';

export { FINGERPRINT_KEY } from '../resources/fingerprint-key.js';

export interface FingerprintSet {
  salt: string;
  /** <h> → <f> */
  entries: Map<string, string>;
}

export function newSalt(): string {
  return randomBytes(6).toString('base64url');
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
