/**
 * Reads the live state of the apps a config declares, with list calls only (never one GET
 * per resource) and at most `parallelism` requests in flight. Apps the config does not
 * mention are never read beyond the one apps list; with app-scoped credentials an app is
 * read with GET /v2/apps/{id} (pinned) and no apps list at all.
 */
import type { ApiClient, Credentials } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import type { AppConfig, LoadedConfig } from '../config/types.js';
import type { KindName } from '../resources/kind-name.js';
import { appBindingOf } from '../resources/bindings.js';
import { KINDS, ROOT_KIND, listPath } from '../resources/registry.js';
import type { LiveNode, Raw, ResourceKind } from '../resources/types.js';
import { deepEqual, isPlainObject } from '../resources/values.js';
import { PromisePool } from './pool.js';
import { appScope, checkScopes } from './scope.js';
import type { LiveState } from './types.js';

export interface ReadOptions {
  loaded: LoadedConfig;
  client: ApiClient;
  /** Requests in flight at most (--parallelism, default 8). */
  parallelism?: number;
  /** Global key id, to tell account from app-scoped credentials. */
  keyId?: string;
}

function toNode(kind: KindName, raw: unknown): LiveNode | undefined {
  if (!isPlainObject(raw) || typeof raw.id !== 'string') return undefined;
  return { kind, id: raw.id, raw, children: {} };
}

async function list(client: ApiClient, k: ResourceKind, path: string): Promise<LiveNode[]> {
  const items = k.paginated
    ? await client.listAll<unknown>(path, k.itemsKey)
    : (((await client.get<Raw>(path))[k.itemsKey] as unknown[] | undefined) ?? []);
  return items.map((i) => toNode(k.name, i)).filter((n): n is LiveNode => n !== undefined);
}

export async function readLiveState(options: ReadOptions): Promise<LiveState> {
  const { loaded, client } = options;
  checkScopes(loaded, options.keyId);
  const before = client.stats.requests;
  const pool = new PromisePool(options.parallelism ?? 8);
  const apps = Object.entries(loaded.config.apps);
  const clientFor = (app: AppConfig): ApiClient => (app.credentials ? client.withCredentials(app.credentials as Credentials) : client);

  // One apps list per distinct account-scoped credential (normally exactly one, or none).
  const lists = new Map<string, Promise<LiveNode[]>>();
  const found = new Map<string, LiveNode>();
  await Promise.all(
    apps.map(async ([name, app]) => {
      let candidates: LiveNode[];
      if (appScope(app, options.keyId) === 'app') {
        candidates = await pool.run(() => getApp(clientFor(app), app.id!));
      } else {
        const credKey = (app.credentials as Credentials | undefined)?.keyId ?? '';
        if (!lists.has(credKey)) lists.set(credKey, pool.run(() => list(clientFor(app), ROOT_KIND, '/v2/apps')));
        const all = await lists.get(credKey)!;
        // By natural key, or by the app's own binding (a renamed app: src/plan/app-binding.ts).
        candidates = all.filter((n) => (app.id ? n.id === app.id : deepEqual(ROOT_KIND.naturalKey(app as unknown as Raw), ROOT_KIND.naturalKey(n.raw)) || appBindingOf(n) === name));
      }
      for (const c of candidates) {
        if (found.has(c.id)) continue;
        found.set(c.id, c);
        // Deleting an app needs nothing below it.
        if (!app.absent) readChildren(pool, clientFor(app), c, ROOT_KIND, `/v2/apps/${encodeURIComponent(c.id)}`, skipFor(app, options.keyId));
      }
    }),
  );
  await pool.drain();
  return { apps: [...found.values()], requests: client.stats.requests - before };
}

/** App keys cannot be listed with app-scoped credentials (RESOURCES.md "Scopes"): the kinds say which. */
function skipFor(app: AppConfig, keyId: string | undefined): Set<KindName> {
  if (appScope(app, keyId) !== 'app') return new Set();
  return new Set(Object.values(KINDS).filter((k) => k.accountScopeOnly).map((k) => k.name));
}

async function getApp(client: ApiClient, id: string): Promise<LiveNode[]> {
  try {
    const body = await client.get<Raw>(`/v2/apps/${encodeURIComponent(id)}`);
    const node = toNode('app', body.app);
    return node ? [node] : [];
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  }
}

/** Lists every child kind of `node` (schedules tasks on the pool; grandchildren follow). */
function readChildren(pool: PromisePool, client: ApiClient, node: LiveNode, k: ResourceKind, itemPath: string, skip: Set<KindName>): void {
  for (const childKindName of k.children) {
    if (skip.has(childKindName)) continue;
    const childKind = KINDS[childKindName];
    void pool.run(async () => {
      const children = await list(client, childKind, listPath(childKind, itemPath));
      node.children[childKindName] = children;
      for (const child of children) {
        if (childKind.children.length === 0 || (childKind.listsChildren && !childKind.listsChildren(child.raw))) continue;
        readChildren(pool, client, child, childKind, `${listPath(childKind, itemPath)}/${encodeURIComponent(child.id)}`, skip);
      }
    });
  }
}
