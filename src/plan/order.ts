/**
 * Step ordering (DESIGN.md "Ordering"). Dependencies come from the data itself: a step whose
 * path (`{{address}}`) or body (`{"$ref": address}`) names a resource created in this plan
 * waits for that create; the planner adds the rest explicitly (link after create, deletes
 * after references move away). Plan.steps is then a stable topological order of dependsOn.
 */
import { isPlainObject, isRef } from '../resources/values.js';
import { stepGraph } from './step-graph.js';
import type { Step } from './types.js';

function refsIn(body: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(body)) for (const v of body) refsIn(v, out);
  else if (isRef(body)) out.add(body.$ref);
  else if (isPlainObject(body)) for (const v of Object.values(body)) refsIn(v, out);
  return out;
}

export function pathAddresses(path: string): string[] {
  return [...path.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => m[1]!.trim());
}

/** Adds the dependencies implied by paths and $refs on resources that steps create. */
export function addDataDependencies(steps: Step[]): void {
  const creator = new Map<string, string>();
  for (const s of steps) for (const c of s.creates ?? []) creator.set(c.address, s.id);
  for (const s of steps) {
    const deps = new Set(s.dependsOn);
    // A DELETE always targets the live object, never one created in this run.
    const fromPath = s.operation === 'delete' ? [] : pathAddresses(s.path);
    for (const addr of [...fromPath, ...refsIn(s.body, new Set())]) {
      const c = creator.get(addr);
      if (c && c !== s.id) deps.add(c);
    }
    s.dependsOn = [...deps];
  }
}

/**
 * A topological order of `steps` by dependsOn, stable with respect to the given order: among
 * the steps whose dependencies are placed, the earliest comes next (a heap, see step-graph.ts).
 */
export function orderSteps(steps: Step[]): Step[] {
  return stepGraph(steps).order.map((i) => steps[i]!);
}

/** True when every step's dependencies come before it (the contract of Plan.steps). */
export function isValidOrder(steps: Step[]): boolean {
  const seen = new Set<string>();
  for (const s of steps) {
    if (!s.dependsOn.every((d) => seen.has(d))) return false;
    seen.add(s.id);
  }
  return true;
}
