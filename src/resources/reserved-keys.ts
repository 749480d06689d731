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
 * Which plain fields of the app's objects the config feeds from variables declared
 * `sensitive: true` (field paths by object id, never values): sensitive-record.ts. Commands
 * that read no config (export, `sunco api`, list/get, --debug) hide those fields by it.
 */
export const SENSITIVE_KEYS_KEY = `${RESERVED_METADATA_PREFIX}sensitive`;

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
