/**
 * The switchboard (spec: /v2/apps/{appId}/switchboards): one per app, created with no body
 * (spec CreateSwitchboard), so it starts disabled; `enabled: true` needs a default
 * (RESOURCES.md), hence both fields are set by one link PATCH once its integrations exist.
 */
import { address } from '../config/address.js';
import { KIND_FIELDS } from './fields.js';
import type { Raw, ResourceKind } from './types.js';
import { isPlainObject, liveRef, ref } from './values.js';

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
  entries: (app) => (isPlainObject(app.switchboard) ? [['', app.switchboard]] : []),
  naturalKey: () => ({}),
  fieldSpecs: () => KIND_FIELDS.switchboard,
  desired: (node) => {
    const out: Raw = {};
    if (node.entry.enabled !== undefined) out.enabled = node.entry.enabled;
    if (typeof node.entry.default === 'string') {
      out.defaultSwitchboardIntegrationId = ref(address.switchboardIntegration(node.app, node.entry.default));
    }
    return out;
  },
  live: (raw, ctx) => {
    const out: Raw = { enabled: raw.enabled === true };
    const def = liveRef(raw.defaultSwitchboardIntegrationId, ctx.addressOfId);
    if (def !== undefined) out.defaultSwitchboardIntegrationId = def;
    return out;
  },
  linkFields: ['enabled', 'defaultSwitchboardIntegrationId'],
  setFields: [],
  emptyCreate: true,
  label: () => 'switchboard',
};
