// Figure 6 (issue 18): the fleet at scale. N apps of the benchmark shape are applied from empty
// by the BUILT CLI against an in-process emulator with --latency, then planned again with no
// changes. Each CLI process runs with measure-preload.mjs, which reports its CPU time, peak RSS
// and the bytes it wrote to the secrets file (file, journal and temp files together).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lowerBound, ratio, readDepth, stepDepth } from './bounds.mjs';
import { distImport, emulatorEnv, lastJson, root, runBin } from './cli.mjs';
import { writeFleetDir } from './fleet.mjs';

const preload = join(root, 'scripts', 'lib', 'measure-preload.mjs');

async function measured(name, args, env, statsFile) {
  const r = await runBin(name, args, { env: { ...env, SUNCO_BENCH_STATS: statsFile }, nodeArgs: ['--import', preload] });
  const stats = JSON.parse(await readFile(statsFile, 'utf8').catch(() => '{}'));
  return { ...r, stats };
}

export async function scaleRun({ apps, latency, parallelism, dir, log }) {
  const fleet = await writeFleetDir(join(dir, `scale-${apps}`), apps, 'scale');
  const common = ['-f', fleet, '--parallelism', String(parallelism)];
  const secrets = join(dir, `scale-${apps}-secrets.json`);
  const { startEmulator } = await distImport('emulator', 'index.js');
  const emu = await startEmulator({ port: 0, latencyMs: latency, requestLogLimit: 1_000_000 });
  try {
    const env = { ...emulatorEnv(emu), SUNCO_BENCH_SECRETS: secrets };
    // The plan's critical path, from a plan file made first (untimed).
    const planFile = join(dir, `scale-${apps}-plan.json`);
    const planned = await runBin('sunco-plan', [...common, '--out', planFile], { env });
    if (planned.code !== 0) throw new Error(`sunco-plan --out exited ${planned.code}\n${planned.stderr.slice(-2000)}`);
    const saved = JSON.parse(await readFile(planFile, 'utf8'));

    log(`scale: apply ${apps} apps (${saved.summary.create} resources) from empty`);
    emu.resetLog();
    const applied = await measured('sunco-apply', [...common, '--yes', '--json', '--secrets-out', secrets], env, join(dir, 'scale-apply-stats.json'));
    if (applied.code !== 0 || lastJson(applied.stdout).status !== 'applied') throw new Error(`sunco-apply exited ${applied.code}\n${applied.stderr.slice(-2000)}`);
    const applyRequests = emu.requestCount();
    const firstWrite = emu.requestLog.findIndex((r) => r.method !== 'GET');
    const applyDepth = readDepth(emu.requestLog.slice(0, firstWrite < 0 ? undefined : firstWrite)) + stepDepth(saved.steps);
    const applyBound = lowerBound({ depth: applyDepth, requests: applyRequests, latencyMs: latency, parallelism });

    log(`scale: no-change plan of ${apps} apps`);
    emu.resetLog();
    const plan = await measured('sunco-plan', [...common, '--json', '--detailed-exitcode'], env, join(dir, 'scale-plan-stats.json'));
    if (plan.code !== 0) throw new Error(`sunco-plan (expected no changes, exit 0) exited ${plan.code}\n${plan.stderr.slice(-2000)}`);
    const planRequests = emu.requestCount();
    const planBound = lowerBound({ depth: readDepth(emu.requestLog), requests: planRequests, latencyMs: latency, parallelism });

    return {
      apps,
      resources: saved.summary.create,
      applyMs: Math.round(applied.ms),
      applyRequests,
      applyDepth,
      applyBoundMs: Math.round(applyBound),
      applyRatio: ratio(applied.ms, applyBound),
      planMs: Math.round(plan.ms),
      planRequests,
      planBoundMs: Math.round(planBound),
      planRatio: ratio(plan.ms, planBound),
      cpuMs: Math.round(applied.stats.cpuMs),
      planCpuMs: Math.round(plan.stats.cpuMs),
      secretsBytesWritten: applied.stats.secretsBytesWritten,
      secretsFileBytes: (await stat(secrets)).size,
      peakMB: Math.round(applied.stats.peakMB),
      planPeakMB: Math.round(plan.stats.peakMB),
    };
  } finally {
    await emu.close();
  }
}
