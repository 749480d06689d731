/**
 * Secrets the API returns again: the spec's GET and list answers for app keys, integration
 * keys and webhooks carry `secret` (spec/openapi.json, components.schemas.appKey / webhook),
 * so a managed object whose secret is missing from the --secrets-out file (a lost create
 * response, a kill -9, an entry deleted by hand) or recorded under another id (stale: the
 * object was made again) can have it copied from the live state the planner already read.
 * No I/O here: the caller reads the file and saves what this finds.
 */
import { parseAddress } from '../resources/addresses.js';
import type { LiveNode } from '../resources/types.js';
import type { LiveState } from '../state/types.js';
import type { SecretEntries } from './secrets-journal.js';

export interface RecoverableSecret {
  address: string;
  id: string;
  secret: string;
  /** No entry for the address, or an entry whose id is not the live id. */
  reason: 'missing' | 'stale';
}

function byId(live: LiveState): Map<string, LiveNode> {
  const nodes = new Map<string, LiveNode>();
  const visit = (n: LiveNode): void => {
    nodes.set(n.id, n);
    for (const children of Object.values(n.children)) for (const c of children ?? []) visit(c);
  };
  live.apps.forEach(visit);
  return nodes;
}

/** The live secret of every managed address (plan.liveIds) whose kind has one, optionally only these addresses. */
export function liveSecrets(liveIds: Record<string, string>, live: LiveState, only?: readonly string[]): { address: string; id: string; secret: string }[] {
  const nodes = byId(live);
  const out: { address: string; id: string; secret: string }[] = [];
  for (const [address, id] of Object.entries(liveIds)) {
    if (only && only.length > 0 && !only.includes(address)) continue;
    const node = nodes.get(id);
    const kind = parseAddress(address)?.kind;
    if (!node || !kind?.generatedSecret) continue;
    const field = kind.generatedSecret(node.raw);
    const secret = field ? node.raw[field] : undefined;
    if (typeof secret === 'string' && secret !== '') out.push({ address, id, secret });
  }
  return out;
}

/** The live secrets the file lacks or holds under another id. */
export function recoverableSecrets(liveIds: Record<string, string>, live: LiveState, saved: SecretEntries): RecoverableSecret[] {
  const out: RecoverableSecret[] = [];
  for (const s of liveSecrets(liveIds, live)) {
    const entry = saved[s.address];
    if (!entry) out.push({ ...s, reason: 'missing' });
    else if (entry.id !== undefined && entry.id !== s.id) out.push({ ...s, reason: 'stale' });
  }
  return out;
}
