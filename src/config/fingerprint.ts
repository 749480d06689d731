/**
 * A fingerprint of the resolved config (variables included) that reveals no value: an
 * HMAC-SHA256 of its canonical JSON (keys sorted, so key order in YAML does not matter) under a fixed project key. It changes exactly when a
 * resolved value changes; plan files record it to detect a config changed since the plan.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson } from '../resources/values.js';

const KEY = 'sunco/config-fingerprint/v1';

export function fingerprint(value: unknown): string {
  return `hmac-sha256:${createHmac('sha256', KEY).update(canonicalJson(value)).digest('hex')}`;
}
