/**
 * The implementation of `sunco export`, loaded lazily by commands/export.ts: pick the apps,
 * read their live state (the plan's own reader, so export sees exactly what a plan sees),
 * turn it into a config (src/export/, pure) and write the files. Nothing secret is printed:
 * secrets go to --secrets-out only.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiClient } from '../../api/types.js';
import { SecretsFile } from '../../apply/secrets-file.js';
import type { AppConfig, LoadedConfig } from '../../config/types.js';
import { UserError } from '../../errors.js';
import { exportState } from '../../export/build.js';
import { renderDocument } from '../../export/render.js';
import type { ExportResult } from '../../export/types.js';
import { dotenvTemplate, variableDeclarations } from '../../export/variables.js';
import { readLiveState } from '../../state/read.js';
import { keyScope, type KeyScope } from '../../state/scope.js';
import { looksLikeId } from '../app-resolve.js';
import { connectFromArgv } from '../connection.js';
import { getIO, type CliIO } from '../io.js';
import type { ExportArgs } from './export.js';

/** The schema shipped with this sunco (schema/ beside src/ and dist/). */
const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/sunco.schema.json', import.meta.url));

interface ListedApp {
  id: string;
  displayName?: string;
}

/** The ids to export, in the order asked. Names and --all cost one apps list (account keys only). */
async function selectApps(client: ApiClient, argv: ExportArgs, scope: KeyScope, env: NodeJS.ProcessEnv): Promise<string[]> {
  const asked = (argv.app ?? []).map((a) => a.trim()).filter(Boolean);
  if (argv.all && asked.length > 0) throw new UserError('Give either --all or --app, not both.');
  if (!argv.all && asked.length === 0) {
    const fromEnv = env.SUNCO_APP_ID?.trim();
    if (!fromEnv) throw new UserError('Name the apps to export: --app ID|NAME (repeatable), --all, or set SUNCO_APP_ID.');
    asked.push(fromEnv);
  }
  const needsList = argv.all || asked.some((a) => !looksLikeId(a));
  if (needsList && scope === 'app') {
    throw new UserError(
      `${argv.all ? '--all' : `Finding app "${asked.find((a) => !looksLikeId(a))}" by name`} needs the apps list, which an app-scoped key (app_…) cannot read. Pass the app id: --app <24-hex id>.`,
    );
  }
  const listed = needsList ? await client.listAll<ListedApp>('/v2/apps', 'apps') : [];
  if (argv.all) return listed.map((a) => a.id);
  const ids = asked.map((a) => {
    if (looksLikeId(a)) return a;
    const fits = listed.filter((l) => l.displayName === a);
    if (fits.length === 1) return fits[0]!.id;
    if (fits.length === 0) throw new UserError(`No app named "${a}" (${listed.length} apps listed). Pass --app with an app id or an exact displayName.`);
    throw new UserError(`App name "${a}" is ambiguous: ${fits.map((f) => f.id).join(', ')}. Pass --app with one of these ids.`);
  });
  return [...new Set(ids)];
}

/** A config that pins each app by id: the state reader then reads exactly these apps, as a plan would. */
function pinnedConfig(ids: string[]): LoadedConfig {
  const apps: Record<string, AppConfig> = Object.fromEntries(ids.map((id, i) => [`a${i}`, { id, displayName: '' }]));
  return { config: { version: 1, apps }, files: [], sources: new Map(), sensitive: new Set(), fingerprint: '' };
}

function schemaRef(fromDir: string): string {
  return relative(fromDir, SCHEMA_FILE).split(sep).join('/');
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

interface Output {
  path: string;
  text: string;
  /** The flag that named it, for messages. */
  flag: string;
}

export async function runExport(argv: ExportArgs): Promise<void> {
  const io = getIO();
  const { client, keyId } = await connectFromArgv(argv, io);
  const scope = keyScope(keyId, false);
  if (scope === 'integration') throw new UserError('An integration-scoped key (int_…) cannot read apps, integrations or switchboards: use an app (app_…) or account (act_…, svc_…) key.');
  const secrets = argv.secretsOut ? new SecretsFile(resolve(io.cwd, argv.secretsOut)) : undefined;
  // Before any request: a secrets file that cannot be written fails now, not after the read.
  await secrets?.check();

  const ids = await selectApps(client, argv, scope, io.env);
  const live = await readLiveState({ loaded: pinnedConfig(ids), client, keyId });
  const missing = ids.filter((id) => !live.apps.some((a) => a.id === id));
  if (missing.length > 0) throw new UserError(`No app with id ${missing.join(', ')}: check the id, and that the key belongs to that account or app.`);
  const result = exportState(live.apps, { pinIds: argv.pinIds === true, appScoped: scope === 'app' });
  for (const v of result.variables) {
    if (v.savedIn && secrets) v.savedIn.file = argv.secretsOut;
    else delete v.savedIn;
  }

  const { outputs, stdout, shown } = await configOutputs(result, argv, io);
  if (argv.varsOut) outputs.push({ path: resolve(io.cwd, argv.varsOut), text: dotenvTemplate(result.variables, shown), flag: '--vars-out' });
  // Nothing is written unless everything can be: an existing file stops the export first.
  if (argv.force !== true) {
    for (const o of outputs) {
      if (await exists(o.path)) throw new UserError(`${o.path} already exists (${o.flag}): move it away, choose another path, or pass --force to overwrite it.`);
    }
  }
  for (const o of outputs) {
    try {
      await mkdir(dirname(o.path), { recursive: true });
      await writeFile(o.path, o.text);
    } catch (err) {
      throw new UserError(`cannot write ${o.path} (${o.flag}): ${(err as Error).message}`);
    }
  }
  if (stdout !== undefined) io.stdout.write(stdout);
  if (secrets && Object.keys(result.secrets).length > 0) {
    await secrets.save(result.secrets);
    await secrets.close();
  }
  const files = outputs.filter((o) => o.flag === '-o').map((o) => relative(io.cwd, o.path) || o.path);
  report(io, result, argv, files, live.requests);
}

/** Whether the config language of this sunco has a top-level `variables:` block (its schema says). */
async function hasVariablesBlock(): Promise<boolean> {
  const schema = JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as { properties?: Record<string, unknown> };
  return schema.properties?.variables !== undefined;
}

/** The YAML: for stdout, one file, or one file per app in a directory. */
async function configOutputs(result: ExportResult, argv: ExportArgs, io: CliIO): Promise<{ outputs: Output[]; stdout?: string; shown: string }> {
  const declare = await hasVariablesBlock();
  const variables = (app?: string) => (declare ? { variables: variableDeclarations(result.variables, app) } : {});
  if (!argv.output) return { outputs: [], stdout: renderDocument(result.apps, { schema: schemaRef(io.cwd), ...variables() }), shown: 'the exported config' };
  const target = resolve(io.cwd, argv.output);
  if (argv.output.endsWith('/') || argv.output.endsWith(sep) || (await isDirectory(target))) {
    const outputs = result.apps.map((app) => ({ path: join(target, `${app.name}.yaml`), text: renderDocument([app], { schema: schemaRef(target), ...variables(app.name) }), flag: '-o' }));
    return { outputs, shown: argv.output };
  }
  return { outputs: [{ path: target, text: renderDocument(result.apps, { schema: schemaRef(dirname(target)), ...variables() }), flag: '-o' }], shown: argv.output };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** stderr: what was written and what is left to do. Names and counts only, never a value. */
function report(io: CliIO, result: ExportResult, argv: ExportArgs, files: string[], requests: number): void {
  const out: string[] = [];
  for (const note of result.notes) out.push(`Note: ${note}`);
  const where = files.length > 0 ? ` to ${files.join(', ')}` : '';
  out.push(`Exported ${plural(result.apps.length, 'app')}${where} (read with ${plural(requests, 'API request')}).`);
  const n = result.variables.length;
  if (n > 0) {
    out.push(`${plural(n, 'variable')} to fill in before planning${argv.varsOut ? `: see ${argv.varsOut}` : ' (--vars-out FILE writes a template)'}.`);
  }
  const s = Object.keys(result.secrets).length;
  if (s > 0) {
    out.push(argv.secretsOut ? `Saved ${plural(s, 'secret')} to ${argv.secretsOut} (mode 0600).` : `${plural(s, 'secret')} the API returns (key, webhook and channel secrets, values applied from sensitive variables) left out: --secrets-out FILE saves them.`);
  }
  io.stderr.write(`${out.join('\n')}\n`);
}
