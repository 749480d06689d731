#!/usr/bin/env node
// Regenerates schema/sunco.schema.json from src/config/schema-build.ts (with schema-variables.ts for
// editors), and the compiled strict validator schema/sunco.validate.cjs (src/config/schema-standalone.ts), via the build in dist/.
// Usage: npm run build && node scripts/gen-schema.mjs
// test/config/schema.test.ts fails when a committed file differs from this output.
import { writeFileSync } from 'node:fs';

const { buildSchema } = await import('../dist/config/schema-build.js');
const { standaloneValidator } = await import('../dist/config/schema-standalone.js');
const { withVariables } = await import('../dist/config/schema-variables.js');
const schema = buildSchema();
for (const [name, text] of [
  // Editors validate the file as written: ${VARIABLE} references are accepted where a value has a rule.
  ['sunco.schema.json', `${JSON.stringify(withVariables(schema), null, 2)}\n`],
  // sunco validate checks resolved values: the strict schema.
  ['sunco.validate.cjs', standaloneValidator(schema)],
]) {
  const out = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(out, text);
  console.log(`wrote ${out.pathname}`);
}
