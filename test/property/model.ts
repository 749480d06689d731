/**
 * The property tests' model of a config: plain data that fast-check generates and edits
 * (arbitraries.ts), turned into YAML text plus the variables it reads. A value may be bound
 * to a variable (`Binding`): it is then written as `${NAME}` (or inside a longer string,
 * `"https://bot.example.com/${NAME}"`), declared or not in the top-level `variables:` block
 * (description, default, sensitive), and supplied through the environment, `--var`, a YAML
 * or dotenv var file, or the declared default. So every value goes through the real loader.
 */
import { stringify } from 'yaml';

/** Where a variable's value comes from; `default`: only from its declaration. */
export type VarSource = 'env' | 'var' | 'yaml' | 'dotenv' | 'default';
export interface Binding {
  name: string;
  source: VarSource;
  /** Declared in `variables:`. `default` is the declared default, when the source is not `default` (overridden). */
  declared?: { sensitive: boolean; description?: string; default?: string };
  /** Text around `${NAME}` in the field (the variable holds the rest of the value). */
  around?: [string, string];
}
export type Bindings = Record<string, Binding>;

export interface WebhookModel { key: string; target: string; triggers: string[]; includeFullUser?: boolean; target$?: Binding }
export interface IntegrationModel {
  key: string;
  type: string;
  displayName: string;
  /** Plain fields (required and optional ones, credentials the API reads back among them). */
  fields: Record<string, unknown>;
  /** Write-only fields: the value of each. */
  secrets: Record<string, string>;
  webhooks: WebhookModel[];
  keys: { key: string; displayName: string }[];
  defaultResponder?: string;
  protect?: boolean;
  /** Values from variables, by field: `displayName`, a plain field or a write-only one. */
  vars?: Bindings;
}
export interface SbiModel { key: string; name?: string; integration?: string; integrationType?: string; next?: string; messageHistoryCount?: number }
export interface AppModel {
  key: string;
  displayName: string;
  settings?: Record<string, unknown>;
  /** Keys may be dotted (`team.lead`): one metadata key, not a path. */
  metadata?: Record<string, string | number | boolean>;
  keys: { key: string; displayName: string }[];
  integrations: IntegrationModel[];
  switchboard?: { enabled: boolean; default?: string; integrations: SbiModel[] };
  protect?: boolean;
  /** Values from variables: `displayName`, `metadata.KEY`. */
  vars?: Bindings;
}
export interface Model { apps: AppModel[] }

/** What the loader is given: the YAML, the environment, `--var` flags and the two var files' texts. */
export interface Rendered { yaml: string; env: Record<string, string>; vars: string[]; yamlVars: Record<string, string>; dotenv: string }

/** The variable's value for a field holding `value` (the text around `${NAME}` taken off). */
export function varValue(b: Binding, value: unknown): string {
  const text = String(value);
  const [pre, post] = b.around ?? ['', ''];
  const fits = b.around && text.length >= pre.length + post.length && text.startsWith(pre) && text.endsWith(post);
  return fits ? text.slice(pre.length, text.length - post.length) : text;
}

function written(b: Binding, value: unknown): string {
  const text = String(value);
  const inner = varValue(b, value);
  if (inner === text) return `\${${b.name}}`;
  return `${b.around![0]}\${${b.name}}${b.around![1]}`;
}

/** The YAML text of a model and where its variables come from. */
export function render(model: Model): Rendered {
  const out: Rendered = { yaml: '', env: {}, vars: [], yamlVars: {}, dotenv: '' };
  const declarations: Record<string, Record<string, unknown>> = {};
  const dotenv: string[] = [];
  const bind = (b: Binding | undefined, value: unknown): unknown => {
    if (!b) return value;
    const v = varValue(b, value);
    if (b.source === 'default' || b.declared) {
      const d = b.declared ?? { sensitive: false };
      const decl: Record<string, unknown> = {};
      if (d.description) decl.description = d.description;
      if (b.source === 'default') decl.default = v;
      else if (d.default !== undefined) decl.default = d.default;
      // `sensitive: false` is written too: both spellings of "not sensitive" are exercised.
      if (d.sensitive || b.declared) decl.sensitive = d.sensitive;
      declarations[b.name] = decl;
    }
    if (b.source === 'env') out.env[b.name] = v;
    if (b.source === 'var') out.vars.push(`${b.name}=${v}`);
    if (b.source === 'yaml') out.yamlVars[b.name] = v;
    // Unquoted, or quoted (double or single) where a space is in the value.
    if (b.source === 'dotenv') dotenv.push(`${b.name}=${/\s/.test(v) ? (v.length % 2 ? `"${v}"` : `'${v}'`) : v}`);
    return written(b, value);
  };
  const apps: Record<string, unknown> = {};
  for (const app of model.apps) {
    const entry: Record<string, unknown> = { displayName: bind(app.vars?.displayName, app.displayName) };
    if (app.protect) entry.protect = true;
    if (app.settings) entry.settings = app.settings;
    if (app.metadata) entry.metadata = Object.fromEntries(Object.entries(app.metadata).map(([k, v]) => [k, bind(app.vars?.[`metadata.${k}`], v)]));
    if (app.keys.length > 0) entry.keys = Object.fromEntries(app.keys.map((k) => [k.key, { displayName: k.displayName }]));
    const integrations: Record<string, unknown> = {};
    for (const i of app.integrations) {
      const e: Record<string, unknown> = { type: i.type, displayName: bind(i.vars?.displayName, i.displayName) };
      for (const [f, v] of Object.entries({ ...i.fields, ...i.secrets })) e[f] = bind(i.vars?.[f], v);
      if (i.webhooks.length > 0) {
        e.webhooks = Object.fromEntries(i.webhooks.map((w) => [w.key, {
          target: bind(w.target$, w.target), triggers: w.triggers, ...(w.includeFullUser !== undefined ? { includeFullUser: w.includeFullUser } : {}),
        }]));
      }
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
  out.yaml = stringify({ version: 1, ...(Object.keys(declarations).length > 0 ? { variables: declarations } : {}), apps });
  out.dotenv = dotenv.length > 0 ? `# generated\n${dotenv.map((l) => `export ${l}`).join('\n')}\n` : '';
  return out;
}

/** A field's value and the variable it comes from, if any; for the invariants. */
export interface Slot { address: string; field: string; value: unknown; binding?: Binding; integrationType?: string }

/** Every value the model can bind to a variable, with its address and config field. */
export function slots(model: Model): Slot[] {
  const out: Slot[] = [];
  for (const app of model.apps) {
    const a = `app.${app.key}`;
    out.push({ address: a, field: 'displayName', value: app.displayName, binding: app.vars?.displayName });
    for (const [k, v] of Object.entries(app.metadata ?? {})) out.push({ address: a, field: `metadata.${k}`, value: v, binding: app.vars?.[`metadata.${k}`] });
    for (const i of app.integrations) {
      const ia = `${a}.integration.${i.key}`;
      const t = i.type;
      out.push({ address: ia, field: 'displayName', value: i.displayName, binding: i.vars?.displayName, integrationType: t });
      for (const [f, v] of Object.entries({ ...i.fields, ...i.secrets })) out.push({ address: ia, field: f, value: v, binding: i.vars?.[f], integrationType: t });
      for (const w of i.webhooks) out.push({ address: `${ia}.webhook.${w.key}`, field: 'target', value: w.target, binding: w.target$ });
    }
  }
  return out;
}

/** The switchboard integrations' API names (a declared name, else the map key). */
export const sbiName = (s: SbiModel): string => s.name ?? s.key;
