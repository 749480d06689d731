/**
 * Switchboard integrations (spec: /v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations).
 * Identity: name (the map key, or a declared `name`). `integration` and `next` name other entries and
 * become `integrationId` / `nextSwitchboardIntegrationId` (reference rows of fields.ts). `next`
 * may form a cycle (bot → agent → bot), so it is always set by a link PATCH after the creates.
 */
import { KIND_FIELDS } from './fields.js';
import { declaredFields, desiredReferences, liveReferences, nameMap, planSpecs, roleOf } from './common.js';
import type { Raw, ResourceKind } from './types.js';
import { pick } from './values.js';

const ROWS = KIND_FIELDS.switchboardIntegration;
const PLAIN = ROWS.filter((r) => roleOf(r) === 'field').map((r) => r.name);

export const switchboardIntegrationKind: ResourceKind = {
  name: 'switchboard-integration',
  segment: 'integration',
  parent: 'switchboard',
  children: [],
  itemsKey: 'switchboardIntegrations',
  responseKey: 'switchboardIntegration',
  paginated: false,
  collection: 'switchboardIntegrations',
  configKey: 'integrations',
  noun: 'switchboard integration',
  rows: () => ROWS,
  ...nameMap(ROWS),
  naturalKey: (obj) => ({ name: obj.name }),
  renameField: 'name',
  fieldSpecs: () => planSpecs(ROWS),
  // `name` defaults to the map key; declared apart from it, a rename keeps the address and so its binding (an update).
  desired: (node): Raw => ({ name: typeof node.entry.name === 'string' ? node.entry.name : node.name, ...declaredFields(node.entry, ROWS), ...desiredReferences(node, ROWS) }),
  live: (raw, ctx): Raw => ({ name: raw.name, ...pick(raw, PLAIN), ...liveReferences(raw, ROWS, ctx) }),
  linkFields: ['nextSwitchboardIntegrationId'],
  setFields: [],
  validate: ({ entry }) => [
    ...(entry.integration === undefined && entry.integrationType === undefined
      ? [{ onKey: true, code: 'missing_field', message: 'a switchboard integration needs "integration" (a declared integration) or "integrationType"' }]
      : []),
    ...(entry.integration !== undefined && entry.integrationType !== undefined
      ? [{ field: 'integrationType', onKey: true, code: 'conflicting_fields', message: 'set either "integration" or "integrationType", not both' }]
      : []),
  ],
  label: (raw) => `"${String(raw.name)}"`,
};
