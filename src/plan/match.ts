/**
 * Identity (DESIGN.md "Identity"): a declared entry matches a live object by its pinned
 * `id`, else by its kind's natural key. Two live objects that fit one entry, or two
 * entries that claim one object, are errors that ask for an `id` pin: never guess.
 */
import type { LiveNode, ResourceKind, DesiredNode } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';

export interface MatchResult {
  matched: Map<DesiredNode, LiveNode>;
  /** Live objects no entry claims. */
  unclaimed: LiveNode[];
  errors: string[];
}

/** Matches desired siblings of one kind against the live siblings of that kind. */
export function matchSiblings(
  k: ResourceKind,
  desired: DesiredNode[],
  live: LiveNode[],
  describe: (n: DesiredNode) => string,
  /** A pinned id may be missing (an app declared `absent` that is already gone). */
  missingPinOk: (n: DesiredNode) => boolean = () => false,
): MatchResult {
  const matched = new Map<DesiredNode, LiveNode>();
  const claimedBy = new Map<LiveNode, DesiredNode>();
  const pinned = new Set<LiveNode>();
  const errors: string[] = [];
  const claim = (d: DesiredNode, l: LiveNode): void => {
    const other = claimedBy.get(l);
    if (other) {
      errors.push(`${describe(d)}: live ${k.name} ${l.id} (${k.label(l.raw)}) is also matched by ${other.address}; pin each entry to its object with \`id\``);
      return;
    }
    claimedBy.set(l, d);
    matched.set(d, l);
  };
  // Pins first, so that natural keys never take an object another entry pinned.
  for (const d of desired) {
    const id = d.entry.id;
    if (typeof id !== 'string') continue;
    const l = live.find((n) => n.id === id);
    if (l) {
      claim(d, l);
      pinned.add(l);
    }
    else if (!missingPinOk(d)) errors.push(`${describe(d)}: the pinned id ${id} does not exist live (no ${k.name} has that id)`);
  }
  // Natural keys as canonical strings, computed once per object (large apps have many siblings).
  const liveKeys = new Map(live.map((n) => [n, canonicalJson(k.naturalKey(n.raw))]));
  for (const d of desired) {
    if (typeof d.entry.id === 'string') continue;
    const key = canonicalJson(k.naturalKey(k.desired(d)));
    const fits = live.filter((n) => !pinned.has(n) && liveKeys.get(n) === key);
    if (fits.length > 1) {
      errors.push(`${describe(d)}: ${fits.length} live objects fit (${fits.map((f) => `${f.id} ${k.label(f.raw)}`).join(', ')}); pin one with \`id\``);
    } else if (fits.length === 1) {
      claim(d, fits[0]!);
    }
  }
  return { matched, unclaimed: live.filter((n) => !claimedBy.has(n)), errors };
}
