/**
 * App keys (spec: /v2/apps/{appId}/keys) and custom integration keys
 * (spec: /v2/apps/{appId}/integrations/{integrationId}/keys). Identity: displayName.
 * Neither has an update endpoint, so a changed displayName (on a pinned id) means
 * replacement. The create response returns `key.secret`, the only time it is safe to rely on.
 */
import { KIND_FIELDS, type FieldSpec } from './fields.js';
import { generatedField, nameMap, planSpecs } from './common.js';
import { RECOVER_SECRET_HINT } from './lost-secret-hint.js';
import type { ResourceKind } from './types.js';
import { pick } from './values.js';

const common = {
  segment: 'key',
  children: [],
  itemsKey: 'keys',
  responseKey: 'key',
  paginated: false,
  collection: 'keys',
  configKey: 'keys',
  noun: 'key',
  naturalKey: (obj) => ({ displayName: obj.displayName }),
  renameField: 'displayName',
  desired: (node) => pick(node.entry, ['displayName']),
  live: (raw) => pick(raw, ['displayName']),
  linkFields: [],
  setFields: [],
  immutable: true,
  label: (raw) => `"${String(raw.displayName)}"`,
  lostSecretHint: RECOVER_SECRET_HINT,
} satisfies Omit<ResourceKind, 'name' | 'parent' | 'fieldSpecs' | 'rows' | 'apiName' | 'configName'>;

function fromRows(rows: FieldSpec[]): Pick<ResourceKind, 'rows' | 'fieldSpecs' | 'apiName' | 'configName' | 'generatedSecret'> {
  const secret = generatedField(rows);
  return { rows: () => rows, fieldSpecs: () => planSpecs(rows), ...nameMap(rows), generatedSecret: () => secret };
}

export const appKeyKind: ResourceKind = {
  ...common,
  name: 'app-key',
  parent: 'app',
  accountScopeOnly: true,
  ...fromRows(KIND_FIELDS.appKey),
};

export const integrationKeyKind: ResourceKind = {
  ...common,
  name: 'integration-key',
  parent: 'integration',
  ...fromRows(KIND_FIELDS.integrationKey),
};
