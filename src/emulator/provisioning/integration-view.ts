/**
 * How a stored integration is shown, by the type's schema in the spec (spec-fields.ts):
 * writeOnly fields (e.g. twilio authToken) are never returned; a field never set shows its
 * schema `default`; readOnly generated fields get plausible values; `defaultResponderId` is
 * read back as `defaultResponder` (spec: components.schemas.defaultResponder).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { typeFields } from '../spec-fields.js';
import type { AppRecord, IntegrationRecord, WebhookRecord } from './state.js';

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Values the API computes on create for the read-only fields of each type. */
export function generatedFields(type: string): Record<string, unknown> {
  const gen: Record<string, () => unknown> = {
    attachmentsEnabled: () => true,
    businessName: () => 'Emulated Business',
    businessUsername: () => 'emulated.business',
    pageId: () => digits(15),
    businessId: () => digits(17),
    username: () => (type === 'telegram' ? `sunco_emulator_${digits(4)}_bot` : 'emulated.business'),
    userId: () => digits(17),
    lineId: () => `@${hex(4)}`,
    webhookSecret: () => hex(16),
    botId: () => digits(10),
    envName: () => `sunco-${hex(3)}`,
    uri: () => `sunco-emulator-${hex(3)}`,
    accountId: () => hex(8),
    phoneNumber: () => `+1555${digits(7)}`,
  };
  const out: Record<string, unknown> = {};
  for (const f of typeFields(type)) {
    const make = gen[f.name];
    if (f.readOnly && !f.writeOnly && make) out[f.name] = make();
  }
  return out;
}

export function renderWebhook(w: WebhookRecord): Record<string, unknown> {
  return {
    id: w.id,
    version: w.version,
    target: w.target,
    triggers: [...w.triggers],
    secret: w.secret,
    includeFullUser: w.includeFullUser,
    includeFullSource: w.includeFullSource,
  };
}

/**
 * components.schemas.defaultResponder, with only its documented properties. `inherited`:
 * "Returns `false` if a per-channel responder override has been set for this integration,
 * and `true` otherwise", so without an override the integration reports the default of the
 * app's enabled switchboard (the one a new conversation starts with), inherited.
 */
function defaultResponder(app: AppRecord, integ: IntegrationRecord): Record<string, unknown> | undefined {
  const sb = app.switchboard;
  const override = integ.defaultResponderId;
  const id = override ?? (sb?.enabled ? sb.defaultSwitchboardIntegrationId : undefined);
  const si = id === undefined ? undefined : sb?.integrations.find((s) => s.id === id);
  if (!si) return undefined;
  return {
    name: si.name,
    ...(si.integrationId !== undefined ? { integrationId: si.integrationId } : {}),
    ...(si.integrationType !== undefined ? { integrationType: si.integrationType } : {}),
    deliverStandbyEvents: si.deliverStandbyEvents,
    nextSwitchboardIntegrationId: si.nextSwitchboardIntegrationId ?? null,
    ...(si.messageHistoryCount != null ? { messageHistoryCount: si.messageHistoryCount } : {}),
    inherited: override === undefined,
  };
}

export function renderIntegration(app: AppRecord, integ: IntegrationRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: integ.id, type: integ.type, status: integ.status };
  if (integ.displayName != null) out.displayName = integ.displayName;
  for (const f of typeFields(integ.type)) {
    if (f.writeOnly || f.name === 'webhooks' || f.name === 'defaultResponder') continue;
    const value = f.readOnly ? integ.generated[f.name] : (integ.fields[f.name] ?? f.default);
    if (value !== undefined && value !== null) out[f.name] = value;
  }
  // The custom schema has no defaultResponder (nor defaultResponderId, see integrations.ts).
  const dr = integ.type === 'custom' ? undefined : defaultResponder(app, integ);
  if (dr) out.defaultResponder = dr;
  if (integ.type === 'custom') out.webhooks = integ.webhooks.map(renderWebhook);
  return out;
}
