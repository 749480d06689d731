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
import { appRecord, integrationRecord, objectBody, resourceNotFound } from './lookup.js';
import type { AppRecord, IntegrationRecord, WebhookRecord } from './state.js';
import { validateRequest } from './validate.js';

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
  const integration = (p: Record<string, string>) =>
    withWebhooks(integrationRecord(appRecord(store, p.appId ?? ''), p.integrationId ?? ''));
  const app = (p: Record<string, string>) => appRecord(store, p.appId ?? '');
  const webhook = (p: Record<string, string>) => {
    const w = integration(p).webhooks.find((x) => x.id === p.webhookId);
    if (!w) throw resourceNotFound();
    return w;
  };
  const base = '/v2/apps/:appId/integrations/:integrationId/webhooks';
  const scopes: Route['scopes'] = ['account', 'app', 'integration'];
  return [
    {
      method: 'POST',
      pattern: base,
      scopes,
      mutates: true,
      handler: (req) => {
        const integ = integration(req.params);
        const body = objectBody(req.body);
        validateRequest('CreateWebhook', body);
        checkTarget(body.target);
        checkTriggers(body.triggers);
        checkWebhookRoom(app(req.params));
        const w = newWebhook(body);
        integ.webhooks.push(w);
        store.touch();
        return { status: 201, body: { webhook: renderWebhook(w) } };
      },
    },
    {
      method: 'GET',
      pattern: base,
      scopes,
      handler: (req) => ({ status: 200, body: { webhooks: integration(req.params).webhooks.map(renderWebhook) } }),
    },
    {
      method: 'GET',
      pattern: `${base}/:webhookId`,
      scopes,
      handler: (req) => ({ status: 200, body: { webhook: renderWebhook(webhook(req.params)) } }),
    },
    {
      method: 'PATCH',
      pattern: `${base}/:webhookId`,
      scopes,
      mutates: true,
      handler: (req) => {
        const w = webhook(req.params);
        const body = objectBody(req.body);
        validateRequest('UpdateWebhook', body);
        if (body.target !== undefined) checkTarget(body.target);
        checkTriggers(body.triggers);
        if (body.target !== undefined) w.target = body.target as string;
        if (body.triggers !== undefined) w.triggers = [...(body.triggers as string[])];
        if (body.includeFullUser !== undefined) w.includeFullUser = body.includeFullUser as boolean;
        if (body.includeFullSource !== undefined) w.includeFullSource = body.includeFullSource as boolean;
        store.touch();
        return { status: 200, body: { webhook: renderWebhook(w) } };
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:webhookId`,
      scopes,
      mutates: true,
      handler: (req) => {
        const integ = integration(req.params);
        const w = webhook(req.params);
        integ.webhooks = integ.webhooks.filter((x) => x !== w);
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
