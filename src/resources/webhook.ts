/**
 * Webhooks of a custom integration (spec: /v2/apps/{appId}/integrations/{integrationId}/webhooks).
 * Identity: target. `triggers` is a set. The first webhook of a new custom integration is
 * created inline by the integration's create (see integration.ts); the create response of
 * either path returns the webhook `secret`.
 */
import { KIND_FIELDS } from './fields.js';
import { declaredFields, generatedField, liveFields, nameMap, planSpecs } from './common.js';
import { RECOVER_SECRET_HINT } from './lost-secret-hint.js';
import type { ResourceKind } from './types.js';

export const webhookKind: ResourceKind = {
  name: 'webhook',
  segment: 'webhook',
  parent: 'integration',
  children: [],
  itemsKey: 'webhooks',
  responseKey: 'webhook',
  paginated: false,
  collection: 'webhooks',
  configKey: 'webhooks',
  noun: 'webhook',
  rows: () => KIND_FIELDS.webhook,
  ...nameMap(KIND_FIELDS.webhook),
  naturalKey: (obj) => ({ target: obj.target }),
  renameField: 'target',
  fieldSpecs: () => planSpecs(KIND_FIELDS.webhook),
  desired: (node) => declaredFields(node.entry, KIND_FIELDS.webhook),
  live: (raw) => liveFields(raw, KIND_FIELDS.webhook),
  linkFields: [],
  setFields: ['triggers'],
  label: (raw) => String(raw.target),
  generatedSecret: () => generatedField(KIND_FIELDS.webhook),
  lostSecretHint: RECOVER_SECRET_HINT,
};
