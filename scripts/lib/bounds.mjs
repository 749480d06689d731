// The lower bound a run is compared with (issue 8):
//   max(critical-path depth × latency, requests × latency / parallelism)
// Every request costs at least one emulator latency; at most `parallelism` are in flight;
// a request that needs another's answer cannot start before it. Depth is counted in requests.

/** Longest dependsOn chain of a plan's steps, in steps (each step is one request when nothing fails). */
export function stepDepth(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map();
  const depth = (id) => {
    if (memo.has(id)) return memo.get(id);
    const step = byId.get(id);
    const d = 1 + Math.max(0, ...(step?.dependsOn ?? []).map(depth));
    memo.set(id, d);
    return d;
  };
  return steps.reduce((max, s) => Math.max(max, depth(s.id)), 0);
}

// The list endpoints the state reader uses (spec paths). A list can only be asked for once the
// list above it answered: /v2/apps → /v2/apps/{id}/integrations → …/integrations/{id}/webhooks.
const COLLECTIONS = new Set(['apps', 'keys', 'integrations', 'webhooks', 'switchboards', 'switchboardIntegrations']);

/**
 * Depth of a read phase from the emulator's request log (GETs only): a list's level is the
 * number of collections in its path (/v2/apps = 1, /v2/apps/x/keys = 2, …/integrations/y/webhooks = 3),
 * and each further page of the same list (cursor pagination) adds one, as it needs the page before.
 */
export function readDepth(log) {
  const pages = new Map();
  for (const r of log) {
    if (r.method !== 'GET') continue;
    pages.set(r.path, (pages.get(r.path) ?? 0) + 1);
  }
  let depth = 0;
  for (const [path, count] of pages) {
    const segs = path.split('/').filter(Boolean).slice(1); // drop "v2"
    const level = segs.filter((s, i) => i % 2 === 0 && COLLECTIONS.has(s)).length;
    // A GET of one item (odd segment count) needs its list first: same level as its list + 1.
    const itemGet = segs.length % 2 === 0 ? 1 : 0;
    depth = Math.max(depth, level + itemGet + count - 1);
  }
  return depth;
}

export function lowerBound({ depth, requests, latencyMs, parallelism }) {
  return Math.max(depth * latencyMs, (requests * latencyMs) / parallelism);
}

export function ratio(wallMs, bound) {
  return bound > 0 ? Math.round((wallMs / bound) * 100) / 100 : null;
}
