/**
 * One property run against a fresh emulator: apply a generated config, then each edit in
 * turn, checking the invariants after every step with the real loader, planner and applier:
 * - apply then re-plan is empty;
 * - no duplicates (no two live siblings share a natural key);
 * - live metadata equals the declared metadata plus sunco's reserved keys;
 * - a rename plans an update where the API allows it; the same values supplied otherwise
 *   (a literal moved into a variable, a declaration or an unused default changed) plan nothing;
 * - the secrets file holds every generated secret (keys, webhooks, messagebird) under its
 *   address with its live id; no entry is left under an old address by a rename, and none names
 *   an object that is gone (apply's recovery and tidying run as sunco-apply runs them);
 * - a plan never deletes or replaces what `protect: true` covers (it is refused instead);
 * - no output shows a sensitive value, and every output shows the non-sensitive variables'
 *   values it is about (outputs.ts);
 * - an interrupted apply, then a normal one, converges (interrupted.ts);
 * - after the last edit, the account's export plans no change and keeps the metadata (export-trip.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import type { StepEvent } from '../../src/apply/types.js';
import { makePlan } from '../../src/cli/make-plan.js';
import { recoverSecrets } from '../../src/cli/recover-secrets.js';
import { tidySecrets } from '../../src/cli/tidy-secrets.js';
import { loadConfig, type LoadedConfig } from '../../src/config/index.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { UserError } from '../../src/errors.js';
import type { Plan } from '../../src/plan/types.js';
import { resetSecretMask } from '../../src/secret-mask.js';
import type { LiveState } from '../../src/state/types.js';
import { isReservedMetadataKey, withoutReservedKeys } from '../../src/resources/reserved-keys.js';
import type { Edit } from './arbitraries.js';
import { isSecretSlot, searchable, sensitiveValues, shownSlots } from './bindings.js';
import { type Applied, applyEdit } from './edits.js';
import { exportRoundTrip, integrationKey } from './export-trip.js';
import { applyInterrupted, orphansOf } from './interrupted.js';
import { type Model, render, slots, varValue } from './model.js';
import { checkApplyOutputs, checkPlanOutputs, fail, type Watch } from './outputs.js';

export interface Tally {
  runs: number; edits: Record<string, number>; skipped: number; renamesAsUpdates: number; refusedProtected: number; applies: number; steps: number;
  quiet: number; interrupted: number; killed: number; orphans: number; exports: number; exportVariables: number; outputsSearched: number; valuesShown: number; variables: number;
}
export const newTally = (): Tally => ({
  runs: 0, edits: {}, skipped: 0, renamesAsUpdates: 0, refusedProtected: 0, applies: 0, steps: 0,
  quiet: 0, interrupted: 0, killed: 0, orphans: 0, exports: 0, exportVariables: 0, outputsSearched: 0, valuesShown: 0, variables: 0,
});

interface Ctx {
  emu: RunningEmulator; api: ApiClient; dir: string; secrets: SecretsFile;
  /** The model last loaded, and every sensitive value and generated secret seen in the run. */
  model: Model; generated: Set<string>; watch: Watch;
  /** Every sensitive value each field held in the run, by `address#field` (a rotated value stays secret). */
  everSensitive: Map<string, Set<string>>;
  /** Every integration applied in the run, by type and displayName (export-trip.ts). */
  everApplied: Map<string, Record<string, unknown>>;
}

async function load(ctx: Ctx, model: Model, tally: Tally): Promise<LoadedConfig> {
  const r = render(model);
  // A new CLI run: a fresh registry of secret values (cli/run.ts), filled by the loader.
  resetSecretMask();
  await writeFile(join(ctx.dir, 'sunco.yaml'), r.yaml);
  const varFiles: string[] = [];
  if (Object.keys(r.yamlVars).length > 0) {
    await writeFile(join(ctx.dir, 'vars.yaml'), JSON.stringify(r.yamlVars));
    varFiles.push('vars.yaml');
  }
  if (r.dotenv) {
    await writeFile(join(ctx.dir, 'vars.env'), r.dotenv);
    varFiles.push('vars.env');
  }
  ctx.model = model;
  for (const [key, v] of sensitiveValues(model)) ctx.everSensitive.set(key, (ctx.everSensitive.get(key) ?? new Set()).add(v));
  tally.variables += slots(model).filter((s) => s.binding).length;
  return loadConfig({ path: 'sunco.yaml', cwd: ctx.dir, env: r.env, vars: r.vars, varFiles });
}

/** The live state each plan was made from, for the secrets file's recovery and tidying around apply. */
const liveOf = new WeakMap<Plan, LiveState>();
const quiet = { write: () => true };

async function plan(ctx: Ctx, loaded: LoadedConfig): Promise<Plan> {
  const { plan: made, live } = await makePlan({ loaded, client: ctx.api, keyId: ctx.emu.accountKey.keyId });
  liveOf.set(made, live);
  await checkPlanOutputs(made, ctx.dir, ctx.watch, shownSlots(ctx.model));
  return made;
}

/** Every generated secret the file holds is a value no output may show. */
async function learnGenerated(ctx: Ctx): Promise<void> {
  await ctx.secrets.close();
  const saved = JSON.parse(await readFile(ctx.secrets.path, 'utf8').catch(() => '{}')) as Record<string, { secret: string }>;
  for (const e of Object.values(saved)) if (typeof e.secret === 'string' && searchable(e.secret)) ctx.generated.add(e.secret);
}

async function applyAndCheck(ctx: Ctx, loaded: LoadedConfig, p: Plan, tally: Tally): Promise<void> {
  await recoverSecrets(ctx.secrets, p.liveIds, liveOf.get(p)!, 'secrets.json', quiet);
  const events: StepEvent[] = [];
  const report = await executePlan({ plan: p, client: ctx.api, config: loaded.config, secrets: ctx.secrets, onEvent: (e) => events.push(e) });
  await tidySecrets(ctx.secrets, p, liveOf.get(p)!, report, 'secrets.json', quiet);
  tally.applies++;
  tally.steps += p.steps.length;
  for (const app of Object.values(loaded.config.apps)) for (const i of Object.values(app.integrations ?? {})) ctx.everApplied.set(integrationKey(i.type, i.displayName), i);
  await learnGenerated(ctx);
  checkApplyOutputs(p, report, events, ctx.watch);
  if (report.failed.length > 0) fail(`apply failed: ${report.failed.map((f) => `${f.stepId} ${f.status ?? ''} ${f.code ?? ''} ${f.message}`).join('; ')}`);
  const again = await plan(ctx, loaded);
  if (again.steps.length > 0) fail(`re-plan after apply is not empty: ${again.steps.map((s) => s.id).join(', ')}; changes ${JSON.stringify(again.changes.filter((c) => c.action !== 'unmanaged'))}`);
  await checkLive(ctx, loaded);
  await learnGenerated(ctx);
}

type Item = { id: string; [k: string]: unknown };


async function checkLive(ctx: Ctx, loaded: LoadedConfig): Promise<void> {
  const apps = await ctx.api.listAll<Item>('/v2/apps', 'apps');
  await ctx.secrets.close();
  const secrets = JSON.parse(await readFile(ctx.secrets.path, 'utf8').catch(() => '{}')) as Record<string, { id?: string; secret: string }>;
  // Held under its current address (a renamed logical key's entry has moved), with the live id.
  const expected = new Set<string>();
  const held = (address: string, id: unknown, secret: unknown): boolean => {
    expected.add(address);
    return secrets[address]?.secret === secret && secrets[address]?.id === id;
  };
  const dup = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) fail(`duplicate ${what}: ${k}`);
      seen.add(k);
    }
  };
  dup('app', apps.map((a) => String(a.displayName)));
  for (const [name, entry] of Object.entries(loaded.config.apps)) {
    const app = apps.find((a) => a.displayName === entry.displayName) ?? fail(`app.${name} (${entry.displayName}) is not live`);
    const meta = (app.metadata ?? {}) as Record<string, unknown>;
    if (entry.metadata !== undefined && JSON.stringify(sortObj(withoutReservedKeys(meta))) !== JSON.stringify(sortObj(entry.metadata))) {
      fail(`app.${name} live metadata ${JSON.stringify(meta)} is not the declared ${JSON.stringify(entry.metadata)} plus reserved keys`);
    }
    if (Object.values(meta).some((v) => typeof v === 'object')) fail(`app.${name} metadata holds a non-scalar: ${JSON.stringify(meta)}`);
    const base = `/v2/apps/${app.id}`;
    const integrations = (await ctx.api.listAll<Item>(`${base}/integrations`, 'integrations'));
    dup(`integration in app.${name}`, integrations.map((i) => `${String(i.type)} ${String(i.displayName)}`));
    const keys = (await ctx.api.get<{ keys: Item[] }>(`${base}/keys`)).keys;
    dup(`app key in app.${name}`, keys.map((k) => String(k.displayName)));
    for (const [kname, k] of Object.entries(entry.keys ?? {})) {
      const live = keys.find((x) => x.displayName === k.displayName) ?? fail(`app.${name}.key.${kname} is not live`);
      if (!held(`app.${name}.key.${kname}`, live.id, live.secret)) fail(`the secrets file lacks the secret of app.${name}.key.${kname}`);
    }
    for (const [iname, i] of Object.entries(entry.integrations ?? {})) {
      const addr = `app.${name}.integration.${iname}`;
      const live = integrations.find((x) => x.type === i.type && x.displayName === i.displayName) ?? fail(`${addr} is not live`);
      if (i.type === 'messagebird' && !held(addr, live.id, live.webhookSecret)) fail(`the secrets file lacks the webhookSecret of ${addr}`);
      if (i.type !== 'custom') continue;
      const hooks = (await ctx.api.get<{ webhooks: Item[] }>(`${base}/integrations/${live.id}/webhooks`)).webhooks;
      dup(`webhook of ${addr}`, hooks.map((w) => String(w.target)));
      for (const [wname, w] of Object.entries((i as { webhooks?: Record<string, { target: string }> }).webhooks ?? {})) {
        const lw = hooks.find((x) => x.target === w.target) ?? fail(`${addr}.webhook.${wname} is not live`);
        if (!held(`${addr}.webhook.${wname}`, lw.id, lw.secret)) fail(`the secrets file lacks the secret of ${addr}.webhook.${wname}`);
      }
      const ikeys = (await ctx.api.get<{ keys: Item[] }>(`${base}/integrations/${live.id}/keys`)).keys;
      for (const [kname, k] of Object.entries((i as { keys?: Record<string, { displayName: string }> }).keys ?? {})) {
        const lk = ikeys.find((x) => x.displayName === k.displayName) ?? fail(`${addr}.key.${kname} is not live`);
        if (!held(`${addr}.key.${kname}`, lk.id, lk.secret)) fail(`the secrets file lacks the secret of ${addr}.key.${kname}`);
      }
    }
    for (const k of Object.keys(meta)) if (k.startsWith('sunco') && !isReservedMetadataKey(k)) fail(`unexpected key ${k}`);
  }
  // An undeclared entry may remain only for an object still live (removed from the config without
  // --prune, it is unmanaged but its secret still works), and one object has one entry.
  const live = await liveSecretHolders(ctx.api, apps);
  const byId = new Map<string, string>();
  for (const [address, e] of Object.entries(secrets)) {
    if (e.id === undefined) continue;
    if (byId.has(e.id)) fail(`the secrets file holds ${e.id} twice: ${byId.get(e.id)} and ${address}`);
    byId.set(e.id, address);
    if (!expected.has(address) && !live.has(e.id)) fail(`the secrets file holds ${address} (${e.id}), which is not live`);
  }
}

/** The ids of every live app key, integration, webhook and integration key. */
async function liveSecretHolders(api: ApiClient, apps: Item[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const app of apps) {
    const base = `/v2/apps/${app.id}`;
    for (const k of (await api.get<{ keys: Item[] }>(`${base}/keys`)).keys) ids.add(k.id);
    for (const i of await api.listAll<Item>(`${base}/integrations`, 'integrations')) {
      ids.add(i.id);
      if (i.type !== 'custom') continue;
      for (const w of (await api.get<{ webhooks: Item[] }>(`${base}/integrations/${i.id}/webhooks`)).webhooks) ids.add(w.id);
      for (const k of (await api.get<{ keys: Item[] }>(`${base}/integrations/${i.id}/keys`)).keys) ids.add(k.id);
    }
  }
  return ids;
}

function sortObj(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Values no output may show now: every generated secret of the run, and every sensitive value
 * each field that is sensitive now held (the value before a rotation too), but those a
 * variable now shows. A field declared not sensitive since, or that the config no longer has,
 * is left out, as Terraform takes sensitivity from the current config: nothing then says its
 * values are secret (an object removed from the config is unmanaged, named by its live label).
 */
function forbiddenNow(ctx: Ctx): string[] {
  const shown = new Set(shownSlots(ctx.model).map((s) => varValue(s.binding!, s.value)));
  const fields = slots(ctx.model).filter((s) => isSecretSlot(s) || s.binding?.declared?.sensitive).map((s) => `${s.address}#${s.field}`);
  return [...fields.flatMap((f) => [...(ctx.everSensitive.get(f) ?? [])]), ...ctx.generated].filter((v) => !shown.has(v));
}

/** What export must never write (docs/export.md "Secrets"): secret fields, values applied from sensitive variables (sunco:sensitive records their fields), generated secrets. */
function exportForbidden(ctx: Ctx): string[] {
  const shown = new Set(shownSlots(ctx.model).map((s) => varValue(s.binding!, s.value)));
  return [...sensitiveValues(ctx.model).map(([, v]) => v), ...ctx.generated].filter((v) => searchable(v) && !shown.has(v));
}

/** The plan of an edit: refused when it replaces something protected (then `undefined`: the edit is dropped). */
async function planEdit(ctx: Ctx, loaded: LoadedConfig, applied: Applied, tally: Tally): Promise<Plan | undefined> {
  let p: Plan;
  try {
    p = await plan(ctx, loaded);
  } catch (err) {
    if (applied.protectedReplace && err instanceof UserError && [err.message, ...err.details].join('\n').includes(`${applied.protectedReplace}: protect: true`)) {
      tally.refusedProtected++;
      return undefined;
    }
    throw err;
  }
  if (applied.protectedReplace) fail(`the plan replaces protected ${applied.protectedReplace} instead of refusing`);
  for (const c of p.changes) {
    const entry = c.action === 'delete' || c.action === 'replace' ? findProtected(loaded, c.address) : false;
    if (entry) fail(`the plan would ${c.action} protected ${c.address}`);
  }
  if (applied.update) {
    const c = p.changes.find((x) => x.address === applied.update);
    if (c?.action !== 'update') fail(`rename of ${applied.update} planned as ${c?.action ?? 'nothing'}: ${JSON.stringify(p.changes.filter((x) => x.action !== 'unmanaged').map((x) => [x.address, x.action]))}`);
    tally.renamesAsUpdates++;
  }
  if (applied.quiet) {
    const changed = p.changes.filter((c) => c.action !== 'unmanaged');
    const steps = applied.quiet === 'nothing' ? p.steps : p.steps.filter((s) => s.operation !== 'bookkeeping');
    if (changed.length > 0 || steps.length > 0) fail(`the same values, supplied otherwise, plan ${JSON.stringify(changed.map((c) => [c.address, c.action, c.fields.map((f) => f.field)]))}, steps ${steps.map((s) => s.id).join(', ')}`);
    tally.quiet++;
  }
  return p;
}

/** Runs one generated case; throws (with what broke and the edit history) on a violated invariant. */
export async function runScenario(model: Model, edits: Edit[], tally: Tally): Promise<void> {
  const emu = await startEmulator({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'sunco-prop-'));
  const ctx: Ctx = {
    emu, dir, api: createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey }), secrets: new SecretsFile(join(dir, 'secrets.json')),
    model, everSensitive: new Map(), generated: new Set(), everApplied: new Map(), watch: { forbidden: () => forbiddenNow(ctx), tally: { channels: 0, shown: 0 } },
  };
  const history: string[] = ['initial apply'];
  try {
    tally.runs++;
    let current = model;
    let loaded = await load(ctx, current, tally);
    await applyAndCheck(ctx, loaded, await plan(ctx, loaded), tally);
    for (const [seq, edit] of edits.entries()) {
      const applied = applyEdit(current, edit, seq);
      if (!applied) {
        tally.skipped++;
        continue;
      }
      history.push(applied.said);
      tally.edits[edit.kind] = (tally.edits[edit.kind] ?? 0) + 1;
      const next = await load(ctx, applied.model, tally);
      const p = await planEdit(ctx, next, applied, tally);
      if (!p) {
        ctx.model = current; // Refused, as it must be: the edit is dropped.
        continue;
      }
      if (applied.interrupt) {
        const { interrupted, killed } = await applyInterrupted(ctx, next, p, liveOf.get(p)!, applied.interrupt, ctx.watch);
        if (interrupted) tally.interrupted++;
        if (killed) {
          tally.killed++;
          // The next run is a new process: a new secrets file object, which folds what the killed one left.
          ctx.secrets = new SecretsFile(ctx.secrets.path);
        }
        await learnGenerated(ctx);
        history.push('apply again');
        const again = await load(ctx, applied.model, tally);
        const after = await plan(ctx, again);
        // The next plan must finish an interrupted replace (plan/resume-replace.ts), never leave its
        // replacement or the old object unmanaged beside the managed one.
        const orphans = orphansOf(p, liveOf.get(p)!, after, liveOf.get(after)!);
        tally.orphans += orphans.length;
        if (orphans.length > 0) fail(`after an interrupted replace the next plan leaves ${orphans.join(', ')} unmanaged beside the replacement`);
        await applyAndCheck(ctx, again, after, tally);
      } else await applyAndCheck(ctx, next, p, tally);
      current = applied.model;
      loaded = next;
    }
    await load(ctx, current, tally);
    history.push('export');
    const trip = await exportRoundTrip(ctx, loaded, ctx.everApplied, exportForbidden(ctx));
    tally.exports++;
    tally.exportVariables += trip.variables;
    tally.outputsSearched += ctx.watch.tally.channels;
    tally.valuesShown += ctx.watch.tally.shown;
  } catch (err) {
    const what = err instanceof Error ? err.message : String(err);
    throw new Error(`${what}\n  after: ${history.join(' → ')}`, { cause: err });
  } finally {
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function findProtected(loaded: LoadedConfig, address: string): boolean {
  const [, app, , name] = address.split('.');
  const integ = loaded.config.apps[app!]?.integrations?.[name!];
  return address.split('.').length === 4 && integ?.protect === true;
}
