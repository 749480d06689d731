// Where `sunco-plan --help` spends its time beyond node itself (issue 18: "measure yargs'
// share"), in a fresh process: importing yargs, importing sunco's CLI modules, and yargs
// building and wrapping the help text. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { dist } from './cli.mjs';

const t0 = performance.now();
await import('yargs');
const t1 = performance.now();
const { run } = await import(dist('cli', 'run.js'));
await import(dist('cli', 'commands', 'plan.js'));
const t2 = performance.now();
let out = '';
const io = { stdout: { write: (s) => (out += s) }, stderr: { write: () => undefined }, stdin: process.stdin, env: {}, cwd: process.cwd(), stdoutIsTTY: false, stdinIsTTY: false, exitCode: 0 };
// Not exactly `--help`, so yargs renders it: the built binary prints its build-time copy for
// exactly `--help` (src/cli/help-cache.ts) and loads no yargs at all; this is the fallback's cost.
await run(['-h', '--help'], 'sunco-plan', io, 'plan');
const t3 = performance.now();
if (!out.includes('sunco-plan')) throw new Error('help did not render');
console.log(JSON.stringify({ yargsImportMs: t1 - t0, cliImportMs: t2 - t1, helpRenderMs: t3 - t2 }));
