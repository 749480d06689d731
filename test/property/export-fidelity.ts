/**
 * The export keeps what was applied (docs/export.md "What is written": every kind, with every
 * field the API returns that a config can set, references by name, defaults left out): every
 * field the applied config declares is in the exported entry with the same value, entries
 * matched by natural key (apps and keys by displayName, integrations by type and displayName,
 * webhooks by target, switchboard integrations by API name), references compared by what they
 * name, and a field left out only when the applied value is the API's default. A round trip
 * that plans nothing does not show a field the export dropped: a field a config does not
 * declare is left alone by the plan.
 */
import type { LoadedConfig } from '../../src/config/index.js';
import { KINDS } from '../../src/resources/registry.js';
import type { KindName } from '../../src/resources/kind-name.js';
import { fail } from './outputs.js';

type Entry = Record<string, unknown>;
type Named = Record<string, Entry>;

/** Fields that are identity, structure or bookkeeping: compared through the matching, or not at all. */
const SKIP = new Set(['id', 'protect', 'ignoreChanges', 'keys', 'webhooks', 'integrations', 'switchboard', 'metadata', 'credentials', 'prune']);

const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

function defaultOf(kind: KindName, raw: Entry, field: string): unknown {
  const k = KINDS[kind];
  return k.fieldSpecs(raw).find((s) => k.configName(s.name) === field)?.default;
}

interface Refs { integration: (name: unknown) => string | undefined; sbi: (name: unknown) => string | undefined }

/** What a config's reference names, as something both configs share (the target's natural key). */
function refsOf(app: Entry): Refs {
  const integrations = (app.integrations ?? {}) as Named;
  const sbis = ((app.switchboard as Entry | undefined)?.integrations ?? {}) as Named;
  return {
    integration: (n) => (typeof n === 'string' && integrations[n] ? `${String(integrations[n].type)}/${String(integrations[n].displayName ?? '')}` : undefined),
    sbi: (n) => (typeof n === 'string' && sbis[n] ? String(sbis[n].name ?? n) : undefined),
  };
}

const REFERENCES: Record<string, keyof Refs> = { integration: 'integration', defaultResponder: 'sbi', next: 'sbi', default: 'sbi' };

function compare(kind: KindName, address: string, applied: Entry, exported: Entry, ra: Refs, re: Refs, secret: (field: string) => boolean): void {
  for (const [field, value] of Object.entries(applied)) {
    if (SKIP.has(field) || value === undefined || secret(field)) continue;
    const ref = REFERENCES[field];
    const want = ref ? ra[ref](value) : value;
    const got = ref ? re[ref](exported[field]) : exported[field];
    if (field === 'settings') {
      for (const [key, v] of Object.entries(value as Entry)) {
        const e = (exported.settings ?? {}) as Entry;
        if (key in e ? canonical(e[key]) !== canonical(v) : false) fail(`export: ${address} settings.${key} is ${canonical(e[key])}, applied ${canonical(v)}`);
      }
      continue;
    }
    if (got === undefined && !(field in exported) && canonical(defaultOf(kind, applied, field)) === canonical(value)) continue;
    if (canonical(got) !== canonical(want)) fail(`export: ${address} ${field} is ${canonical(got)}, applied ${canonical(want)}${field in exported ? '' : ' (left out)'}`);
  }
}

function match(what: string, applied: Named, exported: Named, key: (e: Entry, name: string) => string): [string, Entry, Entry][] {
  const byKey = new Map(Object.entries(exported).map(([n, e]) => [key(e, n), e]));
  return Object.entries(applied).map(([name, e]) => [name, e, byKey.get(key(e, name)) ?? fail(`export: ${what}.${name} (${key(e, name)}) is not exported`)]);
}

/** `secret(type, field)`: write-only or credential (their values are variables the test filled in itself). */
export function checkFidelity(applied: LoadedConfig, exported: LoadedConfig, secret: (type: string, field: string) => boolean): void {
  const apps = match('app', applied.config.apps as unknown as Named, exported.config.apps as unknown as Named, (e) => String(e.displayName));
  for (const [name, a, e] of apps) {
    const at = `app.${name}`;
    const ra = refsOf(a);
    const re = refsOf(e);
    compare('app', at, a, e, ra, re, () => false);
    for (const [k, ak, ek] of match(`${at}.key`, (a.keys ?? {}) as Named, (e.keys ?? {}) as Named, (x) => String(x.displayName))) compare('app-key', `${at}.key.${k}`, ak, ek, ra, re, () => false);
    const integrations = match(`${at}.integration`, (a.integrations ?? {}) as Named, (e.integrations ?? {}) as Named, (x) => `${String(x.type)}/${String(x.displayName ?? '')}`);
    for (const [i, ai, ei] of integrations) {
      const ia = `${at}.integration.${i}`;
      compare('integration', ia, ai, ei, ra, re, (f) => secret(String(ai.type), f));
      for (const [w, aw, ew] of match(`${ia}.webhook`, (ai.webhooks ?? {}) as Named, (ei.webhooks ?? {}) as Named, (x) => String(x.target))) {
        compare('webhook', `${ia}.webhook.${w}`, { ...aw, triggers: [...(aw.triggers as string[])].sort() }, { ...ew, triggers: [...((ew.triggers ?? []) as string[])].sort() }, ra, re, () => false);
      }
      for (const [k, ak, ek] of match(`${ia}.key`, (ai.keys ?? {}) as Named, (ei.keys ?? {}) as Named, (x) => String(x.displayName))) compare('integration-key', `${ia}.key.${k}`, ak, ek, ra, re, () => false);
    }
    const sa = a.switchboard as Entry | undefined;
    if (!sa) continue;
    const se = (e.switchboard as Entry | undefined) ?? fail(`export: ${at}.switchboard is not exported`);
    compare('switchboard', `${at}.switchboard`, sa, se, ra, re, () => false);
    for (const [s, as, es] of match(`${at}.switchboard.integration`, (sa.integrations ?? {}) as Named, (se.integrations ?? {}) as Named, (x, n) => String(x.name ?? n))) {
      const { name: _an, ...restA } = as;
      const { name: _en, ...restE } = es;
      compare('switchboard-integration', `${at}.switchboard.integration.${s}`, restA, restE, ra, re, () => false);
    }
  }
}
