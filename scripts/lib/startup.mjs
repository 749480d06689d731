// Figure 4: startup of the built CLI, median wall time over N runs (one untimed run first, so
// the files are in the page cache like on a developer's machine).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median, root, runBin } from './cli.mjs';

const share = join(root, 'scripts', 'lib', 'startup-share.mjs');

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
  // yargs' share of the help path, median of the same number of fresh processes.
  const shares = [];
  for (let i = 0; i < runs; i++) {
    const r = await new Promise((done, fail) => {
      const child = spawn(process.execPath, [share], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', fail);
      child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`startup-share exited ${code}`))));
    });
    shares.push(r);
  }
  const med = (k) => median(shares.map((x) => x[k]));
  return { version, planHelp, nodeMs: bare, share: { yargsImportMs: med('yargsImportMs'), cliImportMs: med('cliImportMs'), helpRenderMs: med('helpRenderMs') } };
}
