/**
 * `npm install` / `npm ci` in a checkout builds dist/, so that `npx sunco` works there. Skipped
 * for `npm pack` / `npm publish`, whose prepack builds (strictly) already; never fails an
 * install: without TypeScript (a production install) it only says how to build.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { makeBinsExecutable } from './bin-modes.mjs';

if (!['pack', 'publish'].includes(process.env.npm_command ?? '')) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error('sunco: dist/ not built (TypeScript is not installed); run npm run build.');
    process.exit(0);
  }
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (r.status !== 0) console.error('sunco: the build failed; `npx sunco` needs npm run build to pass.');
  else makeBinsExecutable();
}
