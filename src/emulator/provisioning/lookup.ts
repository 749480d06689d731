/** Finders that answer the spec's documented 404 for each kind. */
import { HttpError } from '../route.js';
import type { EmulatorStore } from '../store.js';
import type { AppRecord, IntegrationRecord, SwitchboardRecord } from './state.js';

export function appRecord(store: EmulatorStore, appId: string): AppRecord {
  const app = store.state.provisioning.apps.find((a) => a.id === appId);
  if (!app) throw new HttpError(404, 'app_not_found', 'App not found');
  return app;
}

export function integrationRecord(app: AppRecord, integrationId: string): IntegrationRecord {
  const integ = app.integrations.find((i) => i.id === integrationId);
  if (!integ) throw new HttpError(404, 'integration_not_found', 'Integration not found');
  return integ;
}

/** The spec has no GET for one switchboard; PATCH/DELETE answer switchboard_not_found. */
export function switchboardRecord(app: AppRecord, switchboardId: string): SwitchboardRecord {
  if (!app.switchboard || app.switchboard.id !== switchboardId) {
    throw new HttpError(404, 'switchboard_not_found', 'Switchboard not found');
  }
  return app.switchboard;
}

/**
 * GetAppKey and GetWebhook document 404 `not_found` / `Resource not found`; the spec
 * documents no more specific code for keys and webhooks.
 */
export function resourceNotFound(): HttpError {
  return new HttpError(404, 'not_found', 'Resource not found');
}

/** Request bodies must be JSON objects; handlers then read known fields only. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) throw new HttpError(400, 'bad_request', 'A JSON body is required');
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'should be object');
  return body as Record<string, unknown>;
}

/** Link base for paginated lists: the request URL, query included (filters are kept in links). */
export function linkBase(baseUrl: string, path: string, query: URLSearchParams): string {
  const q = query.toString();
  return `${baseUrl}${path}${q ? `?${q}` : ''}`;
}
