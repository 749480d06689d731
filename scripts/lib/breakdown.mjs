// Where a no-change plan's wall time goes, measured in-process with the same built modules
// the CLI runs (diagnostics for the README, not a figure of issue 8): module loading, config
// loading (YAML + schema), the parallel read, and the diff.
import { performance } from 'node:perf_hooks';
import { distImport } from './cli.mjs';

export async function planBreakdown({ emu, file, parallelism }) {
  let t = performance.now();
  const [{ loadConfig }, { createClient }, { readLiveState }, { diff }] = await Promise.all([
    distImport('config', 'index.js'),
    distImport('api', 'client.js'),
    distImport('state', 'read.js'),
    distImport('plan', 'diff.js'),
  ]);
  const importMs = performance.now() - t;
  t = performance.now();
  const loaded = await loadConfig({ path: file, cwd: process.cwd(), env: {} });
  const loadMs = performance.now() - t;
  const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
  t = performance.now();
  const live = await readLiveState({ loaded, client, parallelism });
  const readMs = performance.now() - t;
  t = performance.now();
  diff(loaded, live);
  const diffMs = performance.now() - t;
  return { importMs, loadMs, readMs, diffMs, requests: live.requests };
}
