/**
 * Bindings (DESIGN.md "Identity"): which live object each declared address of an app was
 * last applied to, kept in the API itself (one reserved key of the app's metadata, the
 * kubectl last-applied idea) so that a rename of a natural key (displayName, target, name)
 * is recognised as the same object. The value must share the 4096-byte metadata limit with
 * the user's metadata and the fingerprints, so it is compact:
 *
 *   1.<h><id>,<h><id>,...
 *
 * <h> is 8 base64url characters of SHA-256 of the address below the app
 * (`integration.web`, not `app.support.integration.web`: renaming the app's logical key
 * keeps its children's bindings); <id> is the live id, a 24-hex id as 16 base64url
 * characters, any other id as `~` + its URI encoding. Entries are sorted, so equal bindings
 * give equal strings. About 25 bytes per resource: 100 resources take 2.5 KB.
 */
import { createHash } from 'node:crypto';
import { decodeId, encodeId } from './id-encoding.js';
import { APP_BINDING_KEY } from './reserved-keys.js';
import type { Raw } from './types.js';
import { isPlainObject } from './values.js';

export { encodeId };

export type Bindings = Map<string, string>;

/** Which address: 8 characters of SHA-256 of the address below its app. */
export function bindingKey(address: string): string {
  const below = address.split('.').slice(2).join('.');
  return createHash('sha256').update(below).digest('base64url').slice(0, 8);
}

/** The bytes an encoded id of unknown form may take at most (planning before a create): a raw 24-character id. */
export const MAX_UNKNOWN_ID_CHARS = 25;

/** Parses the reserved value; anything unreadable counts as no binding (and is rewritten). */
export function parseBindings(value: unknown): Bindings {
  const out: Bindings = new Map();
  if (typeof value !== 'string' || !value.startsWith('1.')) return out;
  for (const part of value.slice(2).split(',')) {
    const id = part.length > 8 ? decodeId(part.slice(8)) : undefined;
    if (id !== undefined) out.set(part.slice(0, 8), id);
  }
  return out;
}

/** Encodes `<h> → id`; undefined when there is nothing to bind. */
export function formatBindings(entries: Iterable<[string, string]>): string | undefined {
  const parts = [...entries].map(([h, id]) => `${h}${encodeId(id)}`).sort();
  return parts.length === 0 ? undefined : `1.${parts.join(',')}`;
}

/** The logical app name a live app is bound to (its own APP_BINDING_KEY), if any. */
export function appBindingOf(app: { raw: Raw }): string | undefined {
  const v = isPlainObject(app.raw.metadata) ? app.raw.metadata[APP_BINDING_KEY] : undefined;
  return typeof v === 'string' ? v : undefined;
}
