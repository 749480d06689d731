#!/usr/bin/env node
// `npm run soak -- --runs 200` (build, then this): many seeds of the fault-injected apply of
// test/reliability, against the BUILT CLI in child processes, then a tally. Exits 1 when any
// invariant broke (the failing seeds are listed: replay one with --seed N --runs 1).
// Options: --runs 50 --seed 1 (first seed) --fault-rate 0.1 --parallelism 8 --concurrency 2
//          --apps 2 --max-runs 5
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
