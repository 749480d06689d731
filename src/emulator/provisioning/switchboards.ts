/**
 * Switchboards: /v2/apps/{appId}/switchboards[/{switchboardId}] (CreateSwitchboard takes no
 * body; no GET of one switchboard: it is read with the list call).
 */
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { appRecord, objectBody, switchboardRecord } from './lookup.js';
import type { SwitchboardRecord } from './state.js';
import { validateRequest } from './validate.js';

export function renderSwitchboard(sb: SwitchboardRecord): Record<string, unknown> {
  return {
    id: sb.id,
    enabled: sb.enabled,
    ...(sb.defaultSwitchboardIntegrationId ? { defaultSwitchboardIntegrationId: sb.defaultSwitchboardIntegrationId } : {}),
  };
}

export function switchboardRoutes(store: EmulatorStore): Route[] {
  const app = (id: string | undefined) => appRecord(store, id ?? '');
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/switchboards',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        // CreateSwitchboard 400 example; RESOURCES.md "One switchboard per app".
        if (a.switchboard) throw new HttpError(400, 'bad_request', 'Only one switchboard can be created per app');
        // Created disabled ("Allows creating the switchboard in a disabled state", schemas.enabled).
        a.switchboard = { id: newId(), enabled: false, integrations: [] };
        store.touch();
        return { status: 201, body: { switchboard: renderSwitchboard(a.switchboard) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/switchboards',
      scopes: ['account', 'app'],
      handler: (req) => {
        const sb = app(req.params.appId).switchboard;
        return { status: 200, body: { switchboards: sb ? [renderSwitchboard(sb)] : [] } };
      },
    },
    {
      method: 'PATCH',
      pattern: '/v2/apps/:appId/switchboards/:switchboardId',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const sb = switchboardRecord(app(req.params.appId), req.params.switchboardId ?? '');
        const body = objectBody(req.body);
        validateRequest('UpdateSwitchboard', body);
        const nextDefault =
          body.defaultSwitchboardIntegrationId !== undefined ? (body.defaultSwitchboardIntegrationId as string) : sb.defaultSwitchboardIntegrationId;
        if (nextDefault !== undefined && !sb.integrations.some((s) => s.id === nextDefault)) {
          throw new HttpError(400, 'bad_request', `defaultSwitchboardIntegrationId ${nextDefault} is not a switchboard integration of this switchboard`);
        }
        const enabled = body.enabled !== undefined ? (body.enabled as boolean) : sb.enabled;
        // The title the spec documents for this rule (UpdateSwitchboardIntegration 404 example).
        if (enabled && !nextDefault) {
          throw new HttpError(400, 'bad_request', 'Enabled switchboard must have an associated default switchboardIntegration');
        }
        sb.enabled = enabled;
        if (nextDefault !== undefined) sb.defaultSwitchboardIntegrationId = nextDefault;
        store.touch();
        return { status: 200, body: { switchboard: renderSwitchboard(sb) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/switchboards/:switchboardId',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const sb = switchboardRecord(a, req.params.switchboardId ?? '');
        // DeleteSwitchboard: "Deletes the switchboard and all its switchboard integrations. The
        // integrations linked to these switchboard integrations are not deleted". Their
        // defaultResponderId pointed into it and now points nowhere: cleared.
        const gone = new Set(sb.integrations.map((s) => s.id));
        for (const integ of a.integrations) {
          if (integ.defaultResponderId && gone.has(integ.defaultResponderId)) delete integ.defaultResponderId;
        }
        delete a.switchboard;
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
