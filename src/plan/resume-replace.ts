/**
 * Finishing an interrupted create-first replace. An integration that a switchboard integration
 * routes to cannot be deleted while it is referenced (RESOURCES.md, "Deleting"), so its replace
 * creates the new object, repoints the routing, then deletes the old one (api-rules.ts). Stopped
 * after the create (a signal, a kill, a network fault), the bookkeeping still binds the address
 * to the old object: the next plan would replace it once more and leave the first replacement
 * beside it for ever, an unmanaged duplicate. Like Terraform's "deposed" objects, the next plan
 * finishes the replace instead: a live sibling no entry claims that has the entry's natural key
 * and needs no replacement is the replacement; the plan takes it and deletes the old object,
 * which the replace was going to delete anyway. Nothing is deleted that the plan would have
 * kept, and one create fewer is made.
 */
import type { DesiredNode, LiveNode, ResourceKind } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';
import type { FieldCompare } from './diff-fields.js';

export interface Replacement {
  live: LiveNode;
  compare: FieldCompare;
}

/**
 * The replacement an interrupted replace of `d` left among `candidates` (live siblings of its
 * kind no entry claims), or undefined. Exactly one must fit: two would be a guess.
 */
export function findReplacement(k: ResourceKind, d: DesiredNode, candidates: readonly LiveNode[], compare: (l: LiveNode) => FieldCompare): Replacement | undefined {
  const key = canonicalJson(k.naturalKey(k.desired(d)));
  const fits: Replacement[] = [];
  for (const l of candidates) {
    if (canonicalJson(k.naturalKey(l.raw)) !== key) continue;
    const cmp = compare(l);
    if (!cmp.diffs.some((f) => f.forcesReplacement)) fits.push({ live: l, compare: cmp });
  }
  return fits.length === 1 ? fits[0] : undefined;
}
