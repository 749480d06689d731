/**
 * The emulator's own control API for webhooks, outside the SunCo API paths (they start with
 * /_emulator, which the real API does not serve) and behind the same authentication and
 * scopes as the app's routes:
 *
 *   POST /_emulator/apps/{appId}/webhooks/trigger               {event, integrationId?, data?}
 *   GET  /_emulator/apps/{appId}/webhooks/deliveries            recent deliveries of the app
 *   POST /_emulator/apps/{appId}/webhooks/deliveries/{id}/resend
 *   GET  /_emulator/webhooks/deliveries                         every app's (account key only)
 *
 * An integration key sees and triggers only its own integration's deliveries.
 */
import { HttpError, type EmuRequest, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { deliveryView, type DeliveryRecord } from './delivery-record.js';
import type { WebhookDispatcher } from './dispatcher.js';
import type { InternalCall } from './internal-call.js';
import { runFixture } from './trigger-fixtures.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

function stringMap(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new HttpError(400, 'bad_request', 'data must be an object of strings');
  }
  return value as Record<string, string>;
}

/** Deliveries the caller may see: an integration key only its own integration's. */
function visible(req: EmuRequest, list: DeliveryRecord[]): DeliveryRecord[] {
  const own = req.principal.scope === 'integration' ? req.principal.integrationId : undefined;
  return own === undefined ? list : list.filter((d) => d.integrationId === own);
}

function limitOf(req: EmuRequest): number {
  const raw = req.query.get('limit');
  const n = raw === null ? 100 : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, 'bad_request', 'limit must be a positive integer');
  return n;
}

const listBody = (req: EmuRequest, list: DeliveryRecord[]) => ({ deliveries: visible(req, list).slice(-limitOf(req)).map(deliveryView) });

export function webhookControlRoutes(store: EmulatorStore, dispatcher: WebhookDispatcher, call: InternalCall): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/_emulator/apps/:appId/webhooks/trigger',
      scopes: SCOPES,
      mutates: true,
      handler: async (req) => {
        const appId = req.params.appId ?? '';
        const app = store.state.provisioning.apps.find((a) => a.id === appId);
        if (!app) throw new HttpError(404, 'app_not_found', 'App not found');
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (typeof body.event !== 'string') throw new HttpError(400, 'bad_request', 'event is required, e.g. conversation:message');
        let integrationId = typeof body.integrationId === 'string' ? body.integrationId : undefined;
        if (req.principal.scope === 'integration') {
          if (integrationId !== undefined && integrationId !== req.principal.integrationId) throw new HttpError(403, 'forbidden', 'Forbidden');
          integrationId = req.principal.integrationId;
        }
        if (integrationId !== undefined && !app.integrations.some((i) => i.id === integrationId)) throw new HttpError(404, 'integration_not_found', 'Integration not found');
        const event = body.event;
        const data = stringMap(body.data);
        const { result, deliveries } = dispatcher.capture(() => runFixture(call, appId, event, data), integrationId);
        await dispatcher.firstOutcome(deliveries);
        return { status: 201, body: { event, objects: result, deliveries: deliveries.map(deliveryView) } };
      },
    },
    {
      method: 'GET',
      pattern: '/_emulator/apps/:appId/webhooks/deliveries',
      scopes: SCOPES,
      handler: (req) => {
        store.requireApp(req.params.appId ?? '');
        return { status: 200, body: listBody(req, dispatcher.log.list(req.params.appId)) };
      },
    },
    {
      method: 'POST',
      pattern: '/_emulator/apps/:appId/webhooks/deliveries/:deliveryId/resend',
      scopes: SCOPES,
      mutates: true,
      handler: async (req) => {
        const appId = req.params.appId ?? '';
        const old = visible(req, dispatcher.log.list(appId)).find((d) => d.id === req.params.deliveryId);
        if (!old) throw new HttpError(404, 'not_found', 'Delivery not found');
        const d = dispatcher.resend(old.id, appId);
        await dispatcher.firstOutcome([d]);
        return { status: 201, body: { delivery: deliveryView(d) } };
      },
    },
    {
      method: 'GET',
      pattern: '/_emulator/webhooks/deliveries',
      scopes: ['account'],
      handler: (req) => ({ status: 200, body: listBody(req, dispatcher.log.list()) }),
    },
  ];
}
