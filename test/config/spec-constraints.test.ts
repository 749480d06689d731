/**
 * Every constraint of every provisioning request body in spec/openapi.json, both ways: a
 * config that violates it (validate refuses it at file:line) and the matching request (the
 * emulator answers 400); and its boundary values (exactly maxLength, the minimum, each listed
 * enum value), which both accept, so that refusing everything cannot pass. The constraints are
 * enumerated here from the spec's flattened bodies; one the config cannot express (a reference,
 * the discriminator, a generated value) is listed with the reason, and the emulator side is
 * still checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineCounter, isMap, isScalar, parseDocument, stringify, type Node, type YAMLMap } from 'yaml';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/config/issues.js';
import { integrationBodies, requestBodies, specIntegrationTypes, type Json, type RequestBody } from '../../src/config/spec-requests.js';
import { VALID_BODIES } from '../emulator/fixtures.js';
import { caller, start, type Call } from '../helpers/emulator.js';
import { cleanup, tempConfig } from './helpers.js';

type Obj = Record<string, unknown>;

interface Constraint {
  /** API field path inside the body, e.g. ['prechatCapture', 'fields', '0', 'name']. */
  path: string[];
  keyword: string;
  /** A value that breaks it (undefined: the field left out). */
  bad: unknown;
  /** Values exactly at the limit, which must pass. */
  good: unknown[];
}

/** A valid instance of a constraint schema, as small as its rules allow. */
function sample(s: Json): unknown {
  if (s.enum) return (s.enum as unknown[])[0];
  const type = ([] as string[]).concat((s.type as string | string[]) ?? 'object')[0];
  if (type === 'string') return 'x'.repeat(Math.max(1, Number(s.minLength ?? 1)));
  if (type === 'boolean') return true;
  if (type === 'integer' || type === 'number') return Number(s.minimum ?? 1);
  if (type === 'array') return Array.from({ length: Number(s.minItems ?? 0) }, () => sample((s.items ?? {}) as Json));
  const out: Obj = {};
  for (const r of (s.required as string[] | undefined) ?? []) out[r] = sample(((s.properties ?? {}) as Record<string, Json>)[r] ?? {});
  return out;
}

const WRONG: Record<string, unknown> = { string: 12345, boolean: 'yes', integer: 1.5, number: 'many', array: 'x', object: 'x' };

function constraints(s: Json, path: string[], required: boolean): Constraint[] {
  const out: Constraint[] = [];
  const types = ([] as string[]).concat((s.type as string | string[]) ?? []);
  if (types.length > 0) out.push({ path, keyword: 'type', bad: WRONG[types[0]], good: [] });
  if (types.length > 0 && s.nullable !== true) out.push({ path, keyword: 'nullable', bad: null, good: [] });
  if (required) out.push({ path, keyword: 'required', bad: undefined, good: [] });
  if (typeof s.minLength === 'number' && s.minLength > 0) out.push({ path, keyword: 'minLength', bad: 'x'.repeat(s.minLength - 1), good: ['x'.repeat(s.minLength)] });
  if (typeof s.maxLength === 'number') out.push({ path, keyword: 'maxLength', bad: 'x'.repeat(s.maxLength + 1), good: ['x'.repeat(s.maxLength)] });
  if (Array.isArray(s.enum)) out.push({ path, keyword: 'enum', bad: 'not-a-listed-value', good: s.enum });
  if (typeof s.minimum === 'number') out.push({ path, keyword: 'minimum', bad: s.minimum - 1, good: [s.minimum] });
  if (typeof s.maximum === 'number') out.push({ path, keyword: 'maximum', bad: s.maximum + 1, good: [s.maximum] });
  if (typeof s.minItems === 'number' && s.minItems > 0) out.push({ path, keyword: 'minItems', bad: [], good: [] });
  if (typeof s.maxItems === 'number') out.push({ path, keyword: 'maxItems', bad: Array.from({ length: s.maxItems + 1 }, () => sample((s.items ?? {}) as Json)), good: [] });
  if (s.items) out.push(...constraints(s.items as Json, [...path, '0'], false));
  const req = (s.required as string[] | undefined) ?? [];
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json>)) out.push(...constraints(v, [...path, k], req.includes(k)));
  return out;
}

const bodyConstraints = (body: RequestBody) => Object.entries(body.properties).flatMap(([k, v]) => constraints(v, [k], body.required.includes(k)));

function schemaAt(body: RequestBody, p: string[]): Json {
  let s: Json = { type: 'object', properties: body.properties };
  for (const k of p) s = (/^\d+$/.test(k) ? (s.items as Json) : ((s.properties ?? {}) as Record<string, Json>)[k]) ?? {};
  return s;
}

/** A copy of `base` with `value` at `path` (undefined deletes it); missing containers get valid samples. */
function setIn(body: RequestBody, base: Obj, path: string[], value: unknown): Obj {
  const root = structuredClone(base);
  let cur: Obj = root;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    const next = path[i + 1];
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') cur[k] = /^\d+$/.test(next) ? [] : sample(schemaAt(body, path.slice(0, i + 1)));
    const c = cur[k] as Obj;
    if (/^\d+$/.test(next) && Array.isArray(c) && c.length <= Number(next)) c.push(sample(schemaAt(body, path.slice(0, i + 2))));
    cur = c;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return root;
}

// ---------------------------------------------------------------------------------------------
// Targets: each request body, how the emulator receives it, and where its fields sit in a config.

/** Where an API field sits in the config: a path (onKey: the value is the entry's map key), or why it has no place there. */
type Where = { path: string[]; onKey?: boolean } | string;

interface Target {
  name: string;
  body: RequestBody;
  /** A valid request, which each case breaks in one place. */
  base: Obj;
  send(body: Obj): Promise<number>;
  config(body: Obj): Obj;
  at(path: string[], keyword: string): Where;
}

const REFERENCE = 'a reference: the config names the entry, sunco sends its id';
const app = (extra: Obj) => ({ version: 1, apps: { a: { displayName: 'A', ...extra } } });
const CUSTOM = VALID_BODIES.custom as Obj & { webhooks: Obj[] };

let emu: RunningEmulator;
let call: Call;
const status = async (method: string, path: string, body?: Obj) => (await call(method, path, body === undefined ? {} : { body })).status;
/** A fresh app for each request: limits and irreversible settings never leak between cases. */
const freshApp = async () => (await call('POST', '/v2/apps', { body: { displayName: 'Case' } })).body.app.id as string;
const freshSwitchboard = async () => {
  const a = await freshApp();
  const sb = await call('POST', `/v2/apps/${a}/switchboards`, {});
  return `/v2/apps/${a}/switchboards/${sb.body.switchboard.id as string}`;
};
const freshCustom = async () => {
  const a = await freshApp();
  const bot = await call('POST', `/v2/apps/${a}/integrations`, { body: CUSTOM });
  return { base: `/v2/apps/${a}/integrations/${bot.body.integration.id as string}`, webhookId: bot.body.integration.webhooks[0].id as string };
};

function integrationConfig(type: string, body: Obj): Obj {
  const { webhooks, ...rest } = body;
  const entry: Obj = { ...rest };
  if (type === 'custom') entry.webhooks = Array.isArray(webhooks) ? Object.fromEntries(webhooks.map((w, i) => [`w${i}`, w])) : webhooks;
  return app({ integrations: { x: entry } });
}

function integrationAt(type: string) {
  return (path: string[], keyword: string): Where => {
    const [field, index, sub] = path;
    if (field === 'type') return 'the discriminator: it selects the schema (the config\'s type enum is tested apart)';
    if (field === 'defaultResponderId') return REFERENCE;
    if (type === 'custom' && field === 'webhooks') {
      if (index === undefined) {
        return keyword === 'maxItems' ? 'sunco sends the first webhook inline and creates the others with CreateWebhook' : { path: ['apps', 'a', 'integrations', 'x', 'webhooks'] };
      }
      if (sub === 'secret') return 'generated by the API: a config never sets a webhook secret';
      return { path: ['apps', 'a', 'integrations', 'x', 'webhooks', `w${index}`, ...path.slice(2)] };
    }
    return { path: ['apps', 'a', 'integrations', 'x', ...path] };
  };
}

function targets(): Target[] {
  const b = requestBodies();
  const list: Target[] = [
    {
      name: 'CreateApp', body: b.app.create, base: { displayName: 'A' },
      send: (body) => status('POST', '/v2/apps', body),
      config: (body) => ({ version: 1, apps: { a: body } }),
      at: (p) => ({ path: ['apps', 'a', ...p] }),
    },
    {
      name: 'UpdateApp', body: b.app.update, base: {},
      send: async (body) => status('PATCH', `/v2/apps/${await freshApp()}`, body),
      config: (body) => app(body),
      at: (p) => ({ path: ['apps', 'a', ...p] }),
    },
    {
      name: 'CreateAppKey', body: b.appKey.create, base: { displayName: 'CI' },
      send: async (body) => status('POST', `/v2/apps/${await freshApp()}/keys`, body),
      config: (body) => app({ keys: { ci: body } }),
      at: (p) => ({ path: ['apps', 'a', 'keys', 'ci', ...p] }),
    },
    {
      name: 'CreateCustomIntegrationKey', body: b.integrationKey.create, base: { displayName: 'runtime' },
      send: async (body) => status('POST', `${(await freshCustom()).base}/keys`, body),
      config: (body) => integrationConfig('custom', { ...CUSTOM, keys: { k: body } }),
      at: (p) => ({ path: ['apps', 'a', 'integrations', 'x', 'keys', 'k', ...p] }),
    },
    ...(['create', 'update'] as const).map((op): Target => ({
      name: op === 'create' ? 'CreateWebhook' : 'UpdateWebhook', body: b.webhook[op],
      base: op === 'create' ? { target: 'https://bot.example/2', triggers: ['conversation:message'] } : {},
      send: async (body) => {
        const bot = await freshCustom();
        return op === 'create' ? status('POST', `${bot.base}/webhooks`, body) : status('PATCH', `${bot.base}/webhooks/${bot.webhookId}`, body);
      },
      // CreateWebhook's body is a whole webhook; UpdateWebhook's changes some fields of one.
      config: (body) => integrationConfig('custom', { ...CUSTOM, webhooks: [op === 'create' ? body : { ...CUSTOM.webhooks[0], ...body }] }),
      at: (p) => ({ path: ['apps', 'a', 'integrations', 'x', 'webhooks', 'w0', ...p] }),
    })),
    {
      name: 'UpdateSwitchboard', body: b.switchboard.update, base: {},
      send: async (body) => status('PATCH', await freshSwitchboard(), body),
      config: (body) => app({ switchboard: body }),
      at: (p) => (p[0] === 'defaultSwitchboardIntegrationId' ? REFERENCE : { path: ['apps', 'a', 'switchboard', ...p] }),
    },
    ...(['create', 'update'] as const).map((op): Target => ({
      name: op === 'create' ? 'CreateSwitchboardIntegration' : 'UpdateSwitchboardIntegration', body: b.switchboardIntegration[op],
      base: op === 'create' ? { name: 'agent', integrationType: 'zd:agentWorkspace' } : {},
      send: async (body) => {
        const sis = `${await freshSwitchboard()}/switchboardIntegrations`;
        if (op === 'create') return status('POST', sis, body);
        const si = await call('POST', sis, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } });
        return status('PATCH', `${sis}/${si.body.switchboardIntegration.id as string}`, body);
      },
      config: (body) => {
        const { name, ...rest } = { name: 'agent', integrationType: 'zd:agentWorkspace', ...body };
        return app({ switchboard: { integrations: { [String(name)]: rest } } });
      },
      at: (p, keyword) => {
        if (p[0] === 'integrationId' || p[0] === 'nextSwitchboardIntegrationId') return REFERENCE;
        if (p[0] === 'name') {
          // The name is the entry's map key: always present, always a string.
          return keyword === 'maxLength' ? { path: ['apps', 'a', 'switchboard', 'integrations', 'x'.repeat(129)], onKey: true } : 'the map key of the entry: a YAML key is always a present string';
        }
        return { path: ['apps', 'a', 'switchboard', 'integrations', 'agent', ...p] };
      },
    })),
  ];
  for (const type of specIntegrationTypes()) {
    const { create, update } = integrationBodies(type);
    list.push({
      name: `CreateIntegration ${type}`, body: create, base: VALID_BODIES[type] as Obj,
      send: async (body) => status('POST', `/v2/apps/${await freshApp()}/integrations`, body),
      config: (body) => integrationConfig(type, body),
      at: integrationAt(type),
    }, {
      name: `UpdateIntegration ${type}`, body: update, base: {},
      send: async (body) => {
        const a = await freshApp();
        const made = await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES[type] });
        return status('PATCH', `/v2/apps/${a}/integrations/${made.body.integration.id as string}`, body);
      },
      config: (body) => integrationConfig(type, { ...(VALID_BODIES[type] as Obj), ...body }),
      at: integrationAt(type),
    });
  }
  return list;
}

/**
 * Boundary values that a prose rule of the spec refuses on its own (resources/prose-rules.ts):
 * mailgun's incomingAddress must be on `domain`, so a one-character address cannot pass.
 */
const PROSE_BOUND = new Set(['CreateIntegration mailgun: incomingAddress minLength', 'CreateIntegration mailgun: domain minLength']);

// ---------------------------------------------------------------------------------------------
// The config side: write the YAML, load it, find the lines the issue may name.

function linesOf(text: string, path: string[]): number[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const keys = (p: string[]) => p.map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const parent = doc.getIn(keys(path.slice(0, -1)), true) as Node | undefined;
  const last = path[path.length - 1];
  const offsets: number[] = [];
  if (isMap(parent)) {
    const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === last);
    for (const n of [pair?.key, pair?.value] as Array<Node | undefined>) if (n?.range) offsets.push(n.range[0]);
  } else {
    const node = doc.getIn(keys(path), true) as Node | undefined;
    if (node?.range) offsets.push(node.range[0]);
  }
  return offsets.map((o) => lc.linePos(o).line);
}

async function configIssues(doc: Obj): Promise<{ text: string; issues: ConfigError['errors'] }> {
  const text = stringify(doc);
  const cwd = await tempConfig({ 'sunco.yaml': text });
  try {
    await loadConfig({ cwd, env: {} });
    return { text, issues: [] };
  } catch (err) {
    if (err instanceof ConfigError) return { text, issues: err.errors };
    throw err;
  }
}

const ALL = targets();

beforeAll(async () => {
  emu = await start();
  call = caller(emu);
});
afterAll(async () => {
  await emu.close();
  await cleanup();
});

describe('the enumeration', () => {
  it('covers every provisioning request body: apps, keys, 16 integration types (create and update), webhooks, switchboards', () => {
    expect(ALL.map((t) => t.name)).toHaveLength(9 + 2 * 16);
    expect(specIntegrationTypes()).toHaveLength(16);
    const all = ALL.flatMap((t) => bodyConstraints(t.body));
    // Every kind of keyword the bodies use is exercised.
    expect(new Set(all.map((c) => c.keyword))).toEqual(new Set(['type', 'nullable', 'required', 'minLength', 'maxLength', 'enum', 'minimum', 'maximum', 'minItems', 'maxItems']));
    expect(all.length).toBeGreaterThan(400);
  });
});

describe.each(ALL.map((t) => [t.name, t] as const))('%s', (_name, t) => {
  for (const c of bodyConstraints(t.body)) {
    const label = `${c.path.join('.')} ${c.keyword}`;
    const where = t.at(c.path, c.keyword);
    const bad = setIn(t.body, t.base, c.path, c.bad);
    if (typeof where === 'string') {
      it(`${label}: the emulator refuses it (no place in a config: ${where})`, async () => {
        expect(await t.send(bad)).toBe(400);
      });
      continue;
    }
    it(`${label}: validate refuses it at file:line, the emulator with 400`, async () => {
      const doc = t.config(bad);
      const { text, issues } = await configIssues(doc);
      // A missing field is reported at the entry that lacks it; anything else at the field (its key or its value).
      const lines = c.keyword === 'required' ? linesOf(text, where.path.slice(0, -1)) : linesOf(text, where.path);
      expect(lines.length, text).toBeGreaterThan(0);
      expect(issues.filter((i) => i.file === 'sunco.yaml' && lines.includes(i.line)), `${text}\n${JSON.stringify(issues.map((i) => [i.line, i.code, i.message]))}`).not.toEqual([]);
      expect(await t.send(bad)).toBe(400);
    });
    for (const good of c.good) {
      if (PROSE_BOUND.has(`${t.name}: ${label}`)) continue;
      it(`${label}: the boundary ${JSON.stringify(good).slice(0, 24)} is accepted by both`, async () => {
        const body = setIn(t.body, t.base, c.path, good);
        const { text, issues } = await configIssues(t.config(body));
        expect(issues.map((i) => `${i.line}: ${i.message}`), text).toEqual([]);
        expect(await t.send(body)).toBeLessThan(300);
      });
    }
  }
});
