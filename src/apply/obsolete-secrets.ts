/**
 * Entries of the --secrets-out file that no longer name a live object of the config, after an
 * apply: the secret of an object this apply deleted (or of one inside a deleted app or
 * integration, which the API deletes with it), and an entry left under an old address when the
 * same live object is now managed under another (a renamed key in the config: bindings keep
 * the id, recovery or the create saved the secret under the new address). Entries are matched
 * by id only, so an entry without one, or one another config manages, is never picked.
 * No I/O: the caller removes what this picks.
 */
import { isUnmanagedAddress } from '../resources/addresses.js';
import type { LiveNode } from '../resources/types.js';
import type { LiveState } from '../state/types.js';
import type { SavedSecret } from './secrets-journal.js';

/** The ids of these objects and of everything under them in the live tree. */
function withDescendants(live: LiveState, ids: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const visit = (n: LiveNode, inside: boolean): void => {
    const gone = inside || ids.has(n.id);
    if (gone) out.add(n.id);
    for (const children of Object.values(n.children)) for (const c of children ?? []) visit(c, gone);
  };
  for (const app of live.apps) visit(app, false);
  for (const id of ids) out.add(id);
  return out;
}

/**
 * `liveIds`: the plan's address → live id (managed addresses, and `kind[id]` addresses of
 * unmanaged objects); `deleted`: the ids this apply deleted.
 */
export function obsoleteSecret(liveIds: Readonly<Record<string, string>>, live: LiveState, deleted: ReadonlySet<string>): (address: string, entry: SavedSecret) => boolean {
  const gone = withDescendants(live, deleted);
  const managedAt = new Map<string, string>();
  for (const [address, id] of Object.entries(liveIds)) if (!isUnmanagedAddress(address) && !gone.has(id)) managedAt.set(id, address);
  return (address, entry) => {
    if (typeof entry?.id !== 'string') return false;
    if (gone.has(entry.id)) return true;
    const now = managedAt.get(entry.id);
    return now !== undefined && now !== address && !(address in liveIds);
  };
}
