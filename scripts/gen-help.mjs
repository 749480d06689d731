// After tsc: render every binary's --help through yargs into dist/cli/help-cache.json
// (src/cli/help-cache.ts). The old copy is removed first so run() renders with yargs.
import { rmSync, writeFileSync } from 'node:fs';

const file = new URL('../dist/cli/help-cache.json', import.meta.url);
rmSync(file, { force: true });
const { renderHelpCache } = await import('../dist/cli/help-cache-build.js');
writeFileSync(file, `${JSON.stringify(await renderHelpCache())}\n`);
