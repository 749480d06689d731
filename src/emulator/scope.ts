/**
 * The spec's authorization table (info.description, "Authorization"; RESOURCES.md "Scopes"):
 * account → all methods; app → all methods of its own app except account provisioning;
 * integration → users, conversations, attachments and webhooks of its own integration.
 * Which scopes a route admits is declared on the route; here the core adds "own app /
 * own integration". Another app's id answers 403 `forbidden`, the error the spec documents
 * for those operations (e.g. ListWebhooks 403 `forbidden` / `Forbidden`), whether or not
 * that app exists, so that a key cannot probe for other apps' ids.
 */
import { HttpError, type Principal, type Route } from './route.js';

const forbidden = () => new HttpError(403, 'forbidden', 'Forbidden');

export function authorize(route: Route, params: Record<string, string>, principal: Principal): void {
  if (!route.scopes.includes(principal.scope)) throw forbidden();
  if (principal.scope === 'account') return;
  if (params.appId === undefined || params.appId !== principal.appId) throw forbidden();
  if (principal.scope === 'integration' && params.integrationId !== undefined && params.integrationId !== principal.integrationId) {
    throw forbidden();
  }
}
