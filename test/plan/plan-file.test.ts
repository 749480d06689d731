import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import { loadPlan, savePlan } from '../../src/cli/plan-file-io.js';
import { checkStale } from '../../src/plan/plan-file.js';
import { designConfig } from './design-config.js';
import { app, integration, loaded, SALT, state } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sunco-planfile-'));
const cfg = () => loaded(designConfig(), ['app.support.integration.sms#authToken']);

describe('plan files', () => {
  it('round-trips a plan and holds no secret value', async () => {
    const plan = diff(cfg(), state(), { salt: SALT });
    const file = join(dir, 'plan.json');
    await savePlan(file, plan);
    expect(readFileSync(file, 'utf8')).not.toContain('tok-1');
    expect(await loadPlan(file)).toEqual(plan);
    expect(plan.configFingerprint).toBe('cfg-fp');
    expect(plan.stateFingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(plan)).not.toContain('liveDigests');
  });

  it('still reads a file an earlier sunco wrote with liveDigests', async () => {
    const plan = diff(cfg(), state(), { salt: SALT });
    const file = join(dir, 'older.json');
    writeFileSync(file, JSON.stringify({ ...plan, liveDigests: { 'app.a': 'd' } }));
    expect((await loadPlan(file)).steps).toEqual(plan.steps);
  });

  it('explains a file that is not a plan', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"formatVersion": 2}');
    await expect(loadPlan(bad)).rejects.toThrow(`${bad} is not a usable sunco plan file: formatVersion is 2, this sunco reads formatVersion 1`);
    writeFileSync(bad, 'not json');
    await expect(loadPlan(bad)).rejects.toThrow(/is not a sunco plan file: it is not valid JSON/);
    writeFileSync(bad, JSON.stringify({ formatVersion: 1, changes: [], steps: [{}], configFingerprint: 'x', stateFingerprint: 'y', liveIds: {}, options: { targets: [] } }));
    await expect(loadPlan(bad)).rejects.toThrow(/step 1 lacks id, method, path or dependsOn/);
    await expect(loadPlan(join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the plan file .*missing\.json: no such file/);
  });

  it('checkStale names a changed config and the live addresses that changed', () => {
    const live = (brand: string) => state(app({ id: 'a1', displayName: 'Acme Support' }, { integration: [integration({ id: 'i1', type: 'web', displayName: 'Website', brandColor: brand })] }));
    const saved = diff(cfg(), live('65758e'), { salt: SALT });
    expect(checkStale(saved, diff(cfg(), live('65758e'), { salt: SALT }))).toEqual([]);
    const changedCfg = { ...cfg(), fingerprint: 'other' };
    expect(checkStale(saved, diff(changedCfg, live('000000'), { salt: SALT }))).toEqual([
      'the configuration changed since the plan was made (files or variable values differ)',
      'the live state changed since the plan was made: app.support.integration.website changed',
    ]);
    expect(checkStale(saved, diff(cfg(), state(app({ id: 'a1', displayName: 'Acme Support' })), { salt: SALT }))).toEqual([
      'the live state changed since the plan was made: app.support.integration.website is gone',
    ]);
  });
});
