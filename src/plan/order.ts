/**
 * Step ordering (DESIGN.md "Ordering"). Dependencies come from the data itself: a step whose
 * path (`{{address}}`) or body (`{"$ref": address}`) names a resource created in this plan
 * waits for that create; the planner adds the rest explicitly (link after create, deletes
 * after references move away). Plan.steps is then a stable topological order of dependsOn.
 */
import { isPlainObject, isRef } from '../resources/values.js';
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

/** A topological order of `steps` by dependsOn, stable with respect to the given order. */
export function orderSteps(steps: Step[]): Step[] {
  const byId = new Map(steps.map((s, i) => [s.id, { s, i }]));
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const s of steps) {
    const deps = s.dependsOn.filter((d) => byId.has(d));
    if (deps.length !== s.dependsOn.length) throw new Error(`step ${s.id} depends on a step that is not in the plan: ${s.dependsOn.filter((d) => !byId.has(d)).join(', ')}`);
    indegree.set(s.id, deps.length);
    for (const d of deps) dependents.set(d, [...(dependents.get(d) ?? []), s.id]);
  }
  const ready = steps.filter((s) => indegree.get(s.id) === 0).map((s) => byId.get(s.id)!.i);
  const out: Step[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const s = steps[ready.shift()!]!;
    out.push(s);
    for (const d of dependents.get(s.id) ?? []) {
      const n = indegree.get(d)! - 1;
      indegree.set(d, n);
      if (n === 0) ready.push(byId.get(d)!.i);
    }
  }
  if (out.length !== steps.length) {
    const stuck = steps.filter((s) => !out.includes(s)).map((s) => s.id);
    throw new Error(`the plan's steps form a dependency cycle: ${stuck.join(', ')}`);
  }
  return out;
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
