/** Counts of changes per action (Plan.summary) and whether a plan changes anything. */
import type { Change, Plan, PlanSummary } from './types.js';

export function summarize(changes: Change[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 };
  for (const c of changes) s[c.action]++;
  return s;
}

/** A plan with no step changes nothing (unmanaged resources are only listed). */
export function hasChanges(plan: Plan): boolean {
  return plan.steps.length > 0;
}
