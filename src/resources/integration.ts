/**
 * Integrations (spec: /v2/apps/{appId}/integrations). Identity: type + displayName. Field
 * rules come per type from fields.ts. Read shape → write shape: the write-only
 * `defaultResponderId` is read back inside `defaultResponder` (spec schema defaultResponder:
 * name, integrationId, ..., inherited), so it is compared as the address of the switchboard
 * integration of that name; `inherited: true` means no per-integration override is set.
 */
import { INTEGRATION_FIELDS, INTEGRATION_TYPES, isIntegrationType, type FieldSpec } from './fields.js';
import {
  declaredFields, desiredReferences, generatedField, inlineChildOf, liveFields, nameMap, planSpecs, referencesOf, roleOf,
} from './common.js';
import { RECOVER_SECRET_HINT } from './lost-secret-hint.js';
import type { Raw, ResourceKind } from './types.js';
import { isPlainObject, liveRef, ref } from './values.js';

/** `type` never changes in place: a different type on a pinned id is a replacement. */
const TYPE_SPEC: FieldSpec = { name: 'type', type: 'string', create: 'required', update: 'replace', readBack: true };

/** Every type's rows: the name map holds for all types. */
const ALL_ROWS = INTEGRATION_TYPES.flatMap((t) => INTEGRATION_FIELDS[t]);

function rowsFor(type: unknown): readonly FieldSpec[] {
  return isIntegrationType(type) ? INTEGRATION_FIELDS[type] : [];
}

/** The read shapes of write-only references (defaultResponder of defaultResponderId). */
function readShapes(rows: readonly FieldSpec[]): { shape: string; field: string }[] {
  return rows.flatMap((r) => (roleOf(r) === 'read-shape' && r.of ? [{ shape: r.name, field: r.of }] : []));
}

export const integrationKind: ResourceKind = {
  name: 'integration',
  segment: 'integration',
  parent: 'app',
  children: ['webhook', 'integration-key'],
  listsChildren: (raw) => inlineChildOf(rowsFor(raw.type)) !== undefined,
  itemsKey: 'integrations',
  responseKey: 'integration',
  paginated: true,
  collection: 'integrations',
  configKey: 'integrations',
  noun: 'integration',
  rows: (obj) => (obj && isIntegrationType(obj.type) ? rowsFor(obj.type) : ALL_ROWS),
  ...nameMap(ALL_ROWS),
  naturalKey: (obj) => ({ type: obj.type, displayName: obj.displayName ?? undefined }),
  renameField: 'displayName',
  fieldSpecs: (obj) => [TYPE_SPEC, ...planSpecs(rowsFor(obj.type))],
  desired: (node) => {
    const rows = rowsFor(node.entry.type);
    return { type: node.entry.type, ...declaredFields(node.entry, rows), ...desiredReferences(node, rows) };
  },
  live: (raw, ctx) => {
    const rows = rowsFor(raw.type);
    const out: Raw = { ...liveFields(raw, rows), type: raw.type };
    for (const { shape, field } of readShapes(rows)) {
      const responder = raw[shape];
      if (!isPlainObject(responder) || responder.inherited === true || typeof responder.name !== 'string') continue;
      // The spec's defaultResponder has no id of the switchboard integration, only its name;
      // use an id when the server adds one (the emulator's switchboardIntegrationId).
      const id = typeof responder.switchboardIntegrationId === 'string' ? responder.switchboardIntegrationId : ctx.switchboardIntegrationIdByName(responder.name);
      out[field] = id === undefined ? ref(`name:${responder.name}`) : liveRef(id, ctx.addressOfId);
    }
    return out;
  },
  check: (node) => {
    const own = new Set(referencesOf(rowsFor(node.entry.type)).map((r) => r.configName));
    return referencesOf(ALL_ROWS)
      .filter((r, i, all) => all.findIndex((o) => o.configName === r.configName) === i)
      .filter((r) => node.entry[r.configName] !== undefined && !own.has(r.configName))
      .map((r) => `${r.configName} is not available for ${String(node.entry.type)} integrations (spec: ${String(node.entry.type)}Update has no ${r.apiName}); set it on a channel integration`);
  },
  linkFields: ['defaultResponderId'],
  setFields: ['originWhitelist'],
  label: (raw) => `${String(raw.type)} "${String(raw.displayName ?? '')}"`,
  // messagebird: the server generates `webhookSecret` on create (RESOURCES.md); readOnly in the spec, so GET returns it too.
  generatedSecret: (fields) => generatedField(rowsFor(fields.type)),
  // Nothing to re-create: apply and `sunco secrets pull` copy it from the live integration.
  lostSecretHint: RECOVER_SECRET_HINT,
  inlineChild: (fields) => inlineChildOf(rowsFor(fields.type)),
};
