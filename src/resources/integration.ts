/**
 * Integrations (spec: /v2/apps/{appId}/integrations). Identity: type + displayName. Field
 * rules come per type from fields.ts. Read shape → write shape: the write-only
 * `defaultResponderId` is read back inside `defaultResponder` (spec schema defaultResponder:
 * name, integrationId, ..., inherited), so it is compared as the address of the switchboard
 * integration of that name; `inherited: true` means no per-integration override is set.
 */
import { address } from '../config/address.js';
import { INTEGRATION_TYPES, type IntegrationType } from '../config/types.js';
import { INTEGRATION_FIELDS, type FieldSpec } from './fields.js';
import { declaredFields, liveFields, mapEntries } from './common.js';
import type { Raw, ResourceKind } from './types.js';
import { isPlainObject, liveRef, ref } from './values.js';

/** `type` never changes in place: a different type on a pinned id is a replacement. */
const TYPE_SPEC: FieldSpec = { name: 'type', type: 'string', create: 'required', update: 'replace', readBack: true };

function specsFor(type: unknown): FieldSpec[] {
  if (typeof type !== 'string' || !(INTEGRATION_TYPES as readonly string[]).includes(type)) return [TYPE_SPEC];
  const specs = INTEGRATION_FIELDS[type as IntegrationType]
    // Child resources, not fields: custom webhooks are planned as webhook resources.
    .filter((s) => s.name !== 'webhooks')
    // Compared through its read shape (defaultResponder), so not treated as write-only.
    .map((s): FieldSpec => (s.name === 'defaultResponderId' ? { ...s, writeOnly: undefined, readBack: true } : s));
  return [TYPE_SPEC, ...specs];
}

function hasResponder(type: unknown): boolean {
  return specsFor(type).some((s) => s.name === 'defaultResponderId');
}

export const integrationKind: ResourceKind = {
  name: 'integration',
  segment: 'integration',
  parent: 'app',
  children: ['webhook', 'integration-key'],
  listsChildren: (raw) => raw.type === 'custom',
  itemsKey: 'integrations',
  responseKey: 'integration',
  paginated: true,
  collection: 'integrations',
  entries: (app) => mapEntries(app, 'integrations'),
  naturalKey: (obj) => ({ type: obj.type, displayName: obj.displayName ?? undefined }),
  fieldSpecs: (obj) => specsFor(obj.type),
  desired: (node) => {
    const out: Raw = { type: node.entry.type, ...declaredFields(node.entry, specsFor(node.entry.type)) };
    if (typeof node.entry.defaultResponder === 'string' && hasResponder(node.entry.type)) {
      out.defaultResponderId = ref(address.switchboardIntegration(node.app, node.entry.defaultResponder));
    }
    return out;
  },
  live: (raw, ctx) => {
    const specs = specsFor(raw.type).filter((s) => s.name !== 'defaultResponderId');
    const out: Raw = { ...liveFields(raw, specs), type: raw.type };
    const responder = raw.defaultResponder;
    if (isPlainObject(responder) && responder.inherited !== true && typeof responder.name === 'string') {
      // The spec's defaultResponder has no id of the switchboard integration, only its name;
      // use an id when the server adds one (the emulator's switchboardIntegrationId).
      const id = typeof responder.switchboardIntegrationId === 'string' ? responder.switchboardIntegrationId : ctx.switchboardIntegrationIdByName(responder.name);
      out.defaultResponderId = id === undefined ? ref(`name:${responder.name}`) : liveRef(id, ctx.addressOfId);
    }
    return out;
  },
  check: (node) =>
    node.entry.defaultResponder !== undefined && !hasResponder(node.entry.type)
      ? [`defaultResponder is not available for ${String(node.entry.type)} integrations (spec: ${String(node.entry.type)}Update has no defaultResponderId); set it on a channel integration`]
      : [],
  linkFields: ['defaultResponderId'],
  setFields: ['originWhitelist'],
  label: (raw) => `${String(raw.type)} "${String(raw.displayName ?? '')}"`,
  // messagebird: the server generates `webhookSecret` on create (RESOURCES.md, secrets returned once).
  generatedSecret: (fields) => (fields.type === 'messagebird' ? 'webhookSecret' : undefined),
  inlineChild: (fields) => (fields.type === 'custom' ? { kind: 'webhook', field: 'webhooks' } : undefined),
};
