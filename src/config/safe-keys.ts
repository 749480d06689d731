/**
 * Keys that are not data. Assigning `obj["__proto__"] = {absent: true}` sets the object's
 * prototype instead of a property: every app would then read `absent: true` through it while
 * the schema (which looks at own keys only) saw nothing. Such keys are refused wherever a
 * config or variable file can write a key, and parsed mappings are null-prototype objects so
 * that no key can reach a prototype even if one slipped through.
 */

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

export function forbiddenKeyMessage(key: string, what = 'key'): string {
  return `${what} "${key}" is not allowed: it names a JavaScript object internal, not data`;
}

/** An empty mapping with no prototype. */
export function emptyRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
