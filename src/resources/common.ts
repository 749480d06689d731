/**
 * Building blocks the kinds share, all driven by the field table (src/resources/fields.ts):
 * entries of a config collection, the config ↔ API name map, the planner's view of the
 * rows, generated secrets, inline children, and the generic normalization of values.
 */
import { addressIn } from './addresses.js';
import type { FieldSpec } from './fields.js';
import type { KindName } from './kind-name.js';
import type { DesiredNode, Raw, RefContext } from './types.js';
import { isPlainObject, liveRef, ref } from './values.js';

/** `[name, entry]` pairs of a map-valued config property (e.g. an app's `integrations`). */
export function mapEntries(parent: Raw, key: string): [string, Raw][] {
  const v = parent[key];
  if (!isPlainObject(v)) return [];
  return Object.entries(v).filter((e): e is [string, Raw] => isPlainObject(e[1]));
}

export function roleOf(spec: FieldSpec): NonNullable<FieldSpec['role']> {
  return spec.role ?? 'field';
}

/** The reference rows: `configName` names an entry of kind `refTo`; the API field holds its id. */
export interface Reference {
  configName: string;
  apiName: string;
  refTo: KindName;
}

export function referencesOf(rows: readonly FieldSpec[]): Reference[] {
  return rows.flatMap((r) => (roleOf(r) === 'reference' && r.configName && r.refTo ? [{ configName: r.configName, apiName: r.name, refTo: r.refTo }] : []));
}

/** Both directions of the config ↔ API name map of a set of rows; names not in the map are the same on both sides. */
export function nameMap(rows: readonly FieldSpec[]): { apiName(configField: string): string; configName(apiField: string): string } {
  const toApi = new Map<string, string>();
  const toConfig = new Map<string, string>();
  for (const r of referencesOf(rows)) {
    toApi.set(r.configName, r.apiName);
    toConfig.set(r.apiName, r.configName);
  }
  return { apiName: (f) => toApi.get(f) ?? f, configName: (f) => toConfig.get(f) ?? f };
}

/**
 * The rows as the planner compares them: children and read shapes are not fields, and a
 * write-only field that has a read shape is compared through it (so it is not blind).
 */
export function planSpecs(rows: readonly FieldSpec[]): FieldSpec[] {
  const readShapes = new Set(rows.filter((r) => roleOf(r) === 'read-shape').map((r) => r.of));
  return rows
    .filter((r) => roleOf(r) !== 'child' && roleOf(r) !== 'read-shape')
    .map((r): FieldSpec => (readShapes.has(r.name) ? { ...r, writeOnly: undefined, readBack: true } : r));
}

/**
 * Names an entry may declare and `ignoreChanges` may list, in the config's names: what is
 * writable, neither child nor read shape nor filled from the map key.
 */
export function configFieldNames(rows: readonly FieldSpec[]): string[] {
  return rows
    .filter((r) => (r.create !== 'none' || r.update !== 'none') && ['field', 'reference'].includes(roleOf(r)))
    .map((r) => r.configName ?? r.name);
}

/** The field the server generates on create (a secret the create returns; GET and list return it too), if any. */
export function generatedField(rows: readonly FieldSpec[]): string | undefined {
  return rows.find((r) => r.generated)?.name;
}

/** A child created inline by the parent's create: a child row the create requires. */
export function inlineChildOf(rows: readonly FieldSpec[]): { kind: KindName; field: string } | undefined {
  const row = rows.find((r) => roleOf(r) === 'child' && r.create === 'required' && r.of);
  return row ? { kind: row.of as KindName, field: row.name } : undefined;
}

/** Desired: the declared fields that the table knows as writable (create or update). */
export function declaredFields(entry: Raw, specs: readonly FieldSpec[]): Raw {
  const out: Raw = {};
  for (const spec of specs) {
    if (spec.create === 'none' && spec.update === 'none') continue;
    if (roleOf(spec) !== 'field') continue;
    if (entry[spec.name] !== undefined) out[spec.name] = entry[spec.name];
  }
  return out;
}

/** Desired references: a declared logical name becomes a Ref to that entry's address in the same app. */
export function desiredReferences(node: DesiredNode, rows: readonly FieldSpec[]): Raw {
  const out: Raw = {};
  for (const r of referencesOf(rows)) {
    const name = node.entry[r.configName];
    if (typeof name === 'string') out[r.apiName] = ref(addressIn(node.app, r.refTo, name));
  }
  return out;
}

/** Live references: ids mapped to the addresses they were matched to (rows without a read shape only). */
export function liveReferences(raw: Raw, rows: readonly FieldSpec[], ctx: RefContext): Raw {
  const shaped = new Set(rows.filter((r) => roleOf(r) === 'read-shape').map((r) => r.of));
  const out: Raw = {};
  for (const r of referencesOf(rows)) {
    if (shaped.has(r.apiName)) continue;
    const v = liveRef(raw[r.apiName], ctx.addressOfId);
    if (v !== undefined) out[r.apiName] = v;
  }
  return out;
}

/** Live: readable, writable plain fields, with the API's documented defaults filled in. */
export function liveFields(raw: Raw, specs: readonly FieldSpec[]): Raw {
  const out: Raw = {};
  for (const spec of specs) {
    if (spec.create === 'none' && spec.update === 'none') continue;
    if (roleOf(spec) !== 'field' || spec.writeOnly || !spec.readBack) continue;
    const v = raw[spec.name];
    if (v !== undefined && v !== null) out[spec.name] = v;
    else if (spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out;
}

/** A natural key in words: `type web and displayName "Site"` (display names quoted, missing ones said). */
export function describeNaturalKey(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([f, v]) => (v === undefined ? `no ${f}` : f === 'displayName' ? `${f} "${String(v)}"` : `${f} ${String(v)}`))
    .join(' and ');
}
