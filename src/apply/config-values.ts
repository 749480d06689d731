/**
 * Resolves `{"$secret": "address#field"}` placeholders against the re-loaded config: a plan
 * never holds write-only values or values from variables, so the applier reads them from
 * the config again at apply time (DESIGN.md, "Plans").
 */
import type { SuncoConfig } from '../config/types.js';
import { getPath } from './response-path.js';

/** The config entry an address names, or undefined. Addresses: src/config/address.ts. */
export function entryAt(config: SuncoConfig, address: string): Record<string, unknown> | undefined {
  const m = /^app\.([^.]+)(?:\.(.+))?$/.exec(address);
  if (!m) return undefined;
  const app = config.apps[m[1]!] as unknown as Record<string, unknown> | undefined;
  if (!app || m[2] === undefined) return app;
  const rest = m[2].split('.');
  let cur: Record<string, unknown> | undefined = app;
  while (cur && rest.length > 0) {
    const seg = rest.shift()!;
    if (seg === 'switchboard') {
      cur = child(cur, 'switchboard');
      continue;
    }
    const name = rest.shift();
    if (name === undefined) return undefined;
    const collection = { key: 'keys', integration: 'integrations', webhook: 'webhooks' }[seg];
    if (!collection) return undefined;
    cur = child(child(cur, collection), name);
  }
  return rest.length === 0 ? cur : undefined;
}

function child(obj: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const v = obj?.[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export class UnresolvedError extends Error {}

/** The value at `address#field` (field dotted for nested values), or UnresolvedError. */
export function configValue(config: SuncoConfig, ref: string): unknown {
  const hash = ref.indexOf('#');
  if (hash < 0) throw new UnresolvedError(`bad secret reference "${ref}" (expected address#field)`);
  const addr = ref.slice(0, hash);
  const field = ref.slice(hash + 1);
  const entry = entryAt(config, addr);
  if (!entry) throw new UnresolvedError(`the configuration has no entry ${addr} (needed for ${addr}#${field})`);
  const value = getPath(entry, field);
  if (value === undefined) throw new UnresolvedError(`the configuration has no value for ${addr}#${field}`);
  return value;
}
