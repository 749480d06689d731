/**
 * Value helpers shared by the kinds, the config and the planner: canonical JSON (stable key
 * order), deep equality, references and set normalization. The one implementation of each.
 */
import { configure } from 'safe-stable-stringify';
import type { Raw, Ref } from './types.js';

/** Keys sorted at every level, undefined properties dropped (as JSON.stringify drops them). */
const stableStringify = configure({ deterministic: true });

export function isPlainObject(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON with object keys sorted, so that equal values give equal strings (undefined: `null`). */
export function canonicalJson(v: unknown): string {
  return stableStringify(v) ?? 'null';
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Arrays compared as sets: sorted by canonical JSON, duplicates dropped. */
export function asSet(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const seen = new Map<string, unknown>();
  for (const item of v) seen.set(canonicalJson(item), item);
  return [...seen.keys()].sort().map((k) => seen.get(k));
}

export function ref(address: string): Ref {
  return { $ref: address };
}

export function isRef(v: unknown): v is Ref {
  return isPlainObject(v) && typeof v.$ref === 'string' && Object.keys(v).length === 1;
}

/** A live id mapped to the address it was matched to, or a Ref to the raw id when it is not managed. */
export function liveRef(id: unknown, addressOfId: (id: string) => string | undefined): Ref | null | undefined {
  if (id === undefined) return undefined;
  if (id === null || id === '') return null;
  const s = String(id);
  return ref(addressOfId(s) ?? `id:${s}`);
}

/** Copies the listed keys of `obj` that are present (not undefined). */
export function pick(obj: Raw, keys: readonly string[]): Raw {
  const out: Raw = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
