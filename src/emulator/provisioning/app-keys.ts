/**
 * App keys: /v2/apps/{appId}/keys (CreateAppKey, ListAppKeys, GetAppKey, DeleteAppKey);
 * account scope only (account provisioning). The spec's appKeyListResponse and
 * appKeyResponse both use components.schemas.appKey, which includes `secret`, and the
 * spec's examples listAppKeys / getAppKey show it: list and get return it too.
 */
import { newKeyId, newSecret } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { crudRoutes } from './crud.js';
import { appRecord, resourceNotFound } from './lookup.js';
import type { KeyRecord } from './state.js';

/** App Keys and CustomIntegrationApiKeys tags: at most 10 keys per app, and per integration. */
export const MAX_KEYS = 10;

export const renderKey = (k: KeyRecord) => ({ id: k.id, displayName: k.displayName, secret: k.secret });

/** A key by id, or GetAppKey's documented 404. */
export function keyIn(keys: KeyRecord[], id: string): KeyRecord {
  const key = keys.find((k) => k.id === id);
  if (!key) throw resourceNotFound();
  return key;
}

/**
 * A new key of an app or a custom integration. The App Keys tag: "An app can have a maximum
 * of 10 keys"; the CustomIntegrationApiKeys tag: "An integration can have a maximum of 10 keys."
 */
export function newKey(keys: KeyRecord[], owner: 'app' | 'integration', body: Record<string, unknown>): KeyRecord {
  if (keys.length >= MAX_KEYS) throw new HttpError(400, 'bad_request', `An ${owner} can have a maximum of ${MAX_KEYS} keys`);
  return { id: newKeyId(owner === 'app' ? 'app' : 'int'), displayName: body.displayName as string, secret: newSecret() };
}

export function appKeyRoutes(store: EmulatorStore): Route[] {
  return crudRoutes(store, {
    path: '/v2/apps/:appId/keys',
    idParam: 'keyId',
    scopes: ['account'],
    one: 'key',
    many: 'keys',
    parent: (p) => appRecord(store, p.appId ?? ''),
    items: (a) => a.keys,
    find: (a, id) => keyIn(a.keys, id),
    render: renderKey,
    create: { operationId: 'CreateAppKey', make: (a, body) => newKey(a.keys, 'app', body) },
  });
}
