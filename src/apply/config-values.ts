/**
 * Resolves `{"$secret": "address#field"}` placeholders against the re-loaded config: a plan
 * never holds write-only values, credentials or values from sensitive variables, so the applier reads them from
 * the config again at apply time (DESIGN.md, "Plans").
 */
import type { SuncoConfig } from '../config/types.js';
import { parseAddress } from '../resources/addresses.js';
import { isPlainObject } from '../resources/values.js';

/** The config entry an address names, or undefined (its config path comes from the registry: src/resources/addresses.ts). */
export function entryAt(config: SuncoConfig, address: string): Record<string, unknown> | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  let cur: unknown = config;
  for (const key of parsed.configPath) cur = isPlainObject(cur) ? cur[key] : undefined;
  return isPlainObject(cur) ? cur : undefined;
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
  const value = lookup(entry, field.split('.'));
  if (value === undefined) throw new UnresolvedError(`the configuration has no value for ${addr}#${field}`);
  return value;
}

/**
 * The value at a dotted field path whose keys may hold dots themselves: metadata is flat, and
 * `metadata: { "a.b": … }` is the field `metadata.a.b` (src/config/address.ts joins with dots).
 * Each step takes the first run of segments that names an own key (array items by index).
 */
function lookup(cur: unknown, segs: readonly string[]): unknown {
  if (segs.length === 0) return cur;
  if (Array.isArray(cur)) return /^\d+$/.test(segs[0]!) ? lookup(cur[Number(segs[0])], segs.slice(1)) : undefined;
  if (!isPlainObject(cur)) return undefined;
  for (let n = 1; n <= segs.length; n++) {
    const key = segs.slice(0, n).join('.');
    if (Object.hasOwn(cur, key)) {
      const found = lookup(cur[key], segs.slice(n));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
