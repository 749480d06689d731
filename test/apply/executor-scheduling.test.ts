import { describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/executor.js';
import type { SecretsFile } from '../../src/apply/secrets-file.js';
import { UserError } from '../../src/errors.js';
import type { WorkCounter } from '../../src/plan/step-graph.js';
import type { Step } from '../../src/plan/types.js';
import { fakeClient } from './helpers/fake-client.js';
import { plan, step } from './helpers/plans.js';

const patch = (id: string, dependsOn: string[] = []) => step({ id, address: `app.${id}`, method: 'PATCH', path: `/${id}`, dependsOn });

/** A fleet-shaped plan: per app, a create, 30 children of it, and a chain of 4 links after the first child. */
function fleetSteps(apps: number): Step[] {
  const steps: Step[] = [];
  for (let a = 0; a < apps; a++) {
    steps.push(patch(`a${a}`));
    for (let c = 0; c < 30; c++) steps.push(patch(`a${a}c${c}`, [`a${a}`]));
    for (let l = 0; l < 4; l++) steps.push(patch(`a${a}l${l}`, [l === 0 ? `a${a}c0` : `a${a}l${l - 1}`, `a${a}c${l + 1}`]));
  }
  return steps;
}

describe('the scheduler', () => {
  it('does work linear in steps + edges: 10× the steps, ~10× the visits', async () => {
    const visits = async (apps: number) => {
      const steps = fleetSteps(apps);
      const edges = steps.reduce((n, s) => n + s.dependsOn.length, 0);
      const work: WorkCounter = { visits: 0 };
      const report = await executePlan({ plan: plan(steps), client: fakeClient(() => ({})), parallelism: 8, work });
      expect(report.applied).toHaveLength(steps.length);
      // Each step is started and ordered once, each edge looked at a bounded number of times.
      expect(work.visits).toBeLessThanOrEqual(3 * (steps.length + edges));
      return { visits: work.visits, size: steps.length + edges };
    };
    const small = await visits(29); // 1,015 steps
    const large = await visits(290); // 10,150 steps
    expect(large.size / small.size).toBe(10);
    expect(large.visits / small.visits).toBeGreaterThan(9.5);
    expect(large.visits / small.visits).toBeLessThan(10.5);
  });

  it('counts failures and skips in the same linear work', async () => {
    const steps = fleetSteps(50);
    const work: WorkCounter = { visits: 0 };
    const client = fakeClient((call) => {
      if (/^\/a\d+$/.test(call.path)) throw new Error('boom');
      return {};
    });
    const report = await executePlan({ plan: plan(steps), client, work });
    expect(report.failed).toHaveLength(50);
    expect(report.skipped).toHaveLength(50 * 34);
    expect(work.visits).toBeLessThanOrEqual(3 * (steps.length + steps.reduce((n, s) => n + s.dependsOn.length, 0)));
  });

  it('starts the ready step with the longest chain after it first', async () => {
    const client = fakeClient(() => ({}));
    // Plan order puts the short ones first; `long` heads a chain of 3.
    const p = plan([patch('short1'), patch('short2'), patch('long'), patch('mid', ['long']), patch('end', ['mid'])]);
    await executePlan({ plan: p, client, parallelism: 1 });
    // Then the ties (chain 1 each) in plan order.
    expect(client.calls.map((c) => c.path)).toEqual(['/long', '/mid', '/short1', '/short2', '/end']);
  });

  it('refuses a plan whose steps form a cycle before any call, naming it', async () => {
    const client = fakeClient(() => ({}));
    const p = plan([patch('free'), patch('a', ['c']), patch('b', ['a']), patch('c', ['b'])]);
    await expect(executePlan({ plan: p, client })).rejects.toThrow(UserError);
    await expect(executePlan({ plan: p, client })).rejects.toThrow('the plan is invalid: its steps depend on each other in a cycle: a → c → b → a');
    expect(client.calls).toEqual([]);
  });

  it('refuses a step that appears twice', async () => {
    const client = fakeClient(() => ({}));
    await expect(executePlan({ plan: plan([patch('a'), patch('a')]), client })).rejects.toThrow('the plan is invalid: step a appears twice');
    expect(client.calls).toEqual([]);
  });

  it('frees the slot when the call returns, and starts dependents only once the secret is saved', async () => {
    const events: string[] = [];
    const pendingSaves: (() => void)[] = [];
    const secrets = {
      path: '/s.json',
      save: (entries: Record<string, unknown>) =>
        new Promise<void>((resolve) => {
          events.push(`save ${Object.keys(entries).join()}`);
          pendingSaves.push(() => {
            events.push(`saved ${Object.keys(entries).join()}`);
            resolve();
          });
        }),
    } as unknown as SecretsFile;
    const client = fakeClient((call) => {
      events.push(`${call.method} ${call.path}`);
      if (call.method === 'POST') return { key: { id: `id${call.path}`, secret: 'shh' } };
      if (call.path === '/k2') {
        // Both creates ran on the one slot, so neither waited for its save; now let them finish.
        for (const done of pendingSaves) done();
      }
      return {};
    });
    const key = (id: string) => step({ id, address: `app.s.key.${id}`, kind: 'app-key', method: 'POST', path: `/${id}`, creates: [{ address: `app.s.key.${id}`, idPath: 'key.id', secretPath: 'key.secret' }] });
    const p = plan([key('k1'), patch('after1', ['k1']), key('k3'), patch('k2')]);
    const report = await executePlan({ plan: p, client, secrets, parallelism: 1 });
    expect(report.failed).toEqual([]);
    expect(events).toEqual(['POST /k1', 'save app.s.key.k1', 'POST /k3', 'save app.s.key.k3', 'PATCH /k2', 'saved app.s.key.k1', 'saved app.s.key.k3', 'PATCH /after1']);
    expect(report.secretsSaved).toEqual(['app.s.key.k1', 'app.s.key.k3']);
  });
});
