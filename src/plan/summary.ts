/** Counts of changes per action (Plan.summary), whether a plan changes anything, and whether a field does. */
import { deepEqual } from '../resources/values.js';
import type { Change, FieldDiff, Plan, PlanSummary } from './types.js';

export function summarize(changes: Change[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 };
  for (const c of changes) s[c.action]++;
  return s;
}

/** A plan with no step changes nothing (unmanaged resources are only listed). */
export function hasChanges(plan: Plan): boolean {
  return plan.steps.length > 0;
}

/**
 * A field whose value is the same before and after is not a change and is never shown as one
 * ("X → X"). Sensitive fields carry no values, so they always count.
 */
export function isFieldChange(f: FieldDiff): boolean {
  return f.sensitive === true || !('before' in f) || !('after' in f) || !deepEqual(f.before, f.after);
}
