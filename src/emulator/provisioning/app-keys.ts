/**
 * App keys: /v2/apps/{appId}/keys (CreateAppKey, ListAppKeys, GetAppKey, DeleteAppKey);
 * account scope only (account provisioning). The spec's appKeyListResponse and
 * appKeyResponse both use components.schemas.appKey, which includes `secret`, and the
 * spec's examples listAppKeys / getAppKey show it: list and get return it too.
 */
import { newKeyId, newSecret } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { appRecord, objectBody, resourceNotFound } from './lookup.js';
import type { KeyRecord } from './state.js';
import { validateRequest } from './validate.js';

/** App Keys and CustomIntegrationApiKeys tags: at most 10 keys per app, and per integration. */
export const MAX_KEYS = 10;

export const renderKey = (k: KeyRecord) => ({ id: k.id, displayName: k.displayName, secret: k.secret });

export function appKeyRoutes(store: EmulatorStore): Route[] {
  const app = (id: string | undefined) => appRecord(store, id ?? '');
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/keys',
      scopes: ['account'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const body = objectBody(req.body);
        validateRequest('CreateAppKey', body);
        // The App Keys tag: "An app can have a maximum of 10 keys."
        if (a.keys.length >= MAX_KEYS) throw new HttpError(400, 'bad_request', `An app can have a maximum of ${MAX_KEYS} keys`);
        const key: KeyRecord = { id: newKeyId('app'), displayName: body.displayName as string, secret: newSecret() };
        a.keys.push(key);
        store.touch();
        return { status: 201, body: { key: renderKey(key) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/keys',
      scopes: ['account'],
      handler: (req) => ({ status: 200, body: { keys: app(req.params.appId).keys.map(renderKey) } }),
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/keys/:keyId',
      scopes: ['account'],
      handler: (req) => {
        const key = app(req.params.appId).keys.find((k) => k.id === req.params.keyId);
        if (!key) throw resourceNotFound();
        return { status: 200, body: { key: renderKey(key) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/keys/:keyId',
      scopes: ['account'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const i = a.keys.findIndex((k) => k.id === req.params.keyId);
        if (i < 0) throw resourceNotFound();
        a.keys.splice(i, 1);
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
