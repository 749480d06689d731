/**
 * Switchboard integrations: /v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations
 * [/{switchboardIntegrationId}] (create, list, PATCH, DELETE; no GET of one).
 */
import { createHash } from 'node:crypto';
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { crudRoutes } from './crud.js';
import { appRecord, switchboardRecord } from './lookup.js';
import type { AppRecord, SwitchboardIntegrationRecord, SwitchboardRecord } from './state.js';

/** CreateSwitchboardIntegration 400 example; RESOURCES.md. */
export const MAX_SWITCHBOARD_INTEGRATIONS = 10;

const notFound = () => new HttpError(404, 'switchboard_integration_not_found', 'SwitchboardIntegration not found');
const bad = (title: string) => new HttpError(400, 'bad_request', title);

export function renderSwitchboardIntegration(si: SwitchboardIntegrationRecord): Record<string, unknown> {
  return {
    id: si.id,
    name: si.name,
    integrationId: si.integrationId ?? null,
    integrationType: si.integrationType ?? null,
    deliverStandbyEvents: si.deliverStandbyEvents,
    nextSwitchboardIntegrationId: si.nextSwitchboardIntegrationId ?? null,
    messageHistoryCount: si.messageHistoryCount ?? null,
  };
}

/**
 * Resolves integrationId / integrationType. components.schemas.switchboardIntegration
 * requires both in responses: an `integrationId` names an integration of the app and
 * gives its type; a bare `integrationType` (an OAuth client id such as zd:agentWorkspace)
 * names an integration the emulator does not list, so it gets a stable synthetic id.
 */
function resolveTarget(app: AppRecord, integrationId: unknown, integrationType: unknown): { integrationId: string; integrationType: string } {
  if (typeof integrationId === 'string') {
    const integ = app.integrations.find((i) => i.id === integrationId);
    if (!integ) throw bad(`integrationId ${integrationId} is not an integration of this app`);
    if (typeof integrationType === 'string' && integrationType !== integ.type) {
      throw bad(`integrationType ${integrationType} does not match the type of integration ${integrationId} (${integ.type})`);
    }
    return { integrationId, integrationType: integ.type };
  }
  if (typeof integrationType === 'string') {
    // switchboardIntegrationCreateBody.integrationId: "Must be used when linking a custom integration".
    if (integrationType === 'custom') throw bad('integrationId must be used when linking a custom integration');
    const synthetic = createHash('sha256').update(`${app.id}/${integrationType}`).digest('hex').slice(0, 24);
    return { integrationId: synthetic, integrationType };
  }
  throw bad('should have either integrationId or integrationType');
}

/**
 * components.schemas.name: an "Identifier for use in control transfer protocols. Restricted to
 * alphanumeric characters, `-` and `_`" (maxLength 128 is in the schema). passControl and
 * offerControl address a switchboard integration by it, so it is unique in its switchboard.
 */
function checkName(sb: SwitchboardRecord, name: unknown, self?: SwitchboardIntegrationRecord): void {
  if (typeof name !== 'string') return;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw bad('name is restricted to alphanumeric characters, - and _');
  if (sb.integrations.some((s) => s !== self && s.name === name)) throw bad(`A switchboard integration named ${name} already exists in this switchboard`);
}

function checkNext(sb: SwitchboardRecord, next: unknown): void {
  if (next === undefined || next === null) return;
  if (!sb.integrations.some((s) => s.id === next)) {
    throw bad(`nextSwitchboardIntegrationId ${String(next)} is not a switchboard integration of this switchboard`);
  }
}

export function switchboardIntegrationRoutes(store: EmulatorStore): Route[] {
  return crudRoutes(store, {
    path: '/v2/apps/:appId/switchboards/:switchboardId/switchboardIntegrations',
    idParam: 'switchboardIntegrationId',
    scopes: ['account', 'app'],
    one: 'switchboardIntegration',
    many: 'switchboardIntegrations',
    parent: (p) => {
      const app = appRecord(store, p.appId ?? '');
      return { app, sb: switchboardRecord(app, p.switchboardId ?? '') };
    },
    items: ({ sb }) => sb.integrations,
    find: ({ sb }, id) => {
      const si = sb.integrations.find((s) => s.id === id);
      if (!si) throw notFound();
      return si;
    },
    render: renderSwitchboardIntegration,
    gettable: false,
    create: {
      operationId: 'CreateSwitchboardIntegration',
      make: ({ app, sb }, body) => {
        checkName(sb, body.name);
        if (sb.integrations.length >= MAX_SWITCHBOARD_INTEGRATIONS) {
          throw new HttpError(400, 'too_many_switchboard_integrations', 'Switchboard has reached the max number of switchboard integrations (10)');
        }
        const target = resolveTarget(app, body.integrationId, body.integrationType);
        checkNext(sb, body.nextSwitchboardIntegrationId);
        return {
          id: newId(),
          name: body.name as string,
          ...target,
          // switchboardIntegrationCreateBody: deliverStandbyEvents defaults to true.
          deliverStandbyEvents: body.deliverStandbyEvents !== false,
          nextSwitchboardIntegrationId: (body.nextSwitchboardIntegrationId as string | null | undefined) ?? null,
          messageHistoryCount: (body.messageHistoryCount as number | null | undefined) ?? null,
        };
      },
    },
    update: {
      operationId: 'UpdateSwitchboardIntegration',
      apply: ({ app, sb }, si, body) => {
        checkName(sb, body.name, si);
        // switchboardIntegrationUpdateBody: "Can't provide both `integrationId` and `integrationType`."
        if (body.integrationId !== undefined && body.integrationType !== undefined) {
          throw bad("Can't provide both integrationId and integrationType");
        }
        checkNext(sb, body.nextSwitchboardIntegrationId);
        if (body.integrationId !== undefined || body.integrationType !== undefined) {
          Object.assign(si, resolveTarget(app, body.integrationId, body.integrationType));
        }
        if (body.name !== undefined) si.name = body.name as string;
        if (body.deliverStandbyEvents !== undefined) si.deliverStandbyEvents = body.deliverStandbyEvents as boolean;
        if (body.nextSwitchboardIntegrationId !== undefined) si.nextSwitchboardIntegrationId = body.nextSwitchboardIntegrationId as string | null;
        if (body.messageHistoryCount !== undefined) si.messageHistoryCount = body.messageHistoryCount as number | null;
      },
    },
    remove: ({ app, sb }, si) => {
      // DeleteSwitchboardIntegration: "it is forbidden to delete a switchboard integration if
      // it's the default one (a new one must be chosen first) or if another switchboard
      // integration's `nextSwitchboardIntegrationId` refers to it."
      if (sb.defaultSwitchboardIntegrationId === si.id) {
        throw bad('Cannot delete the default switchboard integration: choose a new default first');
      }
      const referrer = sb.integrations.find((s) => s !== si && s.nextSwitchboardIntegrationId === si.id);
      if (referrer) {
        throw bad(`Cannot delete a switchboard integration that switchboard integration ${referrer.id} refers to as its next`);
      }
      for (const integ of app.integrations) {
        if (integ.defaultResponderId === si.id) delete integ.defaultResponderId;
      }
    },
  });
}
