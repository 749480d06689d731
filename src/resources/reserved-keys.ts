/**
 * sunco's own bookkeeping in app metadata (DESIGN.md "Write-only values", "Identity"):
 * fingerprints of applied write-only values, bindings of addresses to live ids, and any
 * later key of that kind. Every such key starts with one prefix, so this is the one place
 * that says whether a key is reserved: the metadata diff ignores them, an update keeps them,
 * and export leaves them out.
 */
import type { Raw } from './types.js';

export const RESERVED_METADATA_PREFIX = 'sunco:';

/** Bindings of the app's declared resources (by address below the app) to live ids: bindings.ts. */
export const BINDINGS_KEY = `${RESERVED_METADATA_PREFIX}bindings`;

/** The app's own binding: the logical name (`support` of app.support) it was last applied as. */
export const APP_BINDING_KEY = `${RESERVED_METADATA_PREFIX}app`;

/**
 * The metadata keys whose values the config takes from variables declared `sensitive: true`,
 * as a JSON array of key names (never values): `sunco export`, which reads no config, then
 * writes those values as ${VARIABLES} and saves them with --secrets-out, not into the YAML.
 */
export const SENSITIVE_KEYS_KEY = `${RESERVED_METADATA_PREFIX}sensitive`;

/** The metadata keys the live metadata records as sensitive (SENSITIVE_KEYS_KEY); [] when none or unreadable. */
export function sensitiveMetadataKeys(metadata: unknown): string[] {
  const listed = metadata && typeof metadata === 'object' ? (metadata as Raw)[SENSITIVE_KEYS_KEY] : undefined;
  if (typeof listed !== 'string') return [];
  try {
    const keys = JSON.parse(listed) as unknown;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function isReservedMetadataKey(key: string): boolean {
  return key.startsWith(RESERVED_METADATA_PREFIX);
}

/** The metadata without sunco's reserved keys (the part a config declares). */
export function withoutReservedKeys(metadata: Raw): Raw {
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !isReservedMetadataKey(k)));
}

/** Only sunco's reserved keys of the metadata. */
export function reservedKeysOf(metadata: Raw): Raw {
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => isReservedMetadataKey(k)));
}
