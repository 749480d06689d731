/**
 * Logical names for exported entries (DESIGN.md "The configuration language": letters,
 * digits, `-` and `_`, as they become address segments). A name is the slug of the display
 * name, unique among its siblings. Siblings are named in id order: SunCo ids are ObjectIds
 * that grow with creation time, so the same account exports the same names run after run,
 * whatever order a list call returned, and a newer object with a colliding name gets the suffix.
 */

/** At most 128 characters (the config schema's name pattern); room is kept for a suffix. */
const MAX = 120;

/** `Acme Support (EU)` → `acme-support-eu`; `fallback` when nothing usable is left. */
export function slug(text: unknown, fallback: string): string {
  const s = String(text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** Orders by id, so that naming never depends on the order a list call returned. */
export function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Unique names for siblings, in the order given: the first keeps the bare slug, later ones
 * get `-2`, `-3`, … (skipping any name already taken, e.g. a display name that slugs to `web-2`).
 */
export function uniqueNames(wanted: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  const bare = new Set(wanted);
  return wanted.map((w) => {
    let name = w;
    // A later sibling whose own slug is `web-2` keeps it: suffixes skip every bare slug.
    for (let n = 2; used.has(name) || (name !== w && bare.has(name)); n++) name = `${w}-${n}`;
    used.add(name);
    return name;
  });
}
