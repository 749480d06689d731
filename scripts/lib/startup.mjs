// Figure 4: startup of the built CLI, median wall time over N runs (one untimed run first, so
// the files are in the page cache like on a developer's machine).
import { median, runBin } from './cli.mjs';

async function timeIt(name, args, runs) {
  const first = await runBin(name, args);
  if (first.code !== 0) throw new Error(`${name} ${args.join(' ')} exited ${first.code}: ${first.stderr.trim()}`);
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await runBin(name, args)).ms);
  return { ms: median(times), min: Math.min(...times), max: Math.max(...times) };
}

export async function startup({ runs = 10 } = {}) {
  const version = await timeIt('sunco', ['--version'], runs);
  const planHelp = await timeIt('sunco-plan', ['--help'], runs);
  const bare = await (async () => {
    // Node itself, for scale: what no CLI can go below on this machine.
    const { spawnSync } = await import('node:child_process');
    const { performance } = await import('node:perf_hooks');
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      times.push(performance.now() - t);
    }
    return median(times);
  })();
  return { version, planHelp, nodeMs: bare };
}
