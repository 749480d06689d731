#!/usr/bin/env node
// Regenerates schema/sunco.schema.json from src/config/schema-build.ts, and its compiled
// validator schema/sunco.validate.cjs (src/config/schema-standalone.ts), via the build in dist/.
// Usage: npm run build && node scripts/gen-schema.mjs
// test/config/schema.test.ts fails when a committed file differs from this output.
import { writeFileSync } from 'node:fs';

const { buildSchema } = await import('../dist/config/schema-build.js');
const { standaloneValidator } = await import('../dist/config/schema-standalone.js');
const schema = buildSchema();
for (const [name, text] of [
  ['sunco.schema.json', `${JSON.stringify(schema, null, 2)}\n`],
  ['sunco.validate.cjs', standaloneValidator(schema)],
]) {
  const out = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(out, text);
  console.log(`wrote ${out.pathname}`);
}
