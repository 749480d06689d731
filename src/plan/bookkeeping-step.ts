/**
 * The one step per app that writes sunco's bookkeeping into the app's metadata (DESIGN.md
 * "Identity", "Write-only values"): the app's own binding, the bindings of its resources
 * and the fingerprints of the write-only values this plan applies. It runs after every
 * step whose outcome it records (writes of write-only values, creates whose ids it binds).
 *
 * PATCH replaces metadata wholesale (spec UpdateApp), so the body is the full metadata:
 * the declared metadata with its real values (key by key, metadata-body.ts), or the live
 * user keys when the config declares none, plus the reserved keys. Everything shares the
 * 4096-byte limit (resources/metadata.ts). When the bindings would not fit, the app keeps
 * none and falls back to natural keys, and the plan says so: never a failed apply, never
 * the user's metadata dropped. Fingerprints cannot be given up (a rotated token would go
 * unseen), so metadata too large for them is a plan error, as before.
 *
 * Bookkeeping is never a field change nor a counted update: the step's operation is
 * `bookkeeping` and the plan shows it only as a note.
 */
import { FINGERPRINT_KEY } from '../resources/fingerprint-key.js';
import type { Bindings } from '../resources/bindings.js';
import { METADATA_LIMIT_BYTES, metadataBytes } from '../resources/metadata.js';
import { APP_BINDING_KEY, BINDINGS_KEY, reservedKeysOf, SENSITIVE_KEYS_KEY, withoutReservedKeys } from '../resources/reserved-keys.js';
import { formatSensitiveRecord, parseSensitiveRecord } from '../resources/sensitive-record.js';
import type { Raw } from '../resources/types.js';
import { isPlainObject } from '../resources/values.js';
import { desiredBindings, encodedLength, knownValue } from './bindings-plan.js';
import { type FingerprintStepInput, fingerprintWriters, fingerprintsValue } from './fingerprint-steps.js';
import { stepId, walkItems } from './items.js';
import { keyedBody } from './metadata-body.js';
import { desiredRecord, knownRecord, recordAdds, recordUpperBound } from './sensitive-record-plan.js';
import type { PlanNote, Step } from './types.js';

export interface BookkeepingInput extends FingerprintStepInput {
  bindings: Bindings | undefined;
  /** The plan changes a resource of this app (a step other than bookkeeping is kept). */
  appHasSteps: boolean;
}

export function bookkeepingStep(input: BookkeepingInput, errors: string[], notes: PlanNote[]): Step | undefined {
  const { app, kept } = input;
  if (app.action === 'delete' || !app.node) return undefined;
  const liveMeta = app.live && isPlainObject(app.live.raw.metadata) ? app.live.raw.metadata : {};
  const liveReserved = reservedKeysOf(liveMeta);
  const declared = app.node.entry.metadata;
  const userMeta = isPlainObject(declared) ? withoutReservedKeys(declared) : withoutReservedKeys(liveMeta);

  const fp = fingerprintsValue(input);
  const before = liveReserved[FINGERPRINT_KEY];
  const fpValue = fp ?? (typeof before === 'string' ? before : undefined);
  const bindings = desiredBindings(app, input.bindings, kept, input.targeted);

  // Reserved keys sunco does not know (a later version's) are kept as they are.
  const reserved: Raw = { ...liveReserved, [APP_BINDING_KEY]: app.app };
  delete reserved[BINDINGS_KEY];
  if (fpValue !== undefined) reserved[FINGERPRINT_KEY] = fpValue;
  else delete reserved[FINGERPRINT_KEY];
  // Which plain fields hold values of sensitive variables (paths by id, never values), for the
  // commands that read no config; a record that does not fit is dropped, and the plan says so.
  const liveRecord = parseSensitiveRecord(liveMeta);
  const record = desiredRecord(app, input.sensitivity, liveRecord, kept);
  const liveRecordValue = formatSensitiveRecord(liveRecord);
  const knownRec = knownRecord(record);
  const bound = recordUpperBound(record);
  let recordChanged = record.pending || knownRec !== liveRecordValue;
  if (bound !== undefined && metadataBytes({ ...userMeta, ...reserved, [SENSITIVE_KEYS_KEY]: bound }) > METADATA_LIMIT_BYTES) {
    recordChanged = liveRecordValue !== undefined;
    delete reserved[SENSITIVE_KEYS_KEY];
    record.pending = false;
    notes.push({
      code: 'sensitive-record-fallback', address: app.address,
      message: `${app.address}: the record of which fields hold sensitive values (${SENSITIVE_KEYS_KEY}, ${bound.length} bytes) does not fit in the app's ${METADATA_LIMIT_BYTES}-byte metadata beside its metadata and fingerprints, so sunco keeps none: commands that read no config (sunco export, sunco api, list and get) will show those values; shorten metadata`,
    });
  } else if (knownRec === undefined) delete reserved[SENSITIVE_KEYS_KEY];
  // The live value is kept as it is when it says the same (an earlier format, another order).
  else reserved[SENSITIVE_KEYS_KEY] = recordChanged ? knownRec : liveReserved[SENSITIVE_KEYS_KEY];
  const recordPending = record.pending;

  const bindingsLength = encodedLength(bindings);
  let useBindings = bindingsLength > 0;
  if (useBindings && metadataBytes({ ...userMeta, ...reserved, [BINDINGS_KEY]: 'x'.repeat(bindingsLength) }) > METADATA_LIMIT_BYTES) {
    useBindings = false;
    notes.push({
      code: 'bindings-fallback', address: app.address,
      message: `${app.address}: the bindings of its ${bindings.entries.length} resources (up to ${bindingsLength} bytes) do not fit in the app's ${METADATA_LIMIT_BYTES}-byte metadata beside its metadata and fingerprints, so sunco records none and matches this app's resources by natural keys (a rename then plans as a new resource)`,
    });
  }
  const size = metadataBytes({ ...userMeta, ...reserved });
  if (fpValue !== undefined && size > METADATA_LIMIT_BYTES) {
    errors.push(`${app.address}: metadata with the write-only value fingerprints (${FINGERPRINT_KEY}) would be ${size} bytes, over the API's ${METADATA_LIMIT_BYTES}-byte limit; shorten metadata`);
  }

  const known = useBindings ? knownValue(bindings) : undefined;
  const wanted: Raw = { ...reserved, ...(known !== undefined ? { [BINDINGS_KEY]: known } : {}) };
  const pending = (useBindings && known === undefined) || recordPending;
  if (!pending && sameKeys(wanted, liveReserved)) return undefined;
  // Bindings of adopted objects (made outside sunco, or before bindings) are recorded with
  // the app's next real change, not by a write of their own: a plan over an unchanged
  // account stays empty. Only new fingerprints, or a recorded binding that is now wrong (an
  // object gone and matched again, an app bound to another name), are worth a write alone.
  const fpChanged = fp !== undefined && fp !== before;
  // Under --target, only what the kept steps make necessary (new ids, new fingerprints) is written.
  const opportunistic = input.appHasSteps && !input.targeted;
  // A changed record is written alone: it follows the config (the next config-less command must
  // hide a newly sensitive field). Under --target, only when it hides more than before.
  const recordWrite = recordChanged && (!input.targeted || recordAdds(record, liveRecord));
  if (!pending && !opportunistic && !fpChanged && !recordWrite && !wrongBinding(input, bindings.entries, liveReserved)) return undefined;

  const bodyUser = isPlainObject(declared) ? keyedBody(input.sensitivity, app.address, 'metadata', userMeta) : userMeta;
  const bodyReserved: Raw = { ...wanted };
  if (useBindings && known === undefined) bodyReserved[BINDINGS_KEY] = { $bindings: bindings.entries };
  if (recordPending) bodyReserved[SENSITIVE_KEYS_KEY] = { $sensitive: record.entries };
  const step: Step = {
    id: `${app.address}:bookkeeping`,
    address: app.address,
    kind: 'app',
    operation: 'bookkeeping',
    method: 'PATCH',
    path: app.itemPath,
    body: { metadata: { ...bodyUser, ...bodyReserved } },
    dependsOn: [...new Set([...fingerprintWriters(input), ...(useBindings && known === undefined ? bindings.creates : []), ...(recordPending ? recordCreates(app, record.entries, kept) : [])])],
    app: app.app,
  };
  if (kept.has(stepId(app, 'update'))) step.dependsOn.push(stepId(app, 'update'));
  if (kept.has(stepId(app, 'create'))) step.dependsOn.push(stepId(app, 'create'));
  // After the old object of each create-first replace is deleted: a run stopped before that
  // delete must leave the binding on the old object, which tells the next plan to finish the
  // replace (resume-replace.ts). Bound to the replacement already, the old one would be left
  // unmanaged for ever.
  for (const i of walkItems([app])) {
    if (i.action === 'replace' && i.createFirst && kept.has(stepId(i, 'delete'))) step.dependsOn.push(stepId(i, 'delete'));
  }
  return step;
}

/** The create steps whose ids the record's pending entries wait for. */
function recordCreates(app: BookkeepingInput['app'], entries: [unknown, string[]][], kept: Set<string>): string[] {
  const refs = new Set(entries.flatMap(([k]) => (typeof k === 'string' ? [] : [(k as { $ref: string }).$ref])));
  const out: string[] = [];
  for (const i of walkItems(app.children)) if (refs.has(i.address) && kept.has(stepId(i.inlinedInto ?? i, 'create'))) out.push(stepId(i.inlinedInto ?? i, 'create'));
  return out;
}

function wrongBinding(input: BookkeepingInput, entries: [string, unknown][], liveReserved: Raw): boolean {
  const recordedApp = liveReserved[APP_BINDING_KEY];
  if (typeof recordedApp === 'string' && recordedApp !== input.app.app) return true;
  const recorded = input.bindings;
  if (!recorded) return false;
  return entries.some(([h, v]) => typeof v === 'string' && recorded.has(h) && recorded.get(h) !== v);
}

function sameKeys(a: Raw, b: Raw): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
