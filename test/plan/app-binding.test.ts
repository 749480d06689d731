/**
 * The app-binding note (src/plan/app-binding.ts) of an app whose displayName comes from a
 * variable declared sensitive: rotating the variable renames the app in place, and the note
 * names the live app by id only. It quoted the live displayName, which is the value before the
 * rotation: the run's mask knows only the new one, so plan text, JSON and markdown printed it
 * (found by the property tests, test/property).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = (sensitive: boolean) => `version: 1
variables:
  BRAND: { sensitive: ${sensitive} }
apps:
  support:
    displayName: "\${BRAND} Support"
`;

describe('app-binding note of a renamed app', () => {
  it('a displayName from a sensitive variable: the note names the app by id, never the value before the rotation', async () => {
    await h.write('sunco.yaml', config(true));
    const applied = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json'], { env: { BRAND: 'brand-before-rotation' } });
    expect(applied.code, applied.stderr).toBe(0);
    const [app] = await h.api.listAll<{ id: string }>('/v2/apps', 'apps');
    for (const format of [[], ['--json'], ['--format', 'markdown']]) {
      const r = await h.cli(['plan', ...format], { env: { BRAND: 'brand-after-rotation' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`matched to live app ${app!.id} by its binding`);
      expect(r.stdout + r.stderr).not.toContain('brand-before-rotation');
      expect(r.stdout + r.stderr).not.toContain('brand-after-rotation');
    }
  });

  it('a displayName from a variable that is not sensitive: the note still quotes the live name', async () => {
    await h.write('sunco.yaml', config(false));
    expect((await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json'], { env: { BRAND: 'Acme' } })).code).toBe(0);
    const r = await h.cli(['plan'], { env: { BRAND: 'Globex' } });
    expect(r.stdout).toContain('("Acme Support") by its binding');
    expect(r.stdout).toContain('"Globex Support"');
  });
});
