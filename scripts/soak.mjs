#!/usr/bin/env node
// `npm run soak -- --runs 200` (build, then this): many seeds of the fault-injected apply of
// test/reliability, against the BUILT CLI in child processes, then a tally. Exits 1 when any
// invariant broke (the failing seeds are listed: replay one with --seed N --runs 1).
// Options: --runs 50 --seed 1 (first seed) --fault-rate 0.1 --parallelism 8 --concurrency 2
//          --apps 2 --max-runs 5
// `npm run soak -- --property N [--seed S]` runs the property tests instead (below).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distImport, runBin } from './lib/cli.mjs';
import { faultRun, violations } from './lib/fault-run.mjs';

function options(argv) {
  const o = { runs: 50, seed: 1, faultRate: 0.1, parallelism: 8, concurrency: 2, apps: 2, maxRuns: 5 };
  const names = { '--runs': 'runs', '--seed': 'seed', '--fault-rate': 'faultRate', '--parallelism': 'parallelism', '--concurrency': 'concurrency', '--apps': 'apps', '--max-runs': 'maxRuns' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isFinite(value) || value < 0) throw new Error(`soak: unknown or invalid option ${argv[i]} ${argv[i + 1] ?? ''}`);
    o[key] = value;
    i++;
  }
  return o;
}

// `--property N [--seed S]`: N cases of the property tests (test/property, fast-check) with a
// fresh seed, then their tally; a failure prints its seed and the shrunk case (replay it with
// --property N --seed S).
const propertyAt = process.argv.indexOf('--property');
if (propertyAt >= 0) {
  const n = Number(process.argv[propertyAt + 1]);
  const seedAt = process.argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : Date.now() % 2 ** 31;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) throw new Error('soak: --property N (N ≥ 1) [--seed S]');
  const dir = await mkdtemp(join(tmpdir(), 'sunco-soak-property-'));
  const tallyFile = join(dir, 'tally.json');
  console.log(`soak --property: ${n} cases, seed ${seed}`);
  const r = spawnSync('npx', ['vitest', 'run', 'test/property'], {
    stdio: 'inherit',
    env: { ...process.env, SUNCO_PROPERTY_RUNS: String(n), SUNCO_PROPERTY_SEED: String(seed), SUNCO_PROPERTY_TALLY: tallyFile },
  });
  const tally = await readFile(tallyFile, 'utf8').then(JSON.parse, () => undefined);
  await rm(dir, { recursive: true, force: true });
  if (tally) {
    console.log(`\nproperty soak: ${tally.cases} cases (seed ${tally.seed}), ${tally.applies} applies, ${tally.steps} steps`);
    console.log(`  edits              ${Object.entries(tally.edits).map(([k, v]) => `${k} ${v}`).join(', ')} (${tally.skipped} not applicable)`);
    console.log(`  renames as updates ${tally.renamesAsUpdates}`);
    console.log(`  protect refusals   ${tally.refusedProtected}`);
    console.log(`  quiet edits        ${tally.quiet} (same values supplied otherwise: nothing planned but bookkeeping)`);
    console.log(`  values via vars    ${tally.variables} (summed over every load)`);
    console.log(`  interrupted        ${tally.interrupted} (${tally.killed} as kill -9); ${tally.orphans} object(s) an interrupted replace left unmanaged beside the replacement (must be 0)`);
    console.log(`  outputs searched   ${tally.outputsSearched} (plan text/JSON/markdown/--out, apply progress/report/--json); non-sensitive values seen ${tally.valuesShown}`);
    console.log(`  exports            ${tally.exports} round trips (${tally.exportVariables} variables filled in)`);
    console.log('  all invariants held: re-plan empty, no duplicates, metadata kept, renames updated, quiet edits quiet, secrets saved, protect respected, no leak, export round trip, interrupts converge');
  } else console.log(`\nproperty soak FAILED (seed ${seed}): see the counterexample above`);
  process.exit(r.status ?? 1);
}

const o = options(process.argv.slice(2));
const [{ startEmulator }, { createClient }] = await Promise.all([distImport('emulator', 'index.js'), distImport('api', 'client.js')]);
const cli = (args, env) => runBin('sunco', args, { env: { ...process.env, ...env, NO_COLOR: '1', SUNCO_DEBUG: '' } });

const tally = { runs: 0, converged: 0, applyRuns: 0, adopted: 0, duplicates: 0, lostSecrets: 0, brokenSeeds: 0 };
const failures = new Map();
const faults = new Map();
const broken = [];
const bump = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

async function one(seed) {
  const dir = await mkdtemp(join(tmpdir(), 'sunco-soak-'));
  let keep = false;
  try {
    const r = await faultRun({ seed, faultRate: o.faultRate, parallelism: o.parallelism, apps: o.apps, maxRuns: o.maxRuns, dir, startEmulator, createClient, cli });
    tally.runs++;
    if (r.converged) tally.converged++;
    tally.applyRuns += r.runs.length;
    tally.adopted += r.runs.reduce((n, x) => n + x.adopted, 0);
    tally.duplicates += r.duplicates.length;
    tally.lostSecrets += r.lostSecrets.length;
    for (const run of r.runs) for (const k of run.kinds) bump(failures, k.replace(/[0-9a-f]{8,}/g, '{id}'));
    for (const [k, n] of Object.entries(r.faults)) bump(faults, k, n);
    const v = violations(r);
    if (v.length > 0) {
      // Concurrency makes a seed replay only approximately: keep what happened for diagnosis.
      keep = true;
      await writeFile(join(dir, 'result.json'), JSON.stringify(r, null, 2));
      tally.brokenSeeds++;
      broken.push({ seed, v, dir });
    }
    process.stderr.write(`seed ${seed}: ${r.converged ? 'converged' : 'NOT converged'} in ${r.runs.length} run(s)${v.length ? `, ${v.length} invariant(s) broken` : ''}\n`);
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

const seeds = Array.from({ length: o.runs }, (_, i) => o.seed + i);
await Promise.all(
  Array.from({ length: Math.max(1, o.concurrency) }, async () => {
    while (seeds.length > 0) await one(seeds.shift());
  }),
);

const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
console.log(`\nsoak: ${tally.runs} seeds (${o.seed}..${o.seed + o.runs - 1}), fault rate ${o.faultRate}, ${o.apps} apps, --parallelism ${o.parallelism}, at most ${o.maxRuns} applies each`);
console.log(`  converged          ${tally.converged}/${tally.runs} (${tally.applyRuns} apply runs in all)`);
console.log(`  duplicates         ${tally.duplicates}`);
console.log(`  lost secrets       ${tally.lostSecrets} (reported by the applier)`);
console.log(`  adopted creates    ${tally.adopted} (response lost, object found by listing)`);
console.log(`  faults injected    ${sorted(faults).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none'}`);
console.log('  failed apply runs by cause:');
for (const [k, n] of sorted(failures)) console.log(`    ${String(n).padStart(5)}  ${k}`);
if (broken.length > 0) {
  console.log(`\nINVARIANTS BROKEN in ${broken.length} seed(s):`);
  for (const b of broken) {
    for (const line of b.v) console.log(`  seed ${b.seed}: ${line}`);
    console.log(`  seed ${b.seed}: config, secrets file and result.json (request log included) kept in ${b.dir}`);
  }
  process.exitCode = 1;
} else {
  console.log('\nAll invariants held: empty re-plan, no duplicates, nothing outside the config deleted, every secret saved or reported lost.');
}
