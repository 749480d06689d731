// Figure 5: pure planning time (diff only: in-memory desired and live state, no HTTP) for the
// fleet scaled to ~10,000 resources, and the planning process's peak memory. The live state is
// built in one child (untimed) and planned in another, whose maxRSS is the peak-memory figure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { median, root } from './cli.mjs';

const worker = join(root, 'scripts', 'lib', 'pure-plan-worker.mjs');

function node(args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`pure-plan-worker ${args[0]} exited ${code}`))));
  });
}

/** 38 resources per fleet app (1 app, 3 keys, 10 integrations, 10 webhooks, 10 integration keys, 1 switchboard, 3 switchboard integrations): 264 apps → 10,032. */
export async function purePlan({ apps = 264, runs = 3 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'sunco-bench-plan-'));
  try {
    await node(['build', dir, String(apps)]);
    // A CLI plans once per process, so the figure is the first diff of a fresh process:
    // several processes, the median one reported (its peak memory with it).
    const results = [];
    for (let i = 0; i < runs; i++) results.push(JSON.parse((await node(['time', dir])).trim().split('\n').pop()));
    const mid = results.find((r) => r.coldMs === median(results.map((x) => x.coldMs))) ?? results[0];
    return { ...mid, runs, all: results.map((r) => r.coldMs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
