/**
 * Provisioning half of the emulator state (apps, keys, integrations, webhooks, switchboards).
 * Plain JSON, persisted by --state. Lists are arrays in creation order because the API's
 * cursor pagination walks records in that order (see ../paginate.ts).
 */

/** An API key as stored: the secret is kept so that Basic and JWT auth can be verified. */
export interface KeyRecord {
  id: string;
  displayName: string;
  secret: string;
}

export interface WebhookRecord {
  id: string;
  version: string;
  target: string;
  triggers: string[];
  secret: string;
  includeFullUser: boolean;
  includeFullSource: boolean;
}

export interface IntegrationRecord {
  id: string;
  type: string;
  status: 'active' | 'inactive' | 'error';
  displayName?: string | null;
  /** Every field the caller set, write-only ones included (they are never rendered). */
  fields: Record<string, unknown>;
  /** Read-only values the server generates on create (telegram username, messagebird webhookSecret, ...). */
  generated: Record<string, unknown>;
  /** Write-only; rendered as `defaultResponder` (spec: components.schemas.defaultResponder). */
  defaultResponderId?: string;
  webhooks: WebhookRecord[];
  keys: KeyRecord[];
  /**
   * An SDK integration set up in Zendesk Admin Center, which the API cannot delete. Nothing in
   * the API sets it: a state file or `initialState` does, to rehearse that refusal.
   */
  adminCenter?: boolean;
}

export interface SwitchboardIntegrationRecord {
  id: string;
  name: string;
  integrationId?: string;
  integrationType?: string;
  deliverStandbyEvents: boolean;
  nextSwitchboardIntegrationId?: string | null;
  messageHistoryCount?: number | null;
}

export interface SwitchboardRecord {
  id: string;
  enabled: boolean;
  defaultSwitchboardIntegrationId?: string;
  integrations: SwitchboardIntegrationRecord[];
}

export interface AppRecord {
  id: string;
  displayName: string;
  settings: Record<string, unknown>;
  metadata: Record<string, string | number | boolean> | null;
  keys: KeyRecord[];
  integrations: IntegrationRecord[];
  switchboard?: SwitchboardRecord;
}

export interface ProvisioningState {
  /** The account key the emulator was last started with; reused when --key is not given. */
  accountKey?: KeyRecord;
  apps: AppRecord[];
}

export function emptyProvisioningState(): ProvisioningState {
  return { apps: [] };
}
