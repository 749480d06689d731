#!/usr/bin/env node
// `npm run bench` (build, then this): the figures of issue 8 against the BUILT CLI and an
// in-process emulator with --latency. Text by default; with --json the last line is one JSON
// object. Options: --apps 20 --latency 25 --parallelism 8 --apply-runs 3 --plan-runs 3
// --startup-runs 10 --pure-apps 264 --pure-runs 3 (medians over runs: the machine may be shared)
// --scale N adds figure 6 (issue 18): a fleet of N apps applied from empty and planned again,
// with CPU time, peak RSS and secrets-file bytes; and pure planning at 4× --pure-apps (linearity).
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lowerBound, ratio, readDepth, stepDepth } from './lib/bounds.mjs';
import { planBreakdown } from './lib/breakdown.mjs';
import { distImport, emulatorEnv, lastJson, median, runBin } from './lib/cli.mjs';
import { fleetAppNames, fleetConfig } from './lib/fleet.mjs';
import { naiveRead } from './lib/naive-read.mjs';
import { purePlan } from './lib/pure-plan.mjs';
import { scaleRun } from './lib/scale.mjs';
import { startup } from './lib/startup.mjs';
import { checks, renderText } from './lib/targets.mjs';

function options(argv) {
  const o = { json: false, apps: 20, latency: 25, parallelism: 8, applyRuns: 3, planRuns: 3, startupRuns: 10, pureApps: 264, pureRuns: 3, scale: 0 };
  const names = { '--apps': 'apps', '--latency': 'latency', '--parallelism': 'parallelism', '--apply-runs': 'applyRuns', '--plan-runs': 'planRuns', '--startup-runs': 'startupRuns', '--pure-apps': 'pureApps', '--pure-runs': 'pureRuns', '--scale': 'scale' };
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
const appNames = fleetAppNames(o.apps);
const common = ['-f', fleet, '--parallelism', String(o.parallelism)];
const d = { apps: o.apps, latencyMs: o.latency, parallelism: o.parallelism, cpus: cpus().length, loadBefore, startupRuns: o.startupRuns };

/**
 * One apply of the fleet to an empty emulator. The plan's steps (for the critical path) come
 * from a plan file made first, untimed; the read phase's depth from the requests before the first write.
 */
async function applyFromEmpty(emu, withDepths) {
  const env = emulatorEnv(emu);
  let depths;
  if (withDepths) {
    const planFile = join(dir, 'plan.json');
    const planned = await runBin('sunco-plan', [...common, '--out', planFile], { env });
    if (planned.code !== 0) fail('sunco-plan --out', planned);
    const saved = JSON.parse(await readFile(planFile, 'utf8'));
    d.resources = saved.summary.create;
    depths = { stepDepth: stepDepth(saved.steps) };
  }
  emu.resetLog();
  const applied = await runBin('sunco-apply', [...common, '--yes', '--json', '--secrets-out', join(dir, `secrets-${Date.now()}.json`)], { env });
  if (applied.code !== 0 || lastJson(applied.stdout).status !== 'applied') fail('sunco-apply', applied);
  if (depths) {
    const firstWrite = emu.requestLog.findIndex((r) => r.method !== 'GET');
    depths.readDepth = readDepth(emu.requestLog.slice(0, firstWrite < 0 ? undefined : firstWrite));
    depths.depth = depths.readDepth + depths.stepDepth;
  }
  return { ms: applied.ms, requests: emu.requestCount(), depths };
}

try {
  // 4 first: nothing else is running yet.
  log(`startup, ${o.startupRuns} runs each`);
  const st = await startup({ runs: o.startupRuns });
  d.nodeMs = st.nodeMs;
  d.startupShare = st.share;

  const { startEmulator } = await distImport('emulator', 'index.js');
  // 1. Apply from empty, median of a few runs, each against a fresh emulator; the last one's
  // state is then planned (2) and read naively (3).
  log(`apply from empty, ${o.applyRuns} runs`);
  const applies = [];
  let emu;
  for (let i = 0; i < o.applyRuns; i++) {
    await emu?.close();
    emu = await startEmulator({ port: 0, latencyMs: o.latency });
    applies.push(await applyFromEmpty(emu, i === 0));
  }
  const env = emulatorEnv(emu);
  let apply, plan, naive;
  try {
    const midApply = applies.find((a) => a.ms === median(applies.map((x) => x.ms))) ?? applies[0];
    d.apply = { ...applies[0].depths, all: applies.map((a) => a.ms), runs: applies.length };
    d.apply.bound = lowerBound({ depth: d.apply.depth, requests: midApply.requests, latencyMs: o.latency, parallelism: o.parallelism });
    apply = { wallMs: Math.round(midApply.ms), requests: midApply.requests, ratio: ratio(midApply.ms, d.apply.bound) };

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
  const pure = await purePlan({ apps: o.pureApps, runs: o.pureRuns });
  d.pure = pure;
  let pure4;
  let scale;
  if (o.scale > 0) {
    log(`pure planning at 4×: ${o.pureApps * 4} apps (linearity)`);
    pure4 = await purePlan({ apps: o.pureApps * 4, runs: o.pureRuns });
    // 6. The fleet at scale, last: it is the longest figure.
    scale = await scaleRun({ apps: o.scale, latency: o.latency, parallelism: o.parallelism, dir, log });
  }
  d.loadAfter = load();

  const result = {
    applyFromEmpty: apply,
    noChangePlan: plan,
    naiveRead: naive,
    startup: { versionMs: Math.round(st.version.ms), planHelpMs: Math.round(st.planHelp.ms), nodeMs: Math.round(st.nodeMs), yargsImportMs: Math.round(st.share.yargsImportMs), helpRenderMs: Math.round(st.share.helpRenderMs) },
    purePlan: {
      resources: pure.resources,
      ms: Math.round(pure.coldMs),
      peakMB: Math.round(pure.peakMB),
      ...(pure4 ? { resources4x: pure4.resources, ms4x: Math.round(pure4.coldMs), peakMB4x: Math.round(pure4.peakMB) } : {}),
    },
    ...(scale ? { scale } : {}),
  };
  console.log(renderText(result, d));
  if (o.json) console.log(JSON.stringify({ ...result, targets: checks(result).map(({ name, value, limit, met }) => ({ name, value, limit, met })) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
