/**
 * Makes every `bin` of package.json executable. tsc writes new files 0644 (less the umask), and
 * `npx sunco` in a checkout runs dist/cli/bin/sunco.js through a link that npm made executable
 * only when it first linked it: a later fresh build (npm ci's prepare) would be "Permission
 * denied". Run by `npm run build` and by prepare.
 */
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url);
const { bin = {} } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

export function makeBinsExecutable() {
  for (const rel of Object.values(bin)) {
    const file = new URL(rel, root);
    const { mode } = statSync(file);
    // Execute wherever read is allowed: the umask that chose the read bits chooses these.
    chmodSync(file, mode | ((mode & 0o444) >> 2));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) makeBinsExecutable();
