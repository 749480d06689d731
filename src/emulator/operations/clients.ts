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

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

export function linkBase(req: { baseUrl: string; path: string; query: URLSearchParams }): string {
  const q = req.query.toString();
  return `${req.baseUrl}${req.path}${q ? `?${q}` : ''}`;
}

function clientView(c: ClientRecord): Record<string, unknown> {
  return compact({ ...c });
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
        const mc = body.matchCriteria as Record<string, string>;
        requireConversation(ops, (body.target as { conversationId: string }).conversationId);
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
