/**
 * Identity (DESIGN.md "Identity"): a declared entry matches a live object by its binding
 * (the id sunco recorded for its address, bindings.ts), else its pinned `id`, else its
 * kind's natural key. Two live objects that fit one entry, or two entries that claim one
 * object, are errors that ask for an `id` pin: never guess.
 *
 * A pin that disagrees with the binding wins: the pin is the user's word, the binding only
 * sunco's memory of the last apply (it is rewritten to the pin). A binding to an object
 * that is gone is ignored (and rewritten by the next apply). Objects claimed by a pin or a
 * binding are never taken by another entry's natural key, so renaming A to B's old name
 * while adding a new B cannot swap them.
 */
import type { LiveNode, ResourceKind, DesiredNode } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';

export interface MatchResult {
  matched: Map<DesiredNode, LiveNode>;
  /** Entries matched by their binding (not by pin or natural key). */
  byBinding: Set<DesiredNode>;
  /** Live objects no entry claims. */
  unclaimed: LiveNode[];
  errors: string[];
}

export interface MatchOptions {
  /** A pinned id may be missing (an app declared `absent` that is already gone). */
  missingPinOk?: (n: DesiredNode) => boolean;
  /** The live id recorded for this entry's address, if any (only ids of this parent's siblings count). */
  bound?: (n: DesiredNode) => string | undefined;
}

/** Matches desired siblings of one kind against the live siblings of that kind. */
export function matchSiblings(
  k: ResourceKind,
  desired: DesiredNode[],
  live: LiveNode[],
  describe: (n: DesiredNode) => string,
  options: MatchOptions = {},
): MatchResult {
  const missingPinOk = options.missingPinOk ?? (() => false);
  const matched = new Map<DesiredNode, LiveNode>();
  const claimedBy = new Map<LiveNode, DesiredNode>();
  const reserved = new Set<LiveNode>();
  const byBinding = new Set<DesiredNode>();
  const errors: string[] = [];
  const byId = new Map(live.map((n) => [n.id, n]));
  const claim = (d: DesiredNode, l: LiveNode): void => {
    const other = claimedBy.get(l);
    if (other) {
      errors.push(`${describe(d)}: live ${k.name} ${l.id} (${k.label(l.raw)}) is also matched by ${other.address}; pin each entry to its object with \`id\``);
      return;
    }
    claimedBy.set(l, d);
    matched.set(d, l);
  };
  // Pins first, so that neither bindings nor natural keys take an object another entry pinned.
  for (const d of desired) {
    const id = d.entry.id;
    if (typeof id !== 'string') continue;
    const l = byId.get(id);
    if (l) {
      claim(d, l);
      reserved.add(l);
    }
    else if (!missingPinOk(d)) errors.push(`${describe(d)}: the pinned id ${id} does not exist live (no ${k.name} has that id)`);
  }
  // Bindings: only among this parent's live children (never across parents or apps).
  for (const d of desired) {
    if (typeof d.entry.id === 'string') continue;
    const id = options.bound?.(d);
    const l = id === undefined ? undefined : byId.get(id);
    if (!l || reserved.has(l) || claimedBy.has(l)) continue;
    claim(d, l);
    reserved.add(l);
    byBinding.add(d);
  }
  // Natural keys as canonical strings, computed once per object (large apps have many siblings).
  const liveKeys = new Map(live.map((n) => [n, canonicalJson(k.naturalKey(n.raw))]));
  for (const d of desired) {
    if (typeof d.entry.id === 'string' || matched.has(d)) continue;
    const key = canonicalJson(k.naturalKey(k.desired(d)));
    const fits = live.filter((n) => !reserved.has(n) && liveKeys.get(n) === key);
    if (fits.length > 1) {
      errors.push(`${describe(d)}: ${fits.length} live objects fit (${fits.map((f) => `${f.id} ${k.label(f.raw)}`).join(', ')}); pin one with \`id\``);
    } else if (fits.length === 1) {
      claim(d, fits[0]!);
    }
  }
  return { matched, byBinding, unclaimed: live.filter((n) => !claimedBy.has(n)), errors };
}
