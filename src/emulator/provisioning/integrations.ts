/**
 * Integrations: /v2/apps/{appId}/integrations[/{integrationId}] (CreateIntegration,
 * ListIntegrations, GetIntegration, UpdateIntegration, DeleteIntegration). Bodies are
 * validated with the spec's per-type schemas (`twilio` on create, `twilioUpdate` on PATCH).
 */
import { newId } from '../ids.js';
import { paginate } from '../paginate.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { checkTypeRules } from './integration-rules.js';
import { fieldSpecs, generatedFields, isIntegrationType, renderIntegration } from './integration-view.js';
import { appRecord, integrationRecord, linkBase, objectBody } from './lookup.js';
import type { AppRecord, IntegrationRecord } from './state.js';
import { validateSchema } from './validate.js';
import { checkTarget, checkTriggers, checkWebhookRoom, newWebhook } from './webhooks.js';

/** components.schemas.integrationUpdate's oneOf names, where they differ from `${type}Update`. */
const UPDATE_SCHEMA: Record<string, string> = { messagebird: 'messageBirdUpdate', whatsapp: 'whatsAppUpdate' };

/** Whether the type takes defaultResponderId (every channel; not `custom`, per the field table). */
function takesDefaultResponder(type: string): boolean {
  return fieldSpecs(type).some((f) => f.name === 'defaultResponderId');
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
  for (const f of fieldSpecs(body.type)) {
    if (f.create === 'none' || ['displayName', 'webhooks', 'defaultResponderId'].includes(f.name)) continue;
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
  validateSchema(UPDATE_SCHEMA[integ.type] ?? `${integ.type}Update`, body);
  checkTypeRules(integ.type, body);
  if ('defaultResponderId' in body && takesDefaultResponder(integ.type)) {
    const id = checkDefaultResponder(app, integ.type, body.defaultResponderId);
    if (id) integ.defaultResponderId = id;
    else delete integ.defaultResponderId;
  }
  for (const f of fieldSpecs(integ.type)) {
    if (f.update !== 'yes' || !(f.name in body) || f.name === 'defaultResponderId') continue;
    const v = body[f.name];
    if (f.name === 'displayName') integ.displayName = v as string | null;
    else if (v === null) delete integ.fields[f.name];
    else integ.fields[f.name] = v;
  }
}

export function integrationRoutes(store: EmulatorStore): Route[] {
  const app = (id: string | undefined) => appRecord(store, id ?? '');
  return [
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/integrations',
      scopes: ['account', 'app'],
      handler: (req) => {
        const a = app(req.params.appId);
        // integrationFilterQuery: filter[types] is a comma-separated list of types.
        const types = req.query.get('filter[types]');
        const wanted = types ? new Set(types.split(',').map((t) => t.trim()).filter(Boolean)) : undefined;
        const items = wanted ? a.integrations.filter((i) => wanted.has(i.type)) : a.integrations;
        const page = paginate(items, req.query, linkBase(req.baseUrl, req.path, req.query));
        return {
          status: 200,
          body: { integrations: page.items.map((i) => renderIntegration(a, i)), meta: page.meta, links: page.links },
        };
      },
    },
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/integrations',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const integ = create(a, objectBody(req.body));
        a.integrations.push(integ);
        store.touch();
        return { status: 201, body: { integration: renderIntegration(a, integ) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/integrations/:integrationId',
      scopes: ['account', 'app'],
      handler: (req) => {
        const a = app(req.params.appId);
        return { status: 200, body: { integration: renderIntegration(a, integrationRecord(a, req.params.integrationId ?? '')) } };
      },
    },
    {
      method: 'PATCH',
      pattern: '/v2/apps/:appId/integrations/:integrationId',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const integ = integrationRecord(a, req.params.integrationId ?? '');
        update(a, integ, objectBody(req.body));
        store.touch();
        return { status: 200, body: { integration: renderIntegration(a, integ) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/integrations/:integrationId',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const a = app(req.params.appId);
        const integ = integrationRecord(a, req.params.integrationId ?? '');
        // DeleteIntegration 400 example; the Integrations tag: "An SDK integration configured on
        // Admin Center cannot be deleted with the API."
        if (integ.adminCenter) throw new HttpError(400, 'bad_request', 'SDK integrations configured on Admin Center cannot be deleted');
        // Its webhooks and keys go with it. Switchboard integrations whose integrationId
        // names it are kept, with a dangling integrationId: DeleteIntegration says nothing
        // about them, and DeleteSwitchboard shows the API keeps such links independent.
        a.integrations = a.integrations.filter((i) => i !== integ);
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
