// Loaded into a benchmarked CLI process with `node --import` (scripts/lib/scale.mjs): at exit it
// writes to $SUNCO_BENCH_STATS the process's CPU time, its peak RSS, and the bytes it wrote to the
// secrets file $SUNCO_BENCH_SECRETS (the file itself, its journal and its temp files), counted at
// the file-handle writes, so that the figure does not rely on sunco's own accounting.
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, dirname, resolve } from 'node:path';

const target = resolve(process.env.SUNCO_BENCH_SECRETS ?? '/nonexistent');
const isSecretsPath = (p) => {
  const s = resolve(String(p));
  return s === target || s === `${target}.journal` || (dirname(s) === dirname(target) && basename(s).startsWith(`.${basename(target)}.tmp-`));
};
let bytes = 0;
const count = (data) => (typeof data === 'string' ? Buffer.byteLength(data) : (data?.byteLength ?? 0));

const open = fs.promises.open;
fs.promises.open = async function (path, ...rest) {
  const fh = await open.call(this, path, ...rest);
  if (!isSecretsPath(path)) return fh;
  const write = fh.write;
  fh.write = async function (...args) {
    const r = await write.apply(this, args);
    bytes += r.bytesWritten;
    return r;
  };
  const writeFile = fh.writeFile;
  fh.writeFile = async function (data, ...args) {
    await writeFile.call(this, data, ...args);
    bytes += count(data);
  };
  return fh;
};
const promisesWriteFile = fs.promises.writeFile;
fs.promises.writeFile = async function (path, data, ...rest) {
  await promisesWriteFile.call(this, path, data, ...rest);
  if (isSecretsPath(path)) bytes += count(data);
};
// The CLI imports { open } from 'node:fs/promises': make those bindings see the wrappers.
syncBuiltinESMExports();

process.on('exit', () => {
  if (!process.env.SUNCO_BENCH_STATS) return;
  const ru = process.resourceUsage();
  writeFileSync(process.env.SUNCO_BENCH_STATS, JSON.stringify({ cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000, peakMB: ru.maxRSS / 1024, secretsBytesWritten: bytes }));
});
