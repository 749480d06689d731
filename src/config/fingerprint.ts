/**
 * A fingerprint of the resolved config (variables included) that reveals no value: an
 * HMAC-SHA256 of its canonical JSON under a fixed project key. It changes exactly when a
 * resolved value changes; plan files record it to detect a config changed since the plan.
 */
import { createHmac } from 'node:crypto';

const KEY = 'sunco/config-fingerprint/v1';

/** JSON with object keys sorted at every level, so key order in YAML does not matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function fingerprint(value: unknown): string {
  return `hmac-sha256:${createHmac('sha256', KEY).update(canonicalJson(value)).digest('hex')}`;
}
