import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('sunco command line', () => {
  it('rejects an unknown command with exit 1, a one-line cause and no stack trace', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: Unknown argument: frobnicate/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a missing command with exit 1', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Name a command');
  });
});
