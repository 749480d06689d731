/**
 * Field-by-field comparison of one declared entry with its live object. Only fields the
 * config declares are managed; `ignoreChanges` fields are skipped; write-only values are
 * compared through their recorded fingerprints (fingerprints.ts).
 */
import { fieldKey } from '../config/address.js';
import type { FieldSpec } from '../resources/fields.js';
import type { DesiredNode, LiveNode, Raw, RefContext, ResourceKind } from '../resources/types.js';
import { asSet, deepEqual, isPlainObject, isRef } from '../resources/values.js';
import { type FingerprintSet, fingerprint, fingerprintKey } from './fingerprints.js';
import type { Sensitivity } from './sensitive.js';
import type { FieldDiff } from './types.js';

export interface FieldCompare {
  diffs: FieldDiff[];
  /** Top-level fields the update body must carry. */
  changed: Set<string>;
  /** Write-only fields whose value is sent by this plan (their fingerprints are recorded after). */
  writeOnlySent: string[];
  /**
   * Write-only fields with no fingerprint yet (the resource was made outside sunco): never
   * sent nor replaced on a guess, only their fingerprint is recorded.
   */
  recordOnly: string[];
}

export interface FieldEnv {
  sensitivity: Sensitivity;
  /** The app's recorded fingerprints (undefined: none yet). */
  fingerprints: FingerprintSet | undefined;
}

function specMap(k: ResourceKind, fields: Raw): Map<string, FieldSpec> {
  return new Map(k.fieldSpecs(fields).map((s) => [s.name, s]));
}

/** `ignoreChanges` speaks the config's names (`next`); the comparison the API's (`nextSwitchboardIntegrationId`). */
function ignored(k: ResourceKind, node: DesiredNode, field: string): boolean {
  const list = Array.isArray(node.entry.ignoreChanges) ? (node.entry.ignoreChanges as string[]) : [];
  return list.map((f) => k.apiName(f)).some((f) => f === field || field.startsWith(`${f}.`));
}

export function compareFields(k: ResourceKind, node: DesiredNode, live: LiveNode, ctx: RefContext, env: FieldEnv): FieldCompare {
  const desired = k.desired(node);
  const current = k.live(live.raw, ctx);
  const specs = specMap(k, desired);
  const out: FieldCompare = { diffs: [], changed: new Set(), writeOnlySent: [], recordOnly: [] };
  const addr = node.address;

  const push = (field: string, top: string, before: unknown, after: unknown, spec: FieldSpec | undefined): void => {
    const d: FieldDiff = { field };
    const hidden = spec?.credential === true || env.sensitivity.fromVariable(addr, field);
    if (hidden) d.sensitive = true;
    else {
      if (before !== undefined) d.before = before;
      if (after !== undefined) d.after = after;
    }
    if (k.immutable || spec?.update === 'replace') d.forcesReplacement = true;
    out.diffs.push(d);
    out.changed.add(top);
  };

  for (const [field, want] of Object.entries(desired)) {
    if (ignored(k, node, field)) continue;
    const spec = specs.get(field);
    if (spec?.writeOnly) {
      compareWriteOnly(addr, field, want, spec, env, out);
      continue;
    }
    const have = current[field];
    const merge = k.mergeFields?.includes(field) ?? false;
    if (isPlainObject(want) && !isRef(want) && (isPlainObject(have) || have === undefined)) {
      const haveObj = (have ?? {}) as Raw;
      const keys = merge ? Object.keys(want) : [...new Set([...Object.keys(want), ...Object.keys(haveObj)])];
      for (const key of keys.sort()) {
        const sub = `${field}.${key}`;
        if (ignored(k, node, sub) || deepEqual(want[key], haveObj[key])) continue;
        push(sub, field, haveObj[key], want[key], spec);
      }
      continue;
    }
    const set = k.setFields.includes(field);
    if (set ? deepEqual(asSet(want), asSet(have)) : deepEqual(want, have)) continue;
    push(field, field, have, want, spec);
  }
  return out;
}

function compareWriteOnly(addr: string, field: string, want: unknown, spec: FieldSpec, env: FieldEnv, out: FieldCompare): void {
  const ref = fieldKey(addr, field);
  const recorded = env.fingerprints?.entries.get(fingerprintKey(ref));
  const replaces = spec.update === 'replace';
  if (recorded === undefined) {
    // Created outside sunco (adopted, e.g. after `sunco export`), or before fingerprints: the
    // value cannot be compared. Sending it on a guess could break a live channel, and a
    // create-only one (messenger appSecret) would even force a replace: only record it.
    out.recordOnly.push(field);
    return;
  }
  if (recorded === fingerprint(env.fingerprints!.salt, ref, want)) return;
  const d: FieldDiff = { field, sensitive: true };
  if (replaces) d.forcesReplacement = true;
  out.diffs.push(d);
  out.changed.add(field);
  out.writeOnlySent.push(field);
}

/** Every declared field of an entry being created, as shown in the plan. */
export function createFields(k: ResourceKind, node: DesiredNode, env: FieldEnv): { diffs: FieldDiff[]; writeOnlySent: string[] } {
  const desired = k.desired(node);
  const specs = specMap(k, desired);
  const diffs: FieldDiff[] = [];
  const writeOnlySent: string[] = [];
  for (const [field, value] of Object.entries(desired)) {
    const spec = specs.get(field);
    if (spec?.writeOnly) writeOnlySent.push(field);
    if (spec?.writeOnly || spec?.credential || env.sensitivity.fromVariable(node.address, field)) diffs.push({ field, sensitive: true });
    else if (isPlainObject(value) && !isRef(value) && env.sensitivity.containsVariable(node.address, field)) {
      for (const [key, v] of Object.entries(value)) {
        const sub = `${field}.${key}`;
        diffs.push(env.sensitivity.fromVariable(node.address, sub) ? { field: sub, sensitive: true } : { field: sub, after: v });
      }
    } else diffs.push({ field, after: value });
  }
  return { diffs, writeOnlySent };
}

/** Whether a field is write-only for this entry. */
export function isWriteOnly(k: ResourceKind, fields: Raw, field: string): boolean {
  return specMap(k, fields).get(field)?.writeOnly === true;
}

/** Whether a field's value is a secret by the field table: write-only, or a credential the API reads back. */
export function isSecretField(k: ResourceKind, fields: Raw, field: string): boolean {
  const spec = specMap(k, fields).get(field);
  return spec?.writeOnly === true || spec?.credential === true;
}
