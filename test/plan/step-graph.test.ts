import { describe, expect, it } from 'vitest';
import { orderSteps, isValidOrder } from '../../src/plan/order.js';
import { StepGraphError, stepGraph } from '../../src/plan/step-graph.js';
import type { Step } from '../../src/plan/types.js';

const s = (id: string, dependsOn: string[] = []): Step => ({ id, address: id, kind: 'app', operation: 'update', method: 'PATCH', path: '/', dependsOn, app: 'a' });

describe('stepGraph', () => {
  it('counts dependents, indegrees and the longest chain after each step', () => {
    const g = stepGraph([s('a'), s('b', ['a']), s('c', ['b', 'a']), s('d')]);
    expect(g.indegree).toEqual([0, 1, 2, 0]);
    expect(g.dependents).toEqual([[1, 2], [2], [], []]);
    expect(g.chain).toEqual([3, 2, 1, 1]);
    expect(g.order).toEqual([0, 1, 2, 3]);
  });

  it('counts a dependency named twice once', () => {
    expect(stepGraph([s('a'), s('b', ['a', 'a'])]).indegree).toEqual([0, 1]);
  });

  it('refuses unknown dependencies, duplicates and cycles', () => {
    expect(() => stepGraph([s('a', ['ghost'])])).toThrow(new StepGraphError('step a depends on unknown step ghost'));
    expect(() => stepGraph([s('a'), s('a')])).toThrow('step a appears twice');
    expect(() => stepGraph([s('a', ['a'])])).toThrow('its steps depend on each other in a cycle: a → a');
  });
});

describe('orderSteps (a heap over stepGraph)', () => {
  it('is the stable topological order: among ready steps the earliest first', () => {
    expect(orderSteps([s('c', ['b']), s('a'), s('b')]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(orderSteps([s('x'), s('y', ['z']), s('z')]).map((x) => x.id)).toEqual(['x', 'z', 'y']);
  });

  it('orders random acyclic graphs validly, and keeps an already valid order as it is', () => {
    // A fixed-seed generator (mulberry32): step i depends only on steps made before it, then all are shuffled.
    let seed = 18;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(rand() * 40);
      const steps = Array.from({ length: n }, (_, i) => s(`s${i}`, i === 0 ? [] : [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => `s${Math.floor(rand() * i)}`))]));
      const shuffled = [...steps].sort(() => rand() - 0.5);
      const ordered = orderSteps(shuffled);
      expect(isValidOrder(ordered)).toBe(true);
      expect(new Set(ordered.map((x) => x.id)).size).toBe(n);
      expect(orderSteps(ordered)).toEqual(ordered);
    }
  });
});
