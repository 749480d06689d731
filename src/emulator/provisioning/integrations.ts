/**
 * Integrations: /v2/apps/{appId}/integrations[/{integrationId}] (CreateIntegration,
 * ListIntegrations, GetIntegration, UpdateIntegration, DeleteIntegration). Bodies are
 * validated with the spec's per-type schemas (`twilio` on create, `twilioUpdate` on PATCH).
 */
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { checkTypeRules } from './integration-rules.js';
import { isIntegrationType, typeFields, updatableFields, updateSchemaName } from '../spec-fields.js';
import { generatedFields, renderIntegration } from './integration-view.js';
import { crudRoutes } from './crud.js';
import { appRecord, integrationRecord } from './lookup.js';
import type { AppRecord, IntegrationRecord } from './state.js';
import { validateSchema } from './validate.js';
import { checkTarget, checkTriggers, checkWebhookRoom, newWebhook } from './webhooks.js';

/** Whether the type takes defaultResponderId (every channel; its schema has no such field for `custom`). */
function takesDefaultResponder(type: string): boolean {
  return typeFields(type).some((f) => f.name === 'defaultResponderId');
}

/**
 * defaultResponderId must name a switchboard integration of the same app. Types whose spec
 * schema has no such field (`custom` / `customUpdate`, which do not forbid extra properties)
 * ignore it like any other unknown property.
 */
function checkDefaultResponder(app: AppRecord, type: string, id: unknown): string | undefined {
  if (id === undefined || id === null || !takesDefaultResponder(type)) return undefined;
  if (!app.switchboard?.integrations.some((s) => s.id === id)) {
    throw new HttpError(400, 'bad_request', `defaultResponderId ${String(id)} is not a switchboard integration of this app`);
  }
  return id as string;
}

function create(app: AppRecord, body: Record<string, unknown>): IntegrationRecord {
  if (!isIntegrationType(body.type)) throw new HttpError(400, 'bad_request', 'Invalid integration type');
  validateSchema(body.type, body);
  checkTypeRules(body.type, body, 'create');
  if (body.type === 'custom') {
    (body.webhooks as Record<string, unknown>[]).forEach((w, i) => {
      checkTarget(w.target, `webhooks.${i}.target`);
      checkTriggers(w.triggers, `webhooks.${i}.triggers`);
    });
    checkWebhookRoom(app);
  }
  const fields: Record<string, unknown> = {};
  for (const f of typeFields(body.type)) {
    if (f.readOnly || ['webhooks', 'defaultResponderId'].includes(f.name)) continue;
    if (body[f.name] !== undefined && body[f.name] !== null) fields[f.name] = body[f.name];
  }
  const defaultResponderId = checkDefaultResponder(app, body.type, body.defaultResponderId);
  return {
    id: newId(),
    type: body.type,
    status: 'active',
    ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
    fields,
    generated: generatedFields(body.type),
    ...(defaultResponderId ? { defaultResponderId } : {}),
    // `custom`: exactly one inline webhook (minItems 1, maxItems 1, checked by the schema above).
    webhooks: body.type === 'custom' ? (body.webhooks as Record<string, unknown>[]).map(newWebhook) : [],
    keys: [],
  };
}

/**
 * Only fields in the type's update schema change; create-only fields sent on PATCH are
 * ignored: the update schemas omit them without forbidding extra properties, and
 * UpdateIntegration says "If updating a specific property is not supported, you must
 * delete the integration and re-create it".
 */
function update(app: AppRecord, integ: IntegrationRecord, body: Record<string, unknown>): void {
  validateSchema(updateSchemaName(integ.type), body);
  checkTypeRules(integ.type, body);
  if ('defaultResponderId' in body && takesDefaultResponder(integ.type)) {
    const id = checkDefaultResponder(app, integ.type, body.defaultResponderId);
    if (id) integ.defaultResponderId = id;
    else delete integ.defaultResponderId;
  }
  for (const name of updatableFields(integ.type)) {
    if (!(name in body) || name === 'defaultResponderId') continue;
    const v = body[name];
    if (name === 'displayName') integ.displayName = v as string | null;
    else if (v === null) delete integ.fields[name];
    else integ.fields[name] = v;
  }
}

export function integrationRoutes(store: EmulatorStore): Route[] {
  return crudRoutes(store, {
    path: '/v2/apps/:appId/integrations',
    idParam: 'integrationId',
    scopes: ['account', 'app'],
    one: 'integration',
    many: 'integrations',
    parent: (p) => appRecord(store, p.appId ?? ''),
    items: (a) => a.integrations,
    find: integrationRecord,
    render: (integ, a) => renderIntegration(a, integ),
    paginated: true,
    // integrationFilterQuery: filter[types] is a comma-separated list of types.
    filter: (items, query) => {
      const types = query.get('filter[types]');
      const wanted = types ? new Set(types.split(',').map((t) => t.trim()).filter(Boolean)) : undefined;
      return wanted ? items.filter((i) => wanted.has(i.type)) : items;
    },
    create: { make: create },
    update: { apply: update },
    remove: (_, integ) => {
      // DeleteIntegration 400 example; the Integrations tag: "An SDK integration configured on
      // Admin Center cannot be deleted with the API."
      if (integ.adminCenter) throw new HttpError(400, 'bad_request', 'SDK integrations configured on Admin Center cannot be deleted');
      // Its webhooks and keys go with it. Switchboard integrations whose integrationId
      // names it are kept, with a dangling integrationId: DeleteIntegration says nothing
      // about them, and DeleteSwitchboard shows the API keeps such links independent.
    },
  });
}
