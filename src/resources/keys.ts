/**
 * App keys (spec: /v2/apps/{appId}/keys) and custom integration keys
 * (spec: /v2/apps/{appId}/integrations/{integrationId}/keys). Identity: displayName.
 * Neither has an update endpoint, so a changed displayName (on a pinned id) means
 * replacement. The create response returns `key.secret`, the only time it is safe to rely on.
 */
import { KIND_FIELDS } from './fields.js';
import { mapEntries } from './common.js';
import type { ResourceKind } from './types.js';
import { pick } from './values.js';

const common = {
  segment: 'key',
  children: [],
  itemsKey: 'keys',
  responseKey: 'key',
  paginated: false,
  collection: 'keys',
  entries: (parent) => mapEntries(parent, 'keys'),
  naturalKey: (obj) => ({ displayName: obj.displayName }),
  desired: (node) => pick(node.entry, ['displayName']),
  live: (raw) => pick(raw, ['displayName']),
  linkFields: [],
  setFields: [],
  immutable: true,
  label: (raw) => `"${String(raw.displayName)}"`,
  generatedSecret: () => 'secret',
} satisfies Omit<ResourceKind, 'name' | 'parent' | 'fieldSpecs'>;

export const appKeyKind: ResourceKind = {
  ...common,
  name: 'app-key',
  parent: 'app',
  fieldSpecs: () => KIND_FIELDS.appKey,
};

export const integrationKeyKind: ResourceKind = {
  ...common,
  name: 'integration-key',
  parent: 'integration',
  fieldSpecs: () => KIND_FIELDS.integrationKey,
};
