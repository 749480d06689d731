/**
 * Custom integration keys: /v2/apps/{appId}/integrations/{integrationId}/keys[/{keyId}].
 * Keys are `integration` scope for that app + integration. As with app keys, the spec's
 * list and get schemas (components.schemas.apiKey) include `secret`.
 */
import { newKeyId, newSecret } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { MAX_KEYS, renderKey } from './app-keys.js';
import { appRecord, integrationRecord, objectBody, resourceNotFound } from './lookup.js';
import type { KeyRecord } from './state.js';
import { validateRequest } from './validate.js';

export function integrationKeyRoutes(store: EmulatorStore): Route[] {
  const integration = (p: Record<string, string>) => {
    const integ = integrationRecord(appRecord(store, p.appId ?? ''), p.integrationId ?? '');
    // ListCustomIntegrationKeys 400 example.
    if (integ.type !== 'custom') throw new HttpError(400, 'bad_request', 'API keys are available only for custom integrations');
    return integ;
  };
  const key = (p: Record<string, string>) => {
    const k = integration(p).keys.find((x) => x.id === p.keyId);
    if (!k) throw resourceNotFound();
    return k;
  };
  const base = '/v2/apps/:appId/integrations/:integrationId/keys';
  return [
    {
      method: 'POST',
      pattern: base,
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const integ = integration(req.params);
        const body = objectBody(req.body);
        validateRequest('CreateCustomIntegrationKey', body);
        // The CustomIntegrationApiKeys tag: "An integration can have a maximum of 10 keys."
        if (integ.keys.length >= MAX_KEYS) throw new HttpError(400, 'bad_request', `An integration can have a maximum of ${MAX_KEYS} keys`);
        const k: KeyRecord = { id: newKeyId('int'), displayName: body.displayName as string, secret: newSecret() };
        integ.keys.push(k);
        store.touch();
        return { status: 201, body: { key: renderKey(k) } };
      },
    },
    {
      method: 'GET',
      pattern: base,
      scopes: ['account', 'app'],
      handler: (req) => ({ status: 200, body: { keys: integration(req.params).keys.map(renderKey) } }),
    },
    {
      method: 'GET',
      pattern: `${base}/:keyId`,
      scopes: ['account', 'app'],
      handler: (req) => ({ status: 200, body: { key: renderKey(key(req.params)) } }),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:keyId`,
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const integ = integration(req.params);
        const k = key(req.params);
        integ.keys = integ.keys.filter((x) => x !== k);
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
