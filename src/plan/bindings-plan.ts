/**
 * The bindings an app should record after this plan (DESIGN.md "Identity"): every declared
 * resource below the app that is not a singleton, bound to its live id, or to the id its
 * create step will return (an IdRef the applier resolves, then encodes: the `$bindings`
 * placeholder of apply/placeholders.ts). Deleted and undeclared resources are dropped, so a
 * binding to an object that is gone is rewritten. Under --target, what the plan does not
 * touch keeps its recorded binding.
 */
import { type Bindings, MAX_UNKNOWN_ID_CHARS, bindingKey, encodeId, formatBindings } from '../resources/bindings.js';
import { type Item, stepId, walkItems } from './items.js';
import type { IdRef } from './types.js';

export type BindingValue = string | IdRef;

export interface DesiredBindings {
  entries: [string, BindingValue][];
  /** Steps whose created ids the entries wait for. */
  creates: string[];
}

export function desiredBindings(app: Item, recorded: Bindings | undefined, kept: Set<string>, targeted: boolean): DesiredBindings {
  const out = new Map<string, BindingValue>(targeted ? [...(recorded ?? [])] : []);
  const creates = new Set<string>();
  for (const i of walkItems(app.children)) {
    if (!i.node || i.kind.singleton || i.action === 'delete') continue;
    const h = bindingKey(i.address);
    if (i.action === 'create' || i.action === 'replace') {
      const creator = stepId(i.inlinedInto ?? i, 'create');
      if (kept.has(creator)) {
        out.set(h, { $ref: i.address });
        creates.add(creator);
      }
    } else if (i.live) out.set(h, i.live.id);
  }
  return { entries: [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), creates: [...creates] };
}

/** The encoded value when every id is known now; undefined when some come from creates (or there are none). */
export function knownValue(d: DesiredBindings): string | undefined {
  if (d.entries.some(([, v]) => typeof v !== 'string')) return undefined;
  return formatBindings(d.entries as [string, string][]);
}

/** Upper bound of the encoded length (unknown ids counted at their longest form). */
export function encodedLength(d: DesiredBindings): number {
  if (d.entries.length === 0) return 0;
  const ids = d.entries.reduce((n, [, v]) => n + 8 + (typeof v === 'string' ? encodeId(v).length : MAX_UNKNOWN_ID_CHARS), 0);
  return 2 + ids + (d.entries.length - 1);
}
