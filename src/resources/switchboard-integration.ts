/**
 * Switchboard integrations (spec: /v2/apps/{appId}/switchboards/{switchboardId}/switchboardIntegrations).
 * Identity: name (the config's map key). `integration` and `next` name other entries and
 * become `integrationId` / `nextSwitchboardIntegrationId`. `next` may form a cycle
 * (bot → agent → bot), so it is always set by a link PATCH after the creates.
 */
import { address } from '../config/address.js';
import { KIND_FIELDS } from './fields.js';
import { mapEntries } from './common.js';
import type { Raw, ResourceKind } from './types.js';
import { liveRef, pick, ref } from './values.js';

const PLAIN = ['integrationType', 'deliverStandbyEvents', 'messageHistoryCount'];

export const switchboardIntegrationKind: ResourceKind = {
  name: 'switchboard-integration',
  segment: 'integration',
  parent: 'switchboard',
  children: [],
  itemsKey: 'switchboardIntegrations',
  responseKey: 'switchboardIntegration',
  paginated: false,
  collection: 'switchboardIntegrations',
  entries: (switchboard) => mapEntries(switchboard, 'integrations'),
  naturalKey: (obj) => ({ name: obj.name }),
  fieldSpecs: () => KIND_FIELDS.switchboardIntegration,
  desired: (node) => {
    const out: Raw = { name: node.name, ...pick(node.entry, PLAIN) };
    if (typeof node.entry.integration === 'string') out.integrationId = ref(address.integration(node.app, node.entry.integration));
    if (typeof node.entry.next === 'string') out.nextSwitchboardIntegrationId = ref(address.switchboardIntegration(node.app, node.entry.next));
    return out;
  },
  live: (raw, ctx) => {
    const out: Raw = { name: raw.name, ...pick(raw, PLAIN) };
    const integrationId = liveRef(raw.integrationId, ctx.addressOfId);
    if (integrationId !== undefined) out.integrationId = integrationId;
    const next = liveRef(raw.nextSwitchboardIntegrationId, ctx.addressOfId);
    if (next !== undefined) out.nextSwitchboardIntegrationId = next;
    return out;
  },
  linkFields: ['nextSwitchboardIntegrationId'],
  setFields: [],
  label: (raw) => `"${String(raw.name)}"`,
};
