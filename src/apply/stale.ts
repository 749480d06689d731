/**
 * `sunco-apply PLANFILE`: the saved plan is applied only if a plan made now, from the
 * re-loaded config and a fresh read of live state, is the same plan (Terraform refuses a
 * stale saved plan the same way).
 */
import { UserError } from '../errors.js';
import { checkStale, planText } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { secretMask } from '../secret-mask.js';

/** The saved plan with fresh live ids, or a UserError listing what changed. */
export function freshPlanFor(saved: Plan, fresh: Plan, file: string): Plan {
  const differences = checkStale(saved, asWritten(fresh));
  if (differences.length > 0) {
    throw new UserError(`the plan file ${file} is stale; nothing was applied`, {
      details: [
        ...differences.map((d) => `  - ${d}`),
        // The plan file records the -f and --var-file paths, not --var or the environment: those are the usual cause.
        ...(saved.configFingerprint !== fresh.configFingerprint
          ? ['If the configuration did not change, pass the same --var (and environment) as sunco-plan had; the plan file records only its -f and --var-file paths.']
          : []),
        'Make a new plan with sunco-plan --out and review it.',
      ],
    });
  }
  // The fresh plan, not the saved one: the saved steps equal it (checked above), and a step
  // is never run as the file wrote it.
  return fresh;
}

/**
 * The fresh plan as `sunco-plan --out` would write it now: masked by value. The file was written
 * masked, so a sensitive value the steps hold (an app's `displayName` from a sensitive variable
 * is the adopt query's natural key) reads `(sensitive)` there; compared raw, every such plan
 * file was refused as edited.
 */
function asWritten(plan: Plan): Plan {
  return JSON.parse(secretMask().mask(planText(plan))) as Plan;
}
