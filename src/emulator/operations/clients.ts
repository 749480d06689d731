/**
 * A user's clients and devices (spec tags "Clients" and "Devices"). Devices are read-only in
 * the API (SDKs create them), so the emulator lists whatever its state holds.
 */
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import { paginate } from '../paginate.js';
import type { EmulatorStore } from '../store.js';
import { appOps, bodyObject, compact, requireConversation, requireUser } from './records.js';
import { assertSchema } from './spec-schemas.js';
import type { ClientRecord } from './state.js';
import { clientAdded, clientRemoved } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

export function linkBase(req: { baseUrl: string; path: string; query: URLSearchParams }): string {
  const q = req.query.toString();
  return `${req.baseUrl}${req.path}${q ? `?${q}` : ''}`;
}

function clientView(c: ClientRecord): Record<string, unknown> {
  return compact({ ...c });
}

const bad = (title: string) => new HttpError(400, 'bad_request', title);

/**
 * What clientCreate's descriptions ask beyond its schema: matchCriteria.integrationId "Must
 * match the provided type"; a phoneNumber "must contain the + prefix and the country code";
 * a confirmation message "can only be of type text and image. If actions are included they
 * can only be of type link".
 */
function checkLinkRequest(store: EmulatorStore, appId: string, body: Record<string, unknown>): void {
  const mc = body.matchCriteria as Record<string, unknown>;
  const integ = store.state.provisioning.apps.find((a) => a.id === appId)?.integrations.find((i) => i.id === mc.integrationId);
  if (!integ || integ.type !== mc.type) throw bad(`matchCriteria.integrationId must name a ${String(mc.type)} integration of this app`);
  if (typeof mc.phoneNumber === 'string' && !/^\+\d[\d\s-]*$/.test(mc.phoneNumber)) {
    throw bad('matchCriteria.phoneNumber must contain the + prefix and the country code');
  }
  const content = ((body.confirmation as Record<string, unknown>).message as { content?: Record<string, unknown> } | undefined)?.content;
  if (content && !['text', 'image'].includes(String(content.type))) throw bad('confirmation.message can only be of type text or image');
  const actions = (content?.actions as { type?: unknown }[] | undefined) ?? [];
  if (actions.some((a) => a.type !== 'link')) throw bad('confirmation.message actions can only be of type link');
}

export function clientRoutes(store: EmulatorStore): Route[] {
  const user = (p: Record<string, string>) => requireUser(appOps(store, p.appId ?? ''), p.userIdOrExternalId ?? '');
  return [
    {
      // CreateClient: a channel link request; the client starts `pending` (clientCreate).
      method: 'POST',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/clients',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const ops = appOps(store, req.params.appId ?? '');
        const u = requireUser(ops, req.params.userIdOrExternalId ?? '');
        const body = bodyObject(req);
        assertSchema('clientCreate', body, '');
        checkLinkRequest(store, req.params.appId ?? '', body);
        const mc = body.matchCriteria as Record<string, string>;
        const conv = requireConversation(ops, (body.target as { conversationId: string }).conversationId);
        const client: ClientRecord = {
          id: newId(),
          type: mc.type ?? '',
          status: 'pending',
          integrationId: mc.integrationId ?? null,
          externalId: mc.phoneNumber ?? mc.address ?? null,
          linkedAt: null,
          lastSeen: null,
        };
        u.clients.push(client);
        store.touch();
        clientAdded(store, req.params.appId ?? '', u, client, conv);
        return { status: 201, body: { client: clientView(client) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/clients',
      scopes: SCOPES,
      handler: (req) => {
        const page = paginate(user(req.params).clients, req.query, linkBase(req));
        return { status: 200, body: { clients: page.items.map(clientView), meta: page.meta, links: page.links } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/clients/:clientId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const u = user(req.params);
        const client = u.clients.find((c) => c.id === req.params.clientId);
        if (!client) throw new HttpError(404, 'client_not_found', 'Client not found');
        if (client.type === 'sdk') throw new HttpError(400, 'bad_request', "Cannot remove a client of type 'sdk'");
        u.clients = u.clients.filter((c) => c !== client);
        store.touch();
        clientRemoved(store, req.params.appId ?? '', u, client);
        return { status: 200, body: {} };
      },
    },
    {
      // ListDevices is not paginated (deviceListResponse has no meta).
      method: 'GET',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/devices',
      scopes: SCOPES,
      handler: (req) => ({ status: 200, body: { devices: user(req.params).devices.map((d) => compact({ ...d })) } }),
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/devices/:deviceId',
      scopes: SCOPES,
      handler: (req) => {
        const device = user(req.params).devices.find((d) => d.id === req.params.deviceId);
        if (!device) throw new HttpError(404, 'device_not_found', 'Device not found');
        return { status: 200, body: { device: compact({ ...device }) } };
      },
    },
  ];
}
