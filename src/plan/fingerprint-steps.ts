/**
 * The fingerprints of the write-only values this plan applies (DESIGN.md "Write-only
 * values"), as the new value of the reserved key, and the steps that send those values:
 * the app's bookkeeping step (bookkeeping-step.ts) runs after them, so that a failed write
 * is never recorded as applied.
 */
import { fieldKey } from '../config/address.js';
import { type FingerprintSet, fingerprint, fingerprintKey, formatFingerprints } from './fingerprints.js';
import { type Item, walkItems, stepId } from './items.js';
import type { Sensitivity } from './sensitive.js';
import { isWriteOnly } from './diff-fields.js';


interface Write {
  ref: string;
  value: unknown;
  /** The step that sends the value; undefined when only the fingerprint is recorded. */
  by?: string;
}

function writesOf(item: Item): Write[] {
  const entry = item.node?.entry ?? {};
  const w = (field: string, by?: string): Write => ({ ref: fieldKey(item.address, field), value: entry[field], ...(by ? { by } : {}) });
  const creator = item.inlinedInto ? stepId(item.inlinedInto, 'create') : stepId(item, 'create');
  if (item.action === 'create' || item.action === 'replace') return (item.createWriteOnly ?? []).map((f) => w(f, creator));
  const out = (item.compare?.writeOnlySent ?? []).map((f) => w(f, stepId(item, 'update')));
  return [...out, ...(item.compare?.recordOnly ?? []).map((f) => w(f))];
}

/** Every write-only `address#field` the app declares (to drop fingerprints of removed values). */
function declaredRefs(app: Item): Set<string> {
  const out = new Set<string>();
  for (const i of walkItems([app])) {
    if (!i.node) continue;
    const desired = i.kind.desired(i.node);
    for (const f of Object.keys(desired)) if (isWriteOnly(i.kind, desired, f)) out.add(fingerprintKey(fieldKey(i.address, f)));
  }
  return out;
}

export interface FingerprintStepInput {
  app: Item;
  recorded: FingerprintSet | undefined;
  /** Ids of the steps kept in the plan (after --target). */
  kept: Set<string>;
  targeted: boolean;
  /** The salt of a new fingerprint set for this app (diff.ts: derivedSalt). */
  salt: (app: Item) => string;
  sensitivity: Sensitivity;
}

/** The new value of the reserved key, or undefined when this plan writes no write-only value. */
export function fingerprintsValue(input: FingerprintStepInput): string | undefined {
  const { app, recorded, kept } = input;
  const writes = [...walkItems([app])].flatMap(writesOf).filter((w) => w.by === undefined || kept.has(w.by));
  if (writes.length === 0) return undefined;
  const set: FingerprintSet = { salt: recorded?.salt ?? input.salt(app), entries: new Map(recorded?.entries ?? []) };
  if (!input.targeted) {
    const declared = declaredRefs(app);
    for (const h of [...set.entries.keys()]) if (!declared.has(h)) set.entries.delete(h);
  }
  for (const w of writes) set.entries.set(fingerprintKey(w.ref), fingerprint(set.salt, w.ref, w.value));
  return formatFingerprints(set);
}

export function fingerprintWriters(input: FingerprintStepInput): string[] {
  const ids = [...walkItems([input.app])].flatMap(writesOf).flatMap((w) => (w.by && input.kept.has(w.by) ? [w.by] : []));
  return [...new Set(ids)];
}

