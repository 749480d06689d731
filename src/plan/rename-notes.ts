/**
 * "Did you rename …?" (DESIGN.md "Identity"): when an entry is created next to an unmanaged
 * live object of the same kind whose natural key differs only in the renamed field (for an
 * integration: the same type), the two may be one object whose rename sunco could not
 * follow (no binding yet, e.g. an adopted account, or a renamed logical key). The plan does
 * not guess; it asks, naming both, and says how to keep the object: pin its id.
 */
import type { Raw } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';
import { type Item, walkItems } from './items.js';
import type { PlanNote } from './types.js';

function group(key: Record<string, unknown>, renamed: string): string {
  const rest: Raw = { ...key };
  delete rest[renamed];
  return canonicalJson(rest);
}

export function renameNotes(items: Item[]): PlanNote[] {
  const notes: PlanNote[] = [];
  for (const parent of walkItems(items)) {
    const kids = parent.children;
    for (const created of kids.filter((c) => c.action === 'create' && c.node)) {
      const k = created.kind;
      const field = k.renameField;
      if (!field) continue;
      const want = k.naturalKey(k.desired(created.node!));
      const candidates = kids.filter((u) => !u.node && (u.action === 'unmanaged' || u.action === 'delete') && u.kind === k && u.live && group(k.naturalKey(u.live.raw), field) === group(want, field));
      for (const u of candidates) {
        notes.push({
          code: 'rename',
          address: created.address,
          message: `did you rename ${k.noun} ${k.label(u.live!.raw)} (${u.address}, id ${u.live!.id}) to ${k.label(k.desired(created.node!))} (${created.address})? It is planned as a new ${k.noun} and the old one is ${u.action === 'delete' ? 'deleted (--prune)' : 'left unmanaged'}; to rename it in place instead, pin ${created.address} with \`id: ${u.live!.id}\``,
        });
      }
    }
  }
  return notes;
}
