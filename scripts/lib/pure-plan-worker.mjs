// Child process for figure 5 (pure planning of ~10,000 resources), in two modes so that the
// timed process holds only what planning needs (its peak RSS is the figure):
//   node pure-plan-worker.mjs build DIR APPS  → DIR/fleet/*.yaml and DIR/live.json (the fleet applied
//                                              to an in-process emulator, then read back: real API shapes)
//   node pure-plan-worker.mjs time DIR        → one JSON line on stdout with the timings and peak memory
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { distImport, median } from './cli.mjs';
import { writeFleetDir } from './fleet.mjs';

const [mode, dir, apps] = process.argv.slice(2);
const { loadConfig } = await distImport('config', 'index.js');

async function build() {
  const [{ startEmulator }, { createClient }, { readLiveState }, { diff }, { executePlan }] = await Promise.all([
    distImport('emulator', 'index.js'),
    distImport('api', 'client.js'),
    distImport('state', 'read.js'),
    distImport('plan', 'diff.js'),
    distImport('apply', 'executor.js'),
  ]);
  const file = await writeFleetDir(join(dir, 'fleet'), Number(apps));
  const loaded = await loadConfig({ path: file, cwd: dir, env: {} });
  const emu = await startEmulator({ port: 0 });
  try {
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
    const plan = diff(loaded, await readLiveState({ loaded, client, parallelism: 32 }));
    // Secrets are irrelevant here (the state is thrown away): a sink that keeps nothing.
    const report = await executePlan({ plan, client, config: loaded.config, parallelism: 32, secrets: { save: async () => undefined } });
    if (report.failed.length > 0) throw new Error(`building the live state failed: ${report.failed[0].address}: ${report.failed[0].message}`);
    const live = await readLiveState({ loaded, client, parallelism: 32 });
    await writeFile(join(dir, 'live.json'), JSON.stringify(live));
  } finally {
    await emu.close();
  }
}

async function time() {
  const { diff } = await distImport('plan', 'diff.js');
  const loaded = await loadConfig({ path: join(dir, 'fleet'), cwd: dir, env: {} });
  const live = JSON.parse(await readFile(join(dir, 'live.json'), 'utf8'));
  // A little drift, so the plan is not trivially empty: every 20th app's metadata.team changed.
  live.apps.forEach((app, i) => {
    if (i % 20 === 0) app.raw.metadata = { ...app.raw.metadata, team: 'drifted' };
  });
  const rssBeforeMB = process.memoryUsage().rss / 2 ** 20;
  const runs = [];
  let plan;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    plan = diff(loaded, live);
    runs.push(performance.now() - t);
  }
  const t = performance.now();
  const empty = diff(loaded, { apps: [], requests: 0 });
  const emptyMs = performance.now() - t;
  const resources = empty.summary.create;
  console.log(
    JSON.stringify({
      resources,
      coldMs: runs[0],
      warmMs: median(runs.slice(1)),
      fromEmptyMs: emptyMs,
      updates: plan.summary.update,
      otherChanges: plan.summary.create + plan.summary.replace + plan.summary.delete,
      peakMB: process.resourceUsage().maxRSS / 1024,
      rssBeforeMB,
    }),
  );
}

if (mode === 'build') await build();
else if (mode === 'time') await time();
else throw new Error(`usage: pure-plan-worker.mjs build DIR APPS | time DIR (got ${mode})`);
