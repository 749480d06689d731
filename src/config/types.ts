/**
 * The desired state as the config language declares it, after loading, variable
 * resolution and validation. Field names are the API's own; references
 * (`integration`, `next`, `default`, `defaultResponder`) name other entries by their
 * logical names (the map keys). See DESIGN.md, "The configuration language".
 */
import type { Credentials } from '../api/types.js';

import type { IntegrationType } from '../resources/fields.js';

/** The integration types are the field table's (src/resources/fields.ts). */
export { INTEGRATION_TYPES, type IntegrationType } from '../resources/fields.js';

/** Fields every managed entry may carry. */
export interface EntryCommon {
  /** Pin to an existing live object instead of matching by natural key. */
  id?: string;
  /** A plan that would delete or replace this entry fails. */
  protect?: boolean;
  /** Fields (the config's names, references included: `next`, `defaultResponder`) whose live value is left alone. */
  ignoreChanges?: string[];
}

export interface KeyConfig extends EntryCommon {
  displayName: string;
}

export interface WebhookConfig extends EntryCommon {
  target: string;
  triggers: string[];
  includeFullUser?: boolean;
  includeFullSource?: boolean;
}

export interface IntegrationConfig extends EntryCommon {
  type: IntegrationType;
  displayName?: string;
  /** Logical name of a switchboard integration of the same app (API: defaultResponderId). */
  defaultResponder?: string;
  /** custom only: at least one. */
  webhooks?: Record<string, WebhookConfig>;
  /** custom only: integration API keys. */
  keys?: Record<string, KeyConfig>;
  /** Type-specific fields, exactly those RESOURCES.md lists for the type. */
  [field: string]: unknown;
}

export interface SwitchboardIntegrationConfig extends EntryCommon {
  /** Logical name of an integration of the same app (API: integrationId). */
  integration?: string;
  integrationType?: string;
  deliverStandbyEvents?: boolean;
  /** Logical name of another switchboard integration (API: nextSwitchboardIntegrationId). */
  next?: string;
  messageHistoryCount?: number;
  /** The API name, when it differs from the map key (default: the key). */
  name?: string;
}

export interface SwitchboardConfig extends EntryCommon {
  enabled?: boolean;
  /** Logical name of a switchboard integration (API: defaultSwitchboardIntegrationId). */
  default?: string;
  /** Keyed by the switchboard integration's `name`. */
  integrations?: Record<string, SwitchboardIntegrationConfig>;
}

export type AppSettings = Record<string, string | number | boolean>;
/** metadata: "Strings, numbers and booleans are the only supported format" (no null). */
export type Metadata = Record<string, string | number | boolean>;

export interface AppConfig extends EntryCommon {
  displayName: string;
  /** Delete this app (and with it all its conversations). */
  absent?: boolean;
  /** Unmanaged resources inside this app become deletions. */
  prune?: boolean;
  settings?: AppSettings;
  metadata?: Metadata;
  /** Per-app credentials; otherwise the global ones are used. */
  credentials?: Credentials;
  keys?: Record<string, KeyConfig>;
  integrations?: Record<string, IntegrationConfig>;
  switchboard?: SwitchboardConfig;
}

export interface SuncoConfig {
  version: 1;
  prune?: boolean;
  apps: Record<string, AppConfig>;
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Hashes of the config files (names and text, in merge order) and of each --var-file's text ('' when unreadable). */
export interface InputDigests {
  config: string;
  varFiles: string[];
}

export interface LoadedConfig {
  config: SuncoConfig;
  /** Files read, in merge order. */
  files: string[];
  /**
   * Where each entry and field was written. Keys: an address (`app.support.integration.sms`)
   * for the entry, or `address#field` (`app.support.integration.sms#authToken`,
   * `app.support#metadata.team`) for a field.
   */
  sources: Map<string, SourcePosition>;
  /** `address#field` keys whose value came (wholly or partly) from a variable: shown as (sensitive). */
  sensitive: Set<string>;
  /** Keyed hash of the resolved config, variables included; reveals no value. Used for stale plans. */
  fingerprint: string;
  /** Keyed hashes of the files' text as read (plan files record them: an edited path is refused unread). */
  inputDigests?: InputDigests;
  /** Variables referenced but not set (only with allowUnsetVariables; otherwise loading fails). Sorted. */
  unsetVariables?: string[];
}
