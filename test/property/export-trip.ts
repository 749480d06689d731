/**
 * The export round trip (docs/export.md): `sunco export --all -o FILE --vars-out FILE
 * --secrets-out FILE`, run in-process as a user runs it, against the account the scenario
 * applied. What the page promises, and nothing more, is checked:
 * - nothing secret is printed or written into the YAML or the template: write-only values,
 *   credentials the API reads back, values applied from sensitive variables (metadata,
 *   displayNames, targets: sunco:sensitive records their fields), and generated secrets;
 * - the template's variables filled in (credentials and sensitive metadata from the export's
 *   secrets file, where the template says they are; write-only values from the config that was
 *   applied; a write-only field nothing set is deleted from the YAML, as the page says), the
 *   export plans no create, update, replace or delete and nothing unmanaged: at most sunco's
 *   bookkeeping;
 * - its metadata is the live metadata without sunco's reserved keys: the applied config's;
 * - every field the applied config declares is exported (export-fidelity.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { ApiClient } from '../../src/api/types.js';
import { makePlan } from '../../src/cli/make-plan.js';
import { loadConfig, type LoadedConfig } from '../../src/config/index.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';
import { checkFidelity } from './export-fidelity.js';
import { fail } from './outputs.js';
import { isSecretField } from './types.js';

export interface ExportCtx { emu: RunningEmulator; api: ApiClient; dir: string }

interface TemplateVar { name: string; address: string; field: string; savedKey?: string }

/** The template's variables, from the comment above each (`# ADDRESS: FIELD (why)`, then where its value was saved). */
function templateVars(text: string): TemplateVar[] {
  const out: TemplateVar[] = [];
  let current: Partial<TemplateVar> = {};
  for (const line of text.split('\n')) {
    const what = /^# (app\.\S+): (\S+) \(/.exec(line);
    if (what) current = { address: what[1]!, field: what[2]! };
    const saved = /^# {3}its current value is in .* under "(.+)"$/.exec(line);
    if (saved) current.savedKey = saved[1]!;
    const assign = /^([A-Z_][A-Z0-9_]*)=$/.exec(line);
    if (assign) {
      if (!current.address) fail(`export --vars-out: ${assign[1]} has no comment naming its field`);
      out.push({ name: assign[1]!, address: current.address!, field: current.field!, ...(current.savedKey ? { savedKey: current.savedKey } : {}) });
      current = {};
    }
  }
  return out;
}

type Entry = Record<string, unknown>;

/**
 * `applied`: the config last applied; `everApplied`: every integration the run applied, by type
 * and displayName (latest wins), for the write-only values of integrations since removed from
 * the config (still live, unmanaged, and exported).
 */
export async function exportRoundTrip(ctx: ExportCtx, applied: LoadedConfig, everApplied: ReadonlyMap<string, Entry>, forbidden: string[]): Promise<{ variables: number }> {
  const env = { SUNCO_API_URL: ctx.emu.url, SUNCO_KEY_ID: ctx.emu.accountKey.keyId, SUNCO_KEY_SECRET: ctx.emu.accountKey.secret };
  const r = await runCli(['export', '--all', '-o', 'export.yaml', '--vars-out', 'export.env', '--secrets-out', 'export-secrets.json', '--force'], { cwd: ctx.dir, env });
  if (r.code !== 0) fail(`sunco export exited ${r.code}: ${r.stderr}`);
  const yamlText = await readFile(join(ctx.dir, 'export.yaml'), 'utf8');
  const template = await readFile(join(ctx.dir, 'export.env'), 'utf8');
  for (const [channel, text] of Object.entries({ 'export stdout': r.stdout, 'export stderr': r.stderr, 'export.yaml': yamlText, 'export --vars-out': template })) {
    for (const v of forbidden) if (text.includes(v) || text.includes(JSON.stringify(v).slice(1, -1))) fail(`${channel} shows the secret ${JSON.stringify(v)}`);
  }
  const saved = JSON.parse(await readFile(join(ctx.dir, 'export-secrets.json'), 'utf8').catch(() => '{}')) as Record<string, { secret: string }>;
  const doc = parseDocument(yamlText);
  const exported = doc.toJS() as { apps: Record<string, Entry> };
  const values: string[] = [];
  for (const v of templateVars(template)) {
    let value: unknown;
    if (v.savedKey) value = saved[v.savedKey]?.secret ?? fail(`export: the template says ${v.name} is saved under "${v.savedKey}", and the secrets file lacks it`);
    else value = writeOnlyValue(exported, everApplied, v, saved);
    if (value === undefined) {
      // "A write-only field that the integration does not use … can be deleted from the YAML instead."
      const [, appName, , integName] = v.address.split('.');
      doc.deleteIn(['apps', appName, 'integrations', integName, v.field]);
      continue;
    }
    values.push(`${v.name}=${JSON.stringify(String(value))}`);
  }
  await writeFile(join(ctx.dir, 'export-filled.yaml'), doc.toString({ lineWidth: 0 }));
  await writeFile(join(ctx.dir, 'export-filled.env'), `${values.join('\n')}\n`);
  const loaded = await loadConfig({ path: 'export-filled.yaml', cwd: ctx.dir, env: {}, varFiles: ['export-filled.env'] });
  const { plan } = await makePlan({ loaded, client: ctx.api, keyId: ctx.emu.accountKey.keyId });
  const { create, update, replace, delete: del, unmanaged } = plan.summary;
  if (create + update + replace + del + unmanaged > 0 || plan.steps.some((s) => s.operation !== 'bookkeeping')) {
    fail(`the export plans changes against the account it came from: ${JSON.stringify(plan.summary)}; ${plan.changes.map((c) => `${c.action} ${c.address} ${c.fields.map((f) => f.field).join(',')}`).join('; ')}`);
  }
  checkFidelity(applied, loaded, isSecretField);
  for (const [name, app] of Object.entries(applied.config.apps)) {
    const mine = Object.values(loaded.config.apps).find((a) => a.displayName === app.displayName) ?? fail(`export: app.${name} (${app.displayName}) is not exported`);
    if (JSON.stringify(sorted(mine.metadata ?? {})) !== JSON.stringify(sorted(app.metadata ?? {}))) fail(`export: app.${name} metadata ${JSON.stringify(mine.metadata)} is not the applied ${JSON.stringify(app.metadata)}`);
  }
  return { variables: values.length };
}

/** An integration's key in `everApplied`. */
export const integrationKey = (type: unknown, displayName: unknown): string => `${String(type)}\u0000${String(displayName ?? '')}`;

/** The applied value of an exported write-only field: the integration found by type and displayName. */
function writeOnlyValue(exported: { apps: Record<string, Entry> }, everApplied: ReadonlyMap<string, Entry>, v: TemplateVar, saved: Record<string, { secret: string }>): unknown {
  const [, appName, kind, integName] = v.address.split('.');
  if (kind !== 'integration') fail(`export: write-only ${v.name} belongs to ${v.address}, not an integration`);
  const app = exported.apps[appName!] ?? fail(`export: ${v.address} is not in the YAML`);
  const integ = ((app.integrations ?? {}) as Record<string, Entry>)[integName!] ?? fail(`export: ${v.address} is not in the YAML`);
  // A displayName applied from a sensitive variable is exported as one, its value saved under ADDRESS#displayName.
  const displayName = saved[`${v.address}#displayName`]?.secret ?? integ.displayName;
  return everApplied.get(integrationKey(integ.type, displayName))?.[v.field];
}

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
