/**
 * The dependsOn graph of a plan's steps, checked once for both users: the planner
 * (orderSteps) and the executor, which must refuse an edited plan file before its first call.
 * Building it is O(steps + edges) plus a heap for the stable order.
 */
import TinyQueue from 'tinyqueue';
import type { Step } from './types.js';

/** Duplicate ids, unknown dependencies, or a cycle. The executor turns it into a UserError; from the planner it is a bug. */
export class StepGraphError extends Error {
  override name = 'StepGraphError';
}

export interface StepGraph {
  steps: readonly Step[];
  /** Step position by id. */
  index: ReadonlyMap<string, number>;
  /** For each step (by position): the positions of the steps that depend on it. */
  dependents: readonly number[][];
  /** For each step: how many distinct steps it depends on. */
  indegree: readonly number[];
  /** A topological order (positions), stable: among ready steps the earliest in `steps` first. */
  order: readonly number[];
  /** For each step: the longest chain of steps from it to the end, itself included (1 for a step nothing depends on). */
  chain: readonly number[];
}

/** Counts the work done (steps and edges touched), so a test can show it is linear without timing it. */
export interface WorkCounter {
  visits: number;
}

export function stepGraph(steps: readonly Step[], work?: WorkCounter): StepGraph {
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.id)) throw new StepGraphError(`step ${s.id} appears twice`);
    index.set(s.id, i);
  });
  const dependents: number[][] = steps.map(() => []);
  const indegree: number[] = steps.map(() => 0);
  steps.forEach((s, i) => {
    for (const d of new Set(s.dependsOn)) {
      if (work) work.visits++;
      const j = index.get(d);
      if (j === undefined) throw new StepGraphError(`step ${s.id} depends on unknown step ${d}`);
      dependents[j]!.push(i);
      indegree[i]!++;
    }
  });

  const left = [...indegree];
  const ready = new TinyQueue<number>(
    steps.flatMap((_, i) => (left[i] === 0 ? [i] : [])),
    (a, b) => a - b,
  );
  const order: number[] = [];
  while (ready.length > 0) {
    const i = ready.pop()!;
    if (work) work.visits++;
    order.push(i);
    for (const j of dependents[i]!) if (--left[j]! === 0) ready.push(j);
  }
  if (order.length !== steps.length) throw new StepGraphError(`its steps depend on each other in a cycle: ${cycleThrough(steps, index, left)}`);

  const chain: number[] = steps.map(() => 1);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    for (const j of dependents[i]!) chain[i] = Math.max(chain[i]!, chain[j]! + 1);
  }
  return { steps, index, dependents, indegree, order, chain };
}

/** One cycle among the steps that never became ready, as `a → b → a` (each depends on the next). */
function cycleThrough(steps: readonly Step[], index: ReadonlyMap<string, number>, left: number[]): string {
  // Every unordered step has an unordered dependency; following them must come back round.
  let i = left.findIndex((n) => n > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(i)) {
    seenAt.set(i, path.length);
    path.push(i);
    i = steps[i]!.dependsOn.map((d) => index.get(d)!).find((j) => left[j]! > 0)!;
  }
  return [...path.slice(seenAt.get(i)), i].map((j) => steps[j]!.id).join(' → ');
}
