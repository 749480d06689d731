/**
 * The arithmetic behind `npm run bench` (scripts/lib/bounds.mjs): critical-path depth of a
 * plan's steps, depth of a read phase from the emulator's request log, and the lower bound.
 * Checked on a real plan of the benchmark fleet (one app) made against the emulator.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lowerBound, ratio, readDepth, stepDepth } from '../../scripts/lib/bounds.mjs';
import { fleetConfig } from '../../scripts/lib/fleet.mjs';
import { createClient } from '../../src/api/client.js';
import { loadConfig } from '../../src/config/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { makePlan } from '../../src/cli/make-plan.js';

describe('bench bounds', () => {
  it('stepDepth is the longest dependsOn chain, counted in steps', () => {
    const steps = [
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: ['a'] },
      { id: 'c', dependsOn: ['a', 'b'] },
      { id: 'd', dependsOn: [] },
    ];
    expect(stepDepth(steps)).toBe(3);
    expect(stepDepth([])).toBe(0);
  });

  it('readDepth counts nested list levels, item GETs and extra pages', () => {
    const get = (path: string) => ({ method: 'GET', path });
    expect(readDepth([get('/v2/apps')])).toBe(1);
    expect(readDepth([get('/v2/apps'), get('/v2/apps/a1/integrations'), get('/v2/apps/a1/keys')])).toBe(2);
    expect(readDepth([get('/v2/apps'), get('/v2/apps/a1/integrations/i1/webhooks')])).toBe(3);
    // A GET of one item needs its list first; a second page needs the first.
    expect(readDepth([get('/v2/apps'), get('/v2/apps/a1')])).toBe(2);
    expect(readDepth([get('/v2/apps'), get('/v2/apps'), get('/v2/apps/a1/integrations')])).toBe(2);
    expect(readDepth([get('/v2/apps/a1/integrations'), get('/v2/apps/a1/integrations')])).toBe(3);
    // Writes are not part of a read phase.
    expect(readDepth([{ method: 'POST', path: '/v2/apps/a1/integrations/i1/webhooks' }])).toBe(0);
  });

  it('lowerBound is max(depth × latency, requests × latency / parallelism)', () => {
    expect(lowerBound({ depth: 5, requests: 761, latencyMs: 25, parallelism: 8 })).toBeCloseTo(2378.125);
    expect(lowerBound({ depth: 5, requests: 4, latencyMs: 25, parallelism: 8 })).toBe(125);
    expect(ratio(3000, 2000)).toBe(1.5);
    expect(ratio(1, 0)).toBeNull();
  });

  it('on a real plan of one fleet app: 38 creates, critical path 4 (app → switchboard → integration → link)', async () => {
    const emu = await startEmulator({ port: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'sunco-bounds-'));
    try {
      await writeFile(join(dir, 'fleet.yaml'), fleetConfig(1));
      const loaded = await loadConfig({ path: join(dir, 'fleet.yaml'), cwd: dir, env: {} });
      const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
      const { plan } = await makePlan({ loaded, client });
      expect(plan.summary.create).toBe(38);
      expect(stepDepth(plan.steps)).toBe(4);
      // From empty, the read phase is the apps list alone.
      expect(readDepth(emu.requestLog)).toBe(1);
    } finally {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
