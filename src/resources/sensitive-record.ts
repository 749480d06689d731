/**
 * The sensitive-field record (DESIGN.md "Identity", docs/secrets.md): which plain fields of
 * an app's objects sunco applied from variables declared `sensitive: true`. Commands that
 * read no config (export, `sunco api`, the list/get commands, --debug before the values are
 * known) cannot tell those values from any other; the record, kept in the app's reserved
 * metadata key SENSITIVE_KEYS_KEY, tells them. It holds field paths and object ids only,
 * never a value nor anything derived from one. Its value is compact JSON:
 *
 *   {"":["displayName","metadata.team"],"<id>":["target"],...}
 *
 * `""` is the app itself (the object whose metadata holds the record: an app being created
 * has no id yet); any other key is an object's id encoded as in bindings (a 24-hex id in 16
 * base64url characters, id-encoding.ts). Keys are ids, not addresses: a rename keeps
 * an object's entry. Paths are the API's field names, dotted (`settings.x`,
 * `originWhitelist.0`); `metadata.KEY` is the metadata key KEY, dots and all. Keys and paths
 * are sorted, so equal records give equal strings.
 *
 * The first version of the record (a JSON array of the app's metadata key names) is still read.
 */
import { encodeId } from './id-encoding.js';
import { SENSITIVE_KEYS_KEY } from './reserved-keys.js';
import type { LiveNode, Raw } from './types.js';

/** values.ts's isPlainObject, without its JSON library: --debug loads this module with the API client. */
function isPlainObject(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Record key → sorted field paths. */
export type SensitiveRecord = Map<string, string[]>;

/** The record key of the app itself. */
export const SELF = '';

/** The record key of an object (its encoded id). */
export function recordKey(id: string): string {
  return encodeId(id);
}

/** The record an app's metadata holds; empty when none or unreadable. */
export function parseSensitiveRecord(metadata: unknown): SensitiveRecord {
  const out: SensitiveRecord = new Map();
  const value = isPlainObject(metadata) ? metadata[SENSITIVE_KEYS_KEY] : undefined;
  if (typeof value !== 'string') return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return out;
  }
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string' && p !== '') : []);
  if (Array.isArray(parsed)) {
    const keys = strings(parsed).map((k) => `metadata.${k}`);
    if (keys.length > 0) out.set(SELF, keys.sort());
    return out;
  }
  if (!isPlainObject(parsed)) return out;
  for (const [key, paths] of Object.entries(parsed)) {
    const list = strings(paths);
    if (list.length > 0) out.set(key, [...new Set(list)].sort());
  }
  return out;
}

/** The encoded record; undefined when it names nothing. */
export function formatSensitiveRecord(entries: Iterable<[string, readonly string[]]>): string | undefined {
  const sorted = [...entries].filter(([, p]) => p.length > 0).map(([k, p]): [string, string[]] => [k, [...new Set(p)].sort()]);
  sorted.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.length === 0 ? undefined : JSON.stringify(Object.fromEntries(sorted));
}

/** The app metadata keys the record names as sensitive (the app's own `metadata.KEY` paths). */
export function sensitiveMetadataKeys(metadata: unknown): string[] {
  return (parseSensitiveRecord(metadata).get(SELF) ?? []).filter((p) => p.startsWith('metadata.')).map((p) => p.slice('metadata.'.length));
}

/** Where a path points: the metadata key as one segment, else dot by dot. */
export function pathSegments(path: string): string[] {
  if (path.startsWith('metadata.')) return ['metadata', path.slice('metadata.'.length)];
  return path.split('.');
}

/**
 * A copy of `obj` with the scalar at each path replaced by `replacement(path, value)`;
 * paths that lead nowhere (the object changed since) are skipped. `obj` is not modified.
 */
export function replaceAtPaths(obj: Raw, paths: readonly string[], replacement: (path: string, value: string | number | boolean) => unknown): Raw {
  const root: Raw = { ...obj };
  for (const path of paths) {
    const segs = pathSegments(path);
    let parent: Raw | unknown[] = root;
    let ok = true;
    for (let i = 0; i < segs.length - 1 && ok; i++) {
      const child: unknown = (parent as Record<string, unknown>)[segs[i]!];
      if (Array.isArray(child)) (parent as Record<string, unknown>)[segs[i]!] = parent = [...(child as unknown[])];
      else if (isPlainObject(child)) (parent as Record<string, unknown>)[segs[i]!] = parent = { ...child };
      else ok = false;
    }
    const last = segs.at(-1)!;
    const v = ok ? (parent as Record<string, unknown>)[last] : undefined;
    if (typeof v === 'string' ? v !== '' : typeof v === 'number' || typeof v === 'boolean') (parent as Record<string, unknown>)[last] = replacement(path, v as string | number | boolean);
  }
  return root;
}

/**
 * A deep copy of an API answer with every field a record names replaced: an app (an object
 * whose metadata holds a record) by its own entry, any other object with an `id` by the
 * entry of its id in `known`. The records of the apps in the answer are merged into `known`
 * (ids are unique across apps), so a caller can keep it across answers: --debug learns the
 * records from the apps it reads first.
 */
export function maskRecorded(value: unknown, known: SensitiveRecord, replacement: (path: string, value: string | number | boolean) => unknown): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    let paths: string[] = [];
    const own = parseSensitiveRecord(v.metadata);
    for (const [k, p] of own) {
      if (k === SELF) paths = p;
      else known.set(k, p);
    }
    const id = typeof v.id === 'string' ? known.get(recordKey(v.id)) : undefined;
    if (id) paths = [...paths, ...id];
    const out: Raw = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return paths.length === 0 ? out : replaceAtPaths(out, paths, replacement);
  };
  return walk(value);
}

/** The records merged into one (ids are unique across apps); the apps' own entries are left out. */
export function mergeRecords(records: Iterable<SensitiveRecord>): SensitiveRecord {
  const out: SensitiveRecord = new Map();
  for (const r of records) for (const [k, p] of r) if (k !== SELF) out.set(k, p);
  return out;
}

/**
 * The live values at the fields the apps' records name: a run that loads a config knows the
 * values it applies, not those it replaces (a rotated variable) nor those of objects it no
 * longer declares, which plans still name (an unmanaged object's label). Registered with the
 * run's mask, they are hidden by value like the rest.
 */
export function recordedValues(apps: readonly LiveNode[]): string[] {
  const out: string[] = [];
  const take = (node: LiveNode, paths: readonly string[] | undefined): void => {
    if (paths && paths.length > 0) replaceAtPaths(node.raw, paths, (_p, v) => out.push(String(v)));
  };
  for (const app of apps) {
    const record = parseSensitiveRecord(app.raw.metadata);
    if (record.size === 0) continue;
    take(app, record.get(SELF));
    const walk = (n: LiveNode): void => {
      for (const kids of Object.values(n.children)) for (const k of kids ?? []) {
        take(k, record.get(recordKey(k.id)));
        walk(k);
      }
    };
    walk(app);
  }
  return out;
}
