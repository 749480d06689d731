/** docs/commands.md is generated from the command definitions: it must match them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Argv } from 'yargs';
import { commands } from '../../../src/cli/commands/index.js';
import { commandsReference } from '../../../src/cli/docs/commands-reference.js';

const committed = readFileSync(new URL('../../../docs/commands.md', import.meta.url), 'utf8');

describe('docs/commands.md', () => {
  it('is what npm run docs writes from the command definitions (run it after changing a command)', async () => {
    expect(await commandsReference() === committed, 'docs/commands.md is out of date: run npm run docs').toBe(true);
  });

  it('documents every command and subcommand, with its own flags', async () => {
    for (const c of commands) expect(committed).toContain(`\n## sunco ${String(c.command).split(' ')[0]}\n`);
    expect(committed).toContain('### sunco users get\n');
    expect(committed).toMatch(/--detailed-exitcode +Exit 2 when the plan has changes/);
  });

  it('drifts when a flag is added without regenerating', async () => {
    const changed = commands.map((c): typeof c => {
      if (String(c.command) !== 'validate') return c;
      const builder = c.builder as (y: Argv) => Argv;
      return { ...c, builder: (y: Argv) => builder(y).option('brand-new-flag', { type: 'boolean', describe: 'A flag nobody documented' }) };
    });
    const doc = await commandsReference(changed);
    expect(doc).toContain('--brand-new-flag');
    expect(doc).not.toBe(committed);
  });
});
