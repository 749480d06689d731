/** Every provisioning route of the emulator (spec tags Apps ... Switchboard Integrations). */
import type { Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { appKeyRoutes } from './app-keys.js';
import { appRoutes } from './apps.js';
import { integrationKeyRoutes } from './integration-keys.js';
import { integrationRoutes } from './integrations.js';
import { switchboardIntegrationRoutes } from './switchboard-integrations.js';
import { switchboardRoutes } from './switchboards.js';
import { webhookRoutes } from './webhooks.js';

export function provisioningRoutes(store: EmulatorStore): Route[] {
  return [
    ...appRoutes(store),
    ...appKeyRoutes(store),
    ...integrationRoutes(store),
    ...integrationKeyRoutes(store),
    ...webhookRoutes(store),
    ...switchboardRoutes(store),
    ...switchboardIntegrationRoutes(store),
  ];
}
