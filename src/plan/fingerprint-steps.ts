/**
 * The final step per app that records fingerprints of the write-only values this plan
 * applies (DESIGN.md "Write-only values"). It runs after the steps that wrote those values,
 * so that a failed write is never recorded as applied. Because PATCH replaces metadata
 * wholesale (spec UpdateApp), its body is the full metadata plus the reserved key.
 */
import { fieldKey } from '../config/address.js';
import { METADATA_LIMIT_BYTES, metadataBytes } from '../resources/metadata.js';
import { isPlainObject } from '../resources/values.js';
import { reservedKeysOf } from '../resources/reserved-keys.js';
import type { Raw } from '../resources/types.js';
import { FINGERPRINT_KEY, type FingerprintSet, fingerprint, fingerprintKey, formatFingerprints } from './fingerprints.js';
import { type Item, stepId, walkItems } from './items.js';
import type { Sensitivity } from './sensitive.js';
import type { Change, Step } from './types.js';
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
function newValue(input: FingerprintStepInput): string | undefined {
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

function writers(input: FingerprintStepInput): string[] {
  const ids = [...walkItems([input.app])].flatMap(writesOf).flatMap((w) => (w.by && input.kept.has(w.by) ? [w.by] : []));
  return [...new Set(ids)];
}

export function fingerprintStep(input: FingerprintStepInput, changes: Change[], errors: string[]): Step | undefined {
  const { app, kept } = input;
  if (app.action === 'delete' || !app.node) return undefined;
  const liveMeta = app.live && isPlainObject(app.live.raw.metadata) ? app.live.raw.metadata : {};
  const { [FINGERPRINT_KEY]: before, ...liveRest } = liveMeta;
  const declaredMeta = app.node.entry.metadata;
  // PATCH replaces metadata wholesale (spec UpdateApp): sunco's other reserved keys (bindings) stay.
  const otherReserved = reservedKeysOf(liveRest);
  const base: Raw = isPlainObject(declaredMeta) ? { ...declaredMeta, ...otherReserved } : liveRest;
  const value = newValue(input);
  // Whenever metadata holding the key is sent (here, or by the app's update, which keeps the key).
  const sent = value ?? (app.compare?.changed.has('metadata') && typeof before === 'string' ? before : undefined);
  if (sent !== undefined) {
    const size = metadataBytes({ ...base, [FINGERPRINT_KEY]: sent });
    if (size > METADATA_LIMIT_BYTES) {
      errors.push(`${app.address}: metadata with the write-only value fingerprints (${FINGERPRINT_KEY}) would be ${size} bytes, over the API's ${METADATA_LIMIT_BYTES}-byte limit; shorten metadata`);
    }
  }
  // Re-sending a value that is already recorded (a replace re-creates with the same token)
  // gives the same fingerprints: nothing to record, and an "X → X" change would only be noise.
  if (value === undefined || value === before) return undefined;

  const bodyMeta = isPlainObject(declaredMeta) ? { ...(input.sensitivity.bodyValue(app.address, 'metadata', declaredMeta) as Raw), ...otherReserved } : liveRest;
  const step: Step = {
    id: `${app.address}:fingerprints`,
    address: app.address,
    kind: 'app',
    operation: 'update',
    method: 'PATCH',
    path: app.itemPath,
    body: { metadata: { ...bodyMeta, [FINGERPRINT_KEY]: value } },
    dependsOn: writers(input),
    app: app.app,
  };
  if (kept.has(stepId(app, 'update'))) step.dependsOn.push(stepId(app, 'update'));
  if (kept.has(stepId(app, 'create'))) step.dependsOn.push(stepId(app, 'create'));

  const field = { field: `metadata.${FINGERPRINT_KEY}`, ...(before !== undefined ? { before } : {}), after: value };
  const change = changes.find((c) => c.address === app.address);
  if (change) change.fields.push(field);
  else {
    const at = changes.findIndex((c) => c.address.startsWith(`${app.address}.`));
    const added: Change = { address: app.address, kind: 'app', action: 'update', fields: [field], reason: 'records fingerprints of write-only values', ...(app.live ? { liveId: app.live.id } : {}) };
    changes.splice(at < 0 ? changes.length : at, 0, added);
  }
  return step;
}
