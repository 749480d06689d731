/**
 * The emulator's whole state, and what route modules may ask of it. The state is plain
 * JSON so that `--state FILE` can persist it. Provisioning (apps, keys, integrations,
 * webhooks, switchboards) and operations (users, conversations, messages, ...) each own
 * their half; operations data is kept per app so that deleting an app drops it.
 */
import type { OperationsState } from './operations/state.js';
import type { ProvisioningState } from './provisioning/state.js';
import type { EmulatorEvent } from './webhooks/event.js';

export interface EmulatorState {
  version: 1;
  provisioning: ProvisioningState;
  operations: OperationsState;
}

export interface SwitchboardIntegrationView {
  id: string;
  name: string;
  integrationId?: string;
  integrationType?: string;
  nextSwitchboardIntegrationId?: string;
}

export interface EmulatorStore {
  readonly state: EmulatorState;
  /** The app, or HttpError 404 app_not_found. */
  requireApp(appId: string): { id: string; displayName: string };
  /** The app's switchboard integrations (empty without a switchboard), for the control actions. */
  switchboardIntegrations(appId: string): SwitchboardIntegrationView[];
  /**
   * The switchboard integration a new conversation starts with: the default of an enabled
   * switchboard, else undefined (no switchboard, or disabled).
   */
  defaultSwitchboardIntegrationId(appId: string): string | undefined;
  /** Record that state changed, so that it is persisted with --state. */
  touch(): void;
  /** Something happened that webhooks may subscribe to (webhooks/dispatcher.ts delivers it). */
  emit(event: EmulatorEvent): void;
}
