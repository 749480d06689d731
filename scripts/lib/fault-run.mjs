/* global structuredClone */
// One fault-injected apply (issue 8), shared by test/reliability (src, in-process CLI) and
// scripts/soak.mjs (dist, child processes): the caller injects startEmulator, createClient and
// a `cli(args, env)` runner. It pre-creates what the config must never touch, applies through an
// emulator that faults `faultRate` of the requests (seeded), re-runs apply until it succeeds
// (bounded), then checks the invariants against a fault-free copy of the final state.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fleetAppNames, fleetConfig } from './fleet.mjs';
import { checkDuplicates, checkSecrets, checkSurvivors } from './invariants.mjs';

/** The declared app that already exists (adopted by displayName) and holds an unmanaged integration. */
const PREFIX = 'rel';
export const ADOPTED_APP = fleetAppNames(1, PREFIX)[0];

const stack = /\n\s+at /;

async function preCreate(api) {
  const post = (path, body) => api.post(path, body);
  const other = (await post('/v2/apps', { displayName: 'Other team app' })).app;
  const otherIntegration = (await post(`/v2/apps/${other.id}/integrations`, { type: 'web', displayName: 'Other team web' })).integration;
  const otherKey = (await post(`/v2/apps/${other.id}/keys`, { displayName: 'other team key' })).key;
  const adopted = (await post('/v2/apps', { displayName: ADOPTED_APP })).app;
  const legacy = (await post(`/v2/apps/${adopted.id}/integrations`, { type: 'web', displayName: 'Legacy web' })).integration;
  return { apps: [other.id], integrations: [otherIntegration.id, legacy.id], keys: [otherKey.id] };
}

/** Classifies one apply run: converged, a failed run with its report, or a broken contract. */
function classify(r) {
  const run = { code: r.code, kinds: [], lostSecrets: [], adopted: 0, problem: undefined };
  if (stack.test(r.stderr)) run.problem = `stack trace on stderr: ${r.stderr.slice(0, 300)}`;
  let json;
  try {
    json = r.stdout.trim().startsWith('{') ? JSON.parse(r.stdout) : undefined;
  } catch {
    run.problem ??= `--json output is not JSON: ${r.stdout.slice(0, 200)}`;
  }
  run.lostSecrets = json?.lostSecrets ?? [];
  run.adopted = (json?.applied ?? []).filter((a) => a.adopted).length;
  if (r.code === 0) {
    if (json?.status !== 'applied') run.problem ??= `exit 0 but status ${json?.status}`;
  } else if (r.code !== 1) {
    run.problem ??= `exit ${r.code} (want 0 or 1)`;
  } else if (json) {
    // A failed apply: the report names each failed step.
    if (json.status !== 'failed' || !(json.failed?.length > 0)) run.problem ??= 'exit 1 with a report that names no failed step';
    run.kinds = (json.failed ?? []).map((f) => `${f.operation} ${f.status !== undefined ? `${f.status}${f.code ? ` ${f.code}` : ''}` : f.message.slice(0, 60)}`);
  } else if (/^Error: /.test(r.stderr)) {
    // Failed before executing (e.g. the read gave up): a one-line cause.
    // Ids replaced first, so that causes tally together and the status survives the cut.
    run.kinds = [`error: ${r.stderr.split('\n')[0].slice(7).replace(/[0-9a-f]{8,}/g, '{id}').slice(0, 90)}`];
  } else {
    run.problem ??= `exit 1 without a report or an Error: line: ${r.stderr.slice(0, 300)}`;
  }
  return run;
}

/**
 * `parallelism` 1 makes a seed replay exactly (requests reach the emulator in one order, so the
 * seeded faults hit the same requests); higher values exercise concurrency but vary run to run.
 */
export async function faultRun({ seed, faultRate = 0.1, maxRuns = 5, apps = 2, parallelism = 8, dir, startEmulator, createClient, cli }) {
  const base = await startEmulator({ port: 0 });
  const key = `${base.accountKey.keyId}:${base.accountKey.secret}`;
  const unmanaged = await preCreate(createClient({ baseUrl: base.url, auth: 'basic', credentials: base.accountKey }));
  const initial = structuredClone(base.store.state);
  await base.close();

  const config = join(dir, 'config.yaml');
  const secretsFile = join(dir, 'secrets.json');
  await writeFile(config, fleetConfig(apps, PREFIX));
  const faulty = await startEmulator({ port: 0, key, faultRate, seed, initialState: initial });
  const env = (emu) => ({ SUNCO_API_URL: emu.url, SUNCO_KEY_ID: base.accountKey.keyId, SUNCO_KEY_SECRET: base.accountKey.secret });
  const runs = [];
  try {
    while (runs.length < maxRuns) {
      const run = classify(await cli(['apply', '-f', config, '--yes', '--json', '--parallelism', String(parallelism), '--secrets-out', secretsFile], env(faulty)));
      runs.push(run);
      if (run.code === 0 || run.problem) break;
    }
  } finally {
    await faulty.close();
  }
  const faults = {};
  for (const e of faulty.requestLog) if (e.faulted) faults[e.faulted] = (faults[e.faulted] ?? 0) + 1;

  // The re-plan reads a fault-free copy of the final state.
  const final = structuredClone(faulty.store.state);
  const clean = await startEmulator({ port: 0, key, initialState: final });
  try {
    const replanFile = join(dir, 'replan.json');
    const replan = await cli(['plan', '-f', config, '--json', '--detailed-exitcode', '--out', replanFile], env(clean));
    // The plan file maps addresses to live ids: a lost secret may be reported by address only.
    const liveIds = await readFile(replanFile, 'utf8').then((t) => JSON.parse(t).liveIds ?? {}, () => ({}));
    let summary;
    try {
      summary = JSON.parse(replan.stdout).summary;
    } catch {
      summary = undefined;
    }
    const secrets = await readFile(secretsFile, 'utf8').then(JSON.parse, () => ({}));
    const lostSecrets = runs.flatMap((r) => r.lostSecrets);
    const lostIds = new Set(lostSecrets.map((l) => l.id ?? liveIds[l.address]).filter(Boolean));
    const api = (keyId, secret) => createClient({ baseUrl: clean.url, auth: 'basic', credentials: { keyId, secret }, retry: { maxAttempts: 1 } });
    return {
      seed,
      runs,
      converged: runs.at(-1)?.code === 0,
      faults,
      replan: { code: replan.code, summary, stderr: replan.stderr },
      duplicates: checkDuplicates(final, fleetAppNames(apps, PREFIX)),
      missing: checkSurvivors(final, unmanaged),
      secretProblems: await checkSecrets(final, secrets, lostIds, unmanaged, api),
      lostSecrets,
      savedSecrets: Object.keys(secrets).length,
      // For diagnosing a broken seed: every request the faulty emulator handled, in order.
      requestLog: faulty.requestLog,
    };
  } finally {
    await clean.close();
  }
}

/** Every broken invariant of a faultRun result, as sentences (empty: all held). */
export function violations(r) {
  const out = [];
  for (const [i, run] of r.runs.entries()) if (run.problem) out.push(`run ${i + 1}: ${run.problem}`);
  if (!r.converged) out.push(`did not converge in ${r.runs.length} runs`);
  const s = r.replan.summary;
  if (r.replan.code !== 0 || !s || s.create + s.update + s.replace + s.delete !== 0) {
    out.push(`re-plan is not empty: exit ${r.replan.code}, summary ${JSON.stringify(s)} ${r.replan.stderr.slice(0, 200)}`);
  }
  out.push(...r.duplicates.map((d) => `duplicate: ${d}`));
  out.push(...r.missing.map((m) => `deleted although outside the config: ${m}`));
  out.push(...r.secretProblems);
  return out;
}
