/** Counts of changes per action (Plan.summary), whether a plan changes anything, and whether a field does. */
import { isReservedMetadataKey } from '../resources/reserved-keys.js';
import { deepEqual } from '../resources/values.js';
import type { Change, FieldDiff, Plan, PlanSummary } from './types.js';

export function summarize(changes: Change[]): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 };
  for (const c of changes) if (!isBookkeeping(c)) s[c.action]++;
  return s;
}

/**
 * An app update that only writes sunco's reserved metadata keys (recording fingerprints of
 * an adopted account's write-only values) is bookkeeping, not a change someone asked for:
 * it is shown, but not counted (DESIGN.md "Identity": never counted as user updates).
 */
export function isBookkeeping(c: Change): boolean {
  return c.action === 'update' && c.fields.length > 0 && c.fields.every((f) => f.field.startsWith('metadata.') && isReservedMetadataKey(f.field.slice('metadata.'.length)));
}

/** Whether a step changes a resource; a bookkeeping step (bindings, fingerprints) does not. */
export function hasResourceSteps(plan: Plan): boolean {
  return plan.steps.some((s) => s.operation !== 'bookkeeping');
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
