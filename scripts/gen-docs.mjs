#!/usr/bin/env node
/**
 * `npm run docs`: regenerates docs/commands.md (from the command definitions) and
 * docs/config-reference.md (from the config schema), using the built CLI in dist/.
 * test/cli/docs/*.test.ts fail when the committed pages differ from what this writes.
 */
import { writeFileSync } from 'node:fs';

const { commandsReference } = await import('../dist/cli/docs/commands-reference.js');
const { configReference } = await import('../dist/cli/docs/config-reference.js');
writeFileSync(new URL('../docs/commands.md', import.meta.url), await commandsReference());
writeFileSync(new URL('../docs/config-reference.md', import.meta.url), configReference());
console.log('wrote docs/commands.md and docs/config-reference.md');
