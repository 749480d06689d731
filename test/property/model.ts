/**
 * The property tests' model of a config: plain data that fast-check generates and edits
 * (arbitraries.ts), turned into YAML text plus the variables it reads. Write-only values and
 * metadata "from variables" become `${VAR}` references, so they go through the real loader.
 */
import { stringify } from 'yaml';

export interface WebhookModel { key: string; target: string; triggers: string[]; includeFullUser?: boolean }
export interface IntegrationModel {
  key: string;
  type: string;
  displayName: string;
  /** Plain fields (required and optional ones) with literal values. */
  fields: Record<string, unknown>;
  /** Write-only fields: the value of each (written as a variable when `fromVariables`). */
  secrets: Record<string, string>;
  webhooks: WebhookModel[];
  keys: { key: string; displayName: string }[];
  defaultResponder?: string;
  protect?: boolean;
}
export interface SbiModel { key: string; name?: string; integration?: string; integrationType?: string; next?: string; messageHistoryCount?: number }
export interface AppModel {
  key: string;
  displayName: string;
  settings?: Record<string, unknown>;
  metadata?: { from: 'literal' | 'variables' | 'mixed'; entries: Record<string, string | number | boolean> };
  keys: { key: string; displayName: string }[];
  integrations: IntegrationModel[];
  switchboard?: { enabled: boolean; default?: string; integrations: SbiModel[] };
  protect?: boolean;
}
export interface Model { apps: AppModel[]; fromVariables: boolean }

/** The YAML text of a model and the environment its variables come from. */
export function render(model: Model): { yaml: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  const variable = (name: string, value: string): string => {
    env[name] = value;
    return `\${${name}}`;
  };
  const apps: Record<string, unknown> = {};
  for (const app of model.apps) {
    const entry: Record<string, unknown> = { displayName: app.displayName };
    if (app.protect) entry.protect = true;
    if (app.settings) entry.settings = app.settings;
    if (app.metadata) {
      const meta: Record<string, unknown> = {};
      let i = 0;
      for (const [k, v] of Object.entries(app.metadata.entries)) {
        const useVar = app.metadata.from === 'variables' || (app.metadata.from === 'mixed' && i++ % 2 === 0);
        // A variable's value is a string: a number or boolean from a variable is its text.
        meta[k] = useVar ? variable(`M_${app.key}_${k}`.toUpperCase(), String(v)) : v;
      }
      entry.metadata = meta;
    }
    if (app.keys.length > 0) entry.keys = Object.fromEntries(app.keys.map((k) => [k.key, { displayName: k.displayName }]));
    const integrations: Record<string, unknown> = {};
    for (const i of app.integrations) {
      const e: Record<string, unknown> = { type: i.type, displayName: i.displayName, ...i.fields };
      for (const [f, v] of Object.entries(i.secrets)) e[f] = model.fromVariables ? variable(`S_${app.key}_${i.key}_${f}`.toUpperCase(), v) : v;
      if (i.webhooks.length > 0) e.webhooks = Object.fromEntries(i.webhooks.map((w) => [w.key, { target: w.target, triggers: w.triggers, ...(w.includeFullUser !== undefined ? { includeFullUser: w.includeFullUser } : {}) }]));
      if (i.keys.length > 0) e.keys = Object.fromEntries(i.keys.map((k) => [k.key, { displayName: k.displayName }]));
      if (i.defaultResponder) e.defaultResponder = i.defaultResponder;
      if (i.protect) e.protect = true;
      integrations[i.key] = e;
    }
    if (app.integrations.length > 0) entry.integrations = integrations;
    if (app.switchboard) {
      const sb = app.switchboard;
      entry.switchboard = {
        enabled: sb.enabled,
        ...(sb.default ? { default: sb.default } : {}),
        integrations: Object.fromEntries(sb.integrations.map((s) => [s.key, {
          ...(s.name ? { name: s.name } : {}),
          ...(s.integration ? { integration: s.integration } : { integrationType: s.integrationType }),
          ...(s.next ? { next: s.next } : {}),
          ...(s.messageHistoryCount ? { messageHistoryCount: s.messageHistoryCount } : {}),
        }])),
      };
    }
    apps[app.key] = entry;
  }
  return { yaml: stringify({ version: 1, apps }), env };
}

/** The switchboard integrations' API names (a declared name, else the map key). */
export const sbiName = (s: SbiModel): string => s.name ?? s.key;
