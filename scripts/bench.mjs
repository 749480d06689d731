#!/usr/bin/env node
// `npm run bench` (build, then this): the figures of issue 8 against the BUILT CLI and an
// in-process emulator with --latency. Text by default; with --json the last line is one JSON
// object. Options: --apps 20 --latency 25 --parallelism 8 --plan-runs 3 --startup-runs 10 --pure-apps 264
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lowerBound, ratio, readDepth, stepDepth } from './lib/bounds.mjs';
import { planBreakdown } from './lib/breakdown.mjs';
import { distImport, emulatorEnv, lastJson, median, runBin } from './lib/cli.mjs';
import { fleetConfig } from './lib/fleet.mjs';
import { naiveRead } from './lib/naive-read.mjs';
import { purePlan } from './lib/pure-plan.mjs';
import { startup } from './lib/startup.mjs';
import { renderText } from './lib/targets.mjs';

function options(argv) {
  const o = { json: false, apps: 20, latency: 25, parallelism: 8, planRuns: 3, startupRuns: 10, pureApps: 264 };
  const names = { '--apps': 'apps', '--latency': 'latency', '--parallelism': 'parallelism', '--plan-runs': 'planRuns', '--startup-runs': 'startupRuns', '--pure-apps': 'pureApps' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') o.json = true;
    else if (names[argv[i]] && /^\d+$/.test(argv[i + 1] ?? '')) o[names[argv[i]]] = Number(argv[++i]);
    else throw new Error(`bench: unknown or incomplete option ${argv[i]}`);
  }
  return o;
}

const o = options(process.argv.slice(2));
const log = (line) => process.stderr.write(`bench: ${line}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const fail = (what, r) => {
  throw new Error(`${what} exited ${r.code}\n${r.stderr.slice(-2000)}`);
};
const loadBefore = load();
const dir = await mkdtemp(join(tmpdir(), 'sunco-bench-'));
const fleet = join(dir, 'fleet.yaml');
const fleetText = fleetConfig(o.apps);
await writeFile(fleet, fleetText);
const appNames = Object.values(parse(fleetText).apps).map((a) => a.displayName);
const common = ['-f', fleet, '--parallelism', String(o.parallelism)];
const d = { apps: o.apps, latencyMs: o.latency, parallelism: o.parallelism, cpus: cpus().length, loadBefore, startupRuns: o.startupRuns };

try {
  // 4 first: nothing else is running yet.
  log(`startup, ${o.startupRuns} runs each`);
  const st = await startup({ runs: o.startupRuns });
  d.nodeMs = st.nodeMs;

  const { startEmulator } = await distImport('emulator', 'index.js');
  const emu = await startEmulator({ port: 0, latencyMs: o.latency });
  const env = emulatorEnv(emu);
  let apply, plan, naive;
  try {
    // 1. The plan's steps (for the critical path), made untimed against the same empty emulator.
    log('apply from empty');
    const planFile = join(dir, 'plan.json');
    const planned = await runBin('sunco-plan', [...common, '--out', planFile], { env });
    if (planned.code !== 0) fail('sunco-plan --out', planned);
    const steps = JSON.parse(await readFile(planFile, 'utf8')).steps;
    d.resources = JSON.parse(await readFile(planFile, 'utf8')).summary.create;
    emu.resetLog();
    const applied = await runBin('sunco-apply', [...common, '--yes', '--json', '--secrets-out', join(dir, 'secrets.json')], { env });
    if (applied.code !== 0 || lastJson(applied.stdout).status !== 'applied') fail('sunco-apply', applied);
    const firstWrite = emu.requestLog.findIndex((r) => r.method !== 'GET');
    const readPhase = readDepth(emu.requestLog.slice(0, firstWrite < 0 ? undefined : firstWrite));
    d.apply = { readDepth: readPhase, stepDepth: stepDepth(steps), depth: readPhase + stepDepth(steps) };
    d.apply.bound = lowerBound({ depth: d.apply.depth, requests: emu.requestCount(), latencyMs: o.latency, parallelism: o.parallelism });
    apply = { wallMs: Math.round(applied.ms), requests: emu.requestCount(), ratio: ratio(applied.ms, d.apply.bound) };

    // 2. No-change plan of the whole fleet, median of a few runs.
    log(`no-change plan, ${o.planRuns} runs`);
    const runs = [];
    for (let i = 0; i < o.planRuns; i++) {
      emu.resetLog();
      const r = await runBin('sunco-plan', [...common, '--json', '--detailed-exitcode'], { env });
      if (r.code !== 0) fail('sunco-plan (expected no changes, exit 0)', r);
      runs.push({ ms: r.ms, requests: emu.requestCount(), depth: readDepth(emu.requestLog), planRequests: lastJson(r.stdout).requests });
    }
    const mid = runs.find((r) => r.ms === median(runs.map((x) => x.ms))) ?? runs[0];
    d.plan = { runs: runs.length, all: runs.map((r) => r.ms), depth: mid.depth };
    d.plan.bound = lowerBound({ depth: mid.depth, requests: mid.requests, latencyMs: o.latency, parallelism: o.parallelism });
    plan = { wallMs: Math.round(mid.ms), requests: mid.requests, ratio: ratio(mid.ms, d.plan.bound) };

    // Diagnostics: where the no-change plan's time goes (in this process, so cold-ish only once).
    d.breakdown = await planBreakdown({ emu, file: fleet, parallelism: o.parallelism });

    // 3. The same read, one request at a time.
    log('naive sequential read');
    emu.resetLog();
    const n = await naiveRead({ url: emu.url, keyId: emu.accountKey.keyId, secret: emu.accountKey.secret, appNames });
    if (n.apps !== o.apps) throw new Error(`naive read found ${n.apps} apps, expected ${o.apps}`);
    d.naive = n;
    naive = { wallMs: Math.round(n.ms), speedup: Math.round((n.ms / plan.wallMs) * 10) / 10 };
  } finally {
    await emu.close();
  }

  // 5. Pure planning, in child processes.
  log(`pure planning, fleet of ${o.pureApps} apps (building the live state takes a while, untimed)`);
  const pure = await purePlan({ apps: o.pureApps });
  d.pure = pure;
  d.loadAfter = load();

  const result = {
    applyFromEmpty: apply,
    noChangePlan: plan,
    naiveRead: naive,
    startup: { versionMs: Math.round(st.version.ms), planHelpMs: Math.round(st.planHelp.ms) },
    purePlan: { resources: pure.resources, ms: Math.round(pure.coldMs), peakMB: Math.round(pure.peakMB) },
  };
  console.log(renderText(result, d));
  if (o.json) console.log(JSON.stringify(result));
} finally {
  await rm(dir, { recursive: true, force: true });
}
