/**
 * The sensitive-field record an app should hold after this plan (resources/sensitive-record.ts):
 * for the app and each declared object below it, the plain fields the config feeds from
 * variables declared `sensitive: true`. Write-only and credential fields are left out (the
 * field table hides them everywhere already), and so are references (the API holds an id,
 * not the variable's value). The record follows the config: an object deleted, or gone
 * live, loses its entry; a field that stops being sensitive leaves it. An unmanaged object
 * (no longer declared, not pruned) keeps its recorded entry: it still holds the value.
 * Objects this plan creates are keyed by the id their create returns (an IdRef the applier
 * resolves: the `$sensitive` placeholder of apply/placeholders.ts).
 */
import { MAX_UNKNOWN_ID_CHARS } from '../resources/bindings.js';
import { SELF, type SensitiveRecord, formatSensitiveRecord, pathSegments, recordKey } from '../resources/sensitive-record.js';
import type { Raw } from '../resources/types.js';
import { type Item, stepId, walkItems } from './items.js';
import type { Sensitivity } from './sensitive.js';
import type { IdRef } from './types.js';

export type RecordKey = string | IdRef;

export interface DesiredRecord {
  entries: [RecordKey, string[]][];
  /** Whether some entry waits for a create's id. */
  pending: boolean;
}

/** The item's recordable sensitive paths: plain fields of its kind only. */
export function recordablePaths(item: Item, s: Sensitivity): string[] {
  if (!item.node) return [];
  const paths = s.fieldPaths(item.address);
  // Most entries have none: no field table lookup for them (plans of 10,000 resources).
  if (paths.length === 0) return paths;
  const specs = item.kind.fieldSpecs(item.node.entry as Raw);
  return paths.filter((path) => {
    const spec = specs.find((f) => f.name === pathSegments(path)[0]);
    if (!spec || spec.writeOnly || spec.credential) return false;
    return spec.role === undefined || spec.role === 'field' || spec.role === 'name';
  });
}

export function desiredRecord(app: Item, s: Sensitivity, live: SensitiveRecord, kept: Set<string>): DesiredRecord {
  const entries: [RecordKey, string[]][] = [];
  let pending = false;
  const own = recordablePaths(app, s);
  if (own.length > 0) entries.push([SELF, own]);
  for (const i of walkItems(app.children)) {
    if (i.action === 'delete') continue;
    if (!i.node) {
      // Unmanaged: what sunco once applied to it is still there.
      const recorded = i.live ? live.get(recordKey(i.live.id)) : undefined;
      if (recorded) entries.push([recordKey(i.live!.id), recorded]);
      continue;
    }
    const paths = recordablePaths(i, s);
    if (paths.length === 0) continue;
    if (i.action === 'create' || i.action === 'replace') {
      if (kept.has(stepId(i.inlinedInto ?? i, 'create'))) {
        entries.push([{ $ref: i.address }, paths]);
        pending = true;
      } else if (i.live) entries.push([recordKey(i.live.id), paths]);
    } else if (i.live) entries.push([recordKey(i.live.id), paths]);
  }
  return { entries, pending };
}

/** The encoded record when every id is known; undefined when none is needed or some wait for a create. */
export function knownRecord(d: DesiredRecord): string | undefined {
  return d.pending ? undefined : formatSensitiveRecord(d.entries as [string, string[]][]);
}

/** A record as long as the real one can be (unknown ids at their longest form), to size the metadata; undefined for none. */
export function recordUpperBound(d: DesiredRecord): string | undefined {
  let n = 0;
  const entries = d.entries.map(([k, p]): [string, string[]] => [typeof k === 'string' ? k : `${n++}`.padStart(MAX_UNKNOWN_ID_CHARS, 'x'), p]);
  return formatSensitiveRecord(entries);
}

/** Whether the desired record names a field the live one does not (a value config-less commands would show). */
export function recordAdds(d: DesiredRecord, live: SensitiveRecord): boolean {
  return d.entries.some(([k, paths]) => typeof k !== 'string' || paths.some((p) => !(live.get(k) ?? []).includes(p)));
}
