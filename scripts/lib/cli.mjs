// Runs the BUILT CLI (dist/cli/bin/*.js) as a child process, the way a user or CI does.
// Async spawn on purpose: the emulator usually lives in the calling process and must keep
// answering while the child runs.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = (...parts) => join(root, 'dist', ...parts);
export const bin = (name) => dist('cli', 'bin', `${name}.js`);

/** Imports a built module, e.g. distImport('emulator', 'index.js'). */
export function distImport(...parts) {
  return import(dist(...parts));
}

/**
 * Runs `node dist/cli/bin/<name>.js ...args`; resolves with the exit code, the captured
 * output and the wall time from spawn to exit (node startup included).
 */
export function runBin(name, args, { env = process.env, cwd = root, nodeArgs = [] } = {}) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, bin(name), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
  });
}

/** The environment that points the CLI at an emulator with its account key. */
export function emulatorEnv(emu, extra = {}) {
  const env = { ...process.env, SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret, NO_COLOR: '1', ...extra };
  // A developer's own settings must not leak into measurements.
  delete env.SUNCO_DEBUG;
  delete env.SUNCO_AUTH;
  delete env.SUNCO_REGION;
  delete env.SUNCO_SUBDOMAIN;
  return env;
}

/** The last JSON document printed on stdout (the CLI's --json output), or throws. */
export function lastJson(stdout) {
  const start = stdout.lastIndexOf('\n{') >= 0 ? stdout.lastIndexOf('\n{') + 1 : stdout.indexOf('{');
  return JSON.parse(stdout.slice(start));
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
