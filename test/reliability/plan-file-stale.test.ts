/**
 * Red-team of saved-plan staleness (issue 14): what changed live between sunco-plan --out and
 * sunco-apply PLANFILE. Changes the plan does not depend on (an unmanaged object created by
 * hand, a metadata key the config does not set) leave it valid; a managed object replaced by
 * hand (same fields, new id) makes it stale, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, writes } from '../helpers/harness.js';

let h: Harness;
let appId: string;
const config = 'version: 1\napps:\n  um:\n    displayName: UM app\n    metadata: { team: a }\n    integrations:\n      web: { type: web, displayName: Site }\n';

interface Item { id: string; displayName?: string; type?: string; metadata?: Record<string, unknown> }

beforeEach(async () => {
  h = await harness();
  await h.write('sunco.yaml', config);
  expect((await h.cli(['apply', '--yes'])).code).toBe(0);
  appId = (await h.api.listAll<Item>('/v2/apps', 'apps'))[0]!.id;
  // The plan to apply: one managed field changes.
  await h.write('sunco.yaml', config.replace('team: a', 'team: b'));
  expect((await h.cli(['plan', '--out', 'p.json'])).code).toBe(0);
});
afterEach(async () => {
  await h.close();
});

describe('a saved plan and the live changes it does not depend on', () => {
  it('an unmanaged integration created by hand meanwhile: the plan still applies, and the stray stays', async () => {
    await h.api.post(`/v2/apps/${appId}/integrations`, { type: 'web', displayName: 'Stray' });
    const r = await h.cli(['apply', 'p.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 0 created, 1 updated');
    const names = (await h.api.listAll<Item>(`/v2/apps/${appId}/integrations`, 'integrations')).map((i) => i.displayName).sort();
    expect(names).toEqual(['Site', 'Stray']);
  });

  it('a managed integration deleted and re-created by hand (same fields, new id): stale, nothing written', async () => {
    const web = (await h.api.listAll<Item>(`/v2/apps/${appId}/integrations`, 'integrations')).find((i) => i.type === 'web')!;
    await h.api.delete(`/v2/apps/${appId}/integrations/${web.id}`);
    await h.api.post(`/v2/apps/${appId}/integrations`, { type: 'web', displayName: 'Site' });
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', 'p.json']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: the plan file p.json is stale; nothing was applied');
    expect(r.stderr).toContain('app.um.integration.web');
    expect(writes(h.emu, mark)).toEqual([]);
  });
});
