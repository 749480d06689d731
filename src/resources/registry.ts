/**
 * Every managed kind, by name. The planner and the state reader iterate this registry;
 * adding a kind is one module plus one line here.
 */
import { appKind } from './app.js';
import { integrationKind } from './integration.js';
import { appKeyKind, integrationKeyKind } from './keys.js';
import { switchboardIntegrationKind } from './switchboard-integration.js';
import { switchboardKind } from './switchboard.js';
import type { KindName } from './kind-name.js';
import type { ResourceKind } from './types.js';
import { webhookKind } from './webhook.js';

export const KINDS: Record<KindName, ResourceKind> = {
  app: appKind,
  'app-key': appKeyKind,
  integration: integrationKind,
  'integration-key': integrationKeyKind,
  webhook: webhookKind,
  switchboard: switchboardKind,
  'switchboard-integration': switchboardIntegrationKind,
};

export const ROOT_KIND: ResourceKind = appKind;

export function kind(name: KindName): ResourceKind {
  return KINDS[name];
}

/** The list path of a kind under its parent's item path (`/v2` for apps). */
export function listPath(k: ResourceKind, parentItemPath: string): string {
  return `${parentItemPath}/${k.collection}`;
}

/** The item path template: `{{address}}` stands for the id (plan placeholder). */
export function itemPath(k: ResourceKind, parentItemPath: string, addr: string): string {
  return `${listPath(k, parentItemPath)}/{{${addr}}}`;
}
