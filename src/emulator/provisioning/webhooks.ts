/**
 * Webhooks: /v2/apps/{appId}/integrations/{integrationId}/webhooks[/{webhookId}]. Scopes:
 * the spec lists app and integration; account may call all methods (RESOURCES.md "Scopes").
 * Every response includes `secret`: components.schemas.webhook does not mark it writeOnly
 * and the spec's listWebhooks / getWebhook examples show it.
 */
import { WEBHOOK_TRIGGERS } from '../../resources/webhook-triggers.js';
import { newId, newSecret } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { renderWebhook } from './integration-view.js';
import { crudRoutes } from './crud.js';
import { appRecord, integrationRecord, resourceNotFound } from './lookup.js';
import type { AppRecord, IntegrationRecord, WebhookRecord } from './state.js';

/** A webhook from an already validated body (webhookCreateBody or an inline custom webhook). */
export function newWebhook(body: Record<string, unknown>): WebhookRecord {
  return {
    id: newId(),
    version: 'v2',
    target: body.target as string,
    triggers: [...(body.triggers as string[])],
    secret: newSecret().replace(/[-_]/g, '0').slice(0, 32),
    includeFullUser: body.includeFullUser === true,
    includeFullSource: body.includeFullSource === true,
  };
}

/** components.schemas.target: "URL to be called when the webhook is triggered". */
export function checkTarget(target: unknown, where = 'target'): void {
  let ok = false;
  try {
    ok = typeof target === 'string' && ['http:', 'https:'].includes(new URL(target).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new HttpError(400, 'bad_request', `${where} should be an http or https URL`);
}

/** The Webhooks tag: "An app is limited to 10 webhooks" (inline custom integration webhooks count). */
export const MAX_WEBHOOKS_PER_APP = 10;

export function checkWebhookRoom(app: AppRecord): void {
  const count = app.integrations.reduce((n, i) => n + i.webhooks.length, 0);
  if (count >= MAX_WEBHOOKS_PER_APP) throw new HttpError(400, 'bad_request', `An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks`);
}

/**
 * components.schemas.triggers is "case sensitive" and points to the Webhooks tag's "Webhook
 * Triggers" table; its schema is a plain string array, so the table is checked here.
 */
export function checkTriggers(triggers: unknown, where = 'triggers'): void {
  if (!Array.isArray(triggers)) return;
  const known: readonly string[] = WEBHOOK_TRIGGERS;
  triggers.forEach((t, i) => {
    if (typeof t === 'string' && !known.includes(t)) throw new HttpError(400, 'bad_request', `${where}.${i} is not a webhook trigger: ${t}`);
  });
}

/** The emulator models no Connect (OAuth) integrations, so only `custom` ones have webhooks. */
function withWebhooks(integ: IntegrationRecord): IntegrationRecord {
  if (integ.type !== 'custom') throw new HttpError(400, 'bad_request', 'Webhooks are available only for custom integrations');
  return integ;
}

export function webhookRoutes(store: EmulatorStore): Route[] {
  return crudRoutes(store, {
    path: '/v2/apps/:appId/integrations/:integrationId/webhooks',
    idParam: 'webhookId',
    scopes: ['account', 'app', 'integration'],
    one: 'webhook',
    many: 'webhooks',
    parent: (p) => {
      const app = appRecord(store, p.appId ?? '');
      return { app, integ: withWebhooks(integrationRecord(app, p.integrationId ?? '')) };
    },
    items: ({ integ }) => integ.webhooks,
    find: ({ integ }, id) => {
      const w = integ.webhooks.find((x) => x.id === id);
      if (!w) throw resourceNotFound();
      return w;
    },
    render: renderWebhook,
    create: {
      operationId: 'CreateWebhook',
      make: ({ app }, body) => {
        checkTarget(body.target);
        checkTriggers(body.triggers);
        checkWebhookRoom(app);
        return newWebhook(body);
      },
    },
    update: {
      operationId: 'UpdateWebhook',
      apply: (_, w, body) => {
        if (body.target !== undefined) checkTarget(body.target);
        checkTriggers(body.triggers);
        if (body.target !== undefined) w.target = body.target as string;
        if (body.triggers !== undefined) w.triggers = [...(body.triggers as string[])];
        if (body.includeFullUser !== undefined) w.includeFullUser = body.includeFullUser as boolean;
        if (body.includeFullSource !== undefined) w.includeFullSource = body.includeFullSource as boolean;
      },
    },
  });
}
