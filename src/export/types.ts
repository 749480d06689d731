/** What an export produces (pure data; src/cli/commands/export-run.ts writes it out). */
import type { Raw } from '../resources/types.js';
import type { ExportVariable } from './variables.js';

export interface ExportOptions {
  /** --pin-ids: write every entry's live `id`. Without it, ids are written only where identity needs them. */
  pinIds?: boolean;
  /** The credentials are app-scoped (an app_ key: a Zendesk Suite account, with Admin Center). */
  appScoped?: boolean;
}

/** A YAML comment written above the key at `path` (inside `apps`, e.g. ['support', 'integrations', 'web']). */
export interface ExportComment {
  path: string[];
  text: string;
}

export interface ExportedApp {
  /** Logical name (the key under `apps`). */
  name: string;
  id: string;
  entry: Raw;
  comments: ExportComment[];
}

/** A secret the API reads back: for --secrets-out, never for the YAML. Same shape as the secrets file's entries. */
export interface ExportedSecret {
  id?: string;
  secret: string;
}

export interface ExportResult {
  apps: ExportedApp[];
  variables: ExportVariable[];
  /** Keyed like the secrets file: an address for generated secrets, `address#field` for channel credentials. */
  secrets: Record<string, ExportedSecret>;
  /** Things the export could not express (a reference to an object that no longer exists): for stderr. */
  notes: string[];
}
