/**
 * `sunco export`'s summary on stderr: what it left out without --secrets-out names every kind of
 * value it would save, values applied from sensitive variables included (counts, never values).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('sunco export summary', () => {
  it('a displayName applied from a sensitive variable is counted among the secrets --secrets-out would save', async () => {
    await h.write('sunco.yaml', 'version: 1\nvariables:\n  NAME: { sensitive: true }\napps:\n  hidden:\n    displayName: "${NAME}"\n');
    const env = { NAME: 'Hidden Brand Name' };
    expect((await h.cli(['apply', '--yes'], { env })).code).toBe(0);
    const r = await h.cli(['export', '--all', '-o', 'exported.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 secret the API returns (key, webhook and channel secrets, values applied from sensitive variables) left out: --secrets-out FILE saves them.');
    expect(r.stdout + r.stderr).not.toContain('Hidden Brand Name');
  });
});
