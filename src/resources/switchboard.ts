/**
 * The switchboard (spec: /v2/apps/{appId}/switchboards): one per app, created with no body
 * (spec CreateSwitchboard), so it starts disabled; `enabled: true` needs a default
 * (RESOURCES.md), hence both fields are set by one link PATCH once its integrations exist.
 * `default` names a switchboard integration (API: defaultSwitchboardIntegrationId).
 */
import { KIND_FIELDS } from './fields.js';
import { declaredFields, desiredReferences, liveReferences, nameMap, planSpecs } from './common.js';
import type { ResourceKind } from './types.js';

const ROWS = KIND_FIELDS.switchboard;

export const switchboardKind: ResourceKind = {
  name: 'switchboard',
  segment: 'switchboard',
  parent: 'app',
  children: ['switchboard-integration'],
  singleton: true,
  itemsKey: 'switchboards',
  responseKey: 'switchboard',
  paginated: false,
  collection: 'switchboards',
  configKey: 'switchboard',
  noun: 'switchboard',
  rows: () => ROWS,
  ...nameMap(ROWS),
  naturalKey: () => ({}),
  fieldSpecs: () => planSpecs(ROWS),
  desired: (node) => ({ ...declaredFields(node.entry, ROWS), ...desiredReferences(node, ROWS) }),
  // A switchboard that never had `enabled` set reads as disabled.
  live: (raw, ctx) => ({ enabled: raw.enabled === true, ...liveReferences(raw, ROWS, ctx) }),
  linkFields: ['enabled', 'defaultSwitchboardIntegrationId'],
  setFields: [],
  emptyCreate: true,
  validate: (node) =>
    node.entry.default === undefined && node.entry.enabled === true
      ? [{ field: 'enabled', onKey: true, code: 'enabled_without_default', message: 'an enabled switchboard needs a default switchboard integration (set "default")' }]
      : [],
  label: () => 'switchboard',
};
