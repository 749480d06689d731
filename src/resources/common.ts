/**
 * Building blocks most kinds share: map entries of a config collection, and the generic
 * normalization driven by the field table (src/resources/fields.ts).
 */
import type { FieldSpec } from './fields.js';
import type { Raw } from './types.js';
import { isPlainObject } from './values.js';

/** `[name, entry]` pairs of a map-valued config property (e.g. an app's `integrations`). */
export function mapEntries(parent: Raw, key: string): [string, Raw][] {
  const v = parent[key];
  if (!isPlainObject(v)) return [];
  return Object.entries(v).filter((e): e is [string, Raw] => isPlainObject(e[1]));
}

/** Desired: the declared fields that the table knows as writable (create or update). */
export function declaredFields(entry: Raw, specs: FieldSpec[]): Raw {
  const out: Raw = {};
  for (const spec of specs) {
    if (spec.create === 'none' && spec.update === 'none') continue;
    if (entry[spec.name] !== undefined) out[spec.name] = entry[spec.name];
  }
  return out;
}

/** Live: readable, writable fields, with the API's documented defaults filled in. */
export function liveFields(raw: Raw, specs: FieldSpec[]): Raw {
  const out: Raw = {};
  for (const spec of specs) {
    if (spec.create === 'none' && spec.update === 'none') continue;
    if (spec.writeOnly || !spec.readBack) continue;
    const v = raw[spec.name];
    if (v !== undefined && v !== null) out[spec.name] = v;
    else if (spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out;
}
