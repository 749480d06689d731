/**
 * What `npm run bench` reports (scripts/lib/targets.mjs, fleet.mjs): every target of issues 8
 * and 18 with met or not, startup as a ratio to bare node, and the fleet split into config
 * files small enough to load (files are limited to 1 MiB) that merge into the same config.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetConfig, writeFleetDir } from '../../scripts/lib/fleet.mjs';
import { checks } from '../../scripts/lib/targets.mjs';
import { loadConfig } from '../../src/config/index.js';

const result = {
  applyFromEmpty: { wallMs: 3000, requests: 761, ratio: 1.25 },
  noChangePlan: { wallMs: 1400, requests: 281, ratio: 1.6 },
  naiveRead: { wallMs: 25000, speedup: 18 },
  startup: { versionMs: 70, planHelpMs: 130, nodeMs: 50 },
  purePlan: { resources: 10032, ms: 300, peakMB: 200, resources4x: 40128, ms4x: 1300, peakMB4x: 600 },
  scale: { apps: 300, applyRatio: 1.4, secretsBytesWritten: 2_000_000, secretsFileBytes: 1_000_000 },
};

describe('bench targets', () => {
  it('reports each target of issue 18 with its limit and whether it is met', () => {
    const byName = Object.fromEntries(checks(result).map((c) => [c.name, c]));
    expect(byName['apply from empty: ratio to lower bound']).toMatchObject({ value: 1.25, limit: 1.3, met: true });
    expect(byName['no-change plan: ratio to lower bound']).toMatchObject({ value: 1.6, limit: 1.3, met: false });
    expect(byName['startup: sunco --version / bare node']).toMatchObject({ value: 1.4, limit: 1.5, met: true });
    expect(byName['startup: sunco-plan --help / bare node']).toMatchObject({ value: 2.6, limit: 2, met: false });
    expect(byName['pure plan of 40128 resources / pure plan of 10032']).toMatchObject({ value: 4.33, limit: 4, met: false });
    expect(byName['apply from empty at 300 apps: ratio to lower bound']).toMatchObject({ value: 1.4, met: false });
    expect(byName['secrets file at 300 apps: bytes written / final size']).toMatchObject({ value: 2, limit: 3, met: true });
  });

  it('leaves out the scale targets when --scale was not given', () => {
    const { scale: _scale, ...small } = result;
    const names = checks({ ...small, purePlan: { resources: 10032, ms: 300, peakMB: 200 } }).map((c) => c.name);
    expect(names.some((n) => n.includes('300 apps') || n.includes('/ pure plan'))).toBe(false);
    expect(names).toContain('startup: sunco-plan --help / bare node');
  });

  it('writes a fleet as config files of at most 40 apps that merge into the one-file config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sunco-fleet-'));
    await writeFleetDir(join(dir, 'fleet'), 5, 'bench', 2);
    expect(await readdir(join(dir, 'fleet'))).toEqual(['fleet-000.yaml', 'fleet-001.yaml', 'fleet-002.yaml']);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'one.yaml'), fleetConfig(5));
    const split = await loadConfig({ path: join(dir, 'fleet'), cwd: dir, env: {} });
    const one = await loadConfig({ path: join(dir, 'one.yaml'), cwd: dir, env: {} });
    expect(split.config).toEqual(one.config);
    expect(Object.keys(split.config.apps)).toEqual(['bench0', 'bench1', 'bench2', 'bench3', 'bench4']);
  });
});
