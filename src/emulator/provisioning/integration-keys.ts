/**
 * Custom integration keys: /v2/apps/{appId}/integrations/{integrationId}/keys[/{keyId}].
 * Keys are `integration` scope for that app + integration. As with app keys, the spec's
 * list and get schemas (components.schemas.apiKey) include `secret`.
 */
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { keyIn, newKey, renderKey } from './app-keys.js';
import { crudRoutes } from './crud.js';
import { appRecord, integrationRecord } from './lookup.js';

export function integrationKeyRoutes(store: EmulatorStore): Route[] {
  const integration = (p: Record<string, string>) => {
    const integ = integrationRecord(appRecord(store, p.appId ?? ''), p.integrationId ?? '');
    // ListCustomIntegrationKeys 400 example.
    if (integ.type !== 'custom') throw new HttpError(400, 'bad_request', 'API keys are available only for custom integrations');
    return integ;
  };
  return crudRoutes(store, {
    path: '/v2/apps/:appId/integrations/:integrationId/keys',
    idParam: 'keyId',
    scopes: ['account', 'app'],
    one: 'key',
    many: 'keys',
    parent: integration,
    items: (integ) => integ.keys,
    find: (integ, id) => keyIn(integ.keys, id),
    render: renderKey,
    create: { operationId: 'CreateCustomIntegrationKey', make: (integ, body) => newKey(integ.keys, 'integration', body) },
  });
}
