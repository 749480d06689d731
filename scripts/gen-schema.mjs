#!/usr/bin/env node
// Regenerates schema/sunco.schema.json from src/config/schema-build.ts (via the build in dist/).
// Usage: npm run build && node scripts/gen-schema.mjs
// test/config/schema-drift.test.ts fails when the committed file differs from this output.
import { writeFileSync } from 'node:fs';

const { buildSchema } = await import('../dist/config/schema-build.js');
const out = new URL('../schema/sunco.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(buildSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
