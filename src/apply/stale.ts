/**
 * `sunco-apply PLANFILE`: the saved plan is applied only if a plan made now, from the
 * re-loaded config and a fresh read of live state, is the same plan (Terraform refuses a
 * stale saved plan the same way).
 */
import { UserError } from '../errors.js';
import { checkStale } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';

/** The saved plan with fresh live ids, or a UserError listing what changed. */
export function freshPlanFor(saved: Plan, fresh: Plan, file: string): Plan {
  const differences = checkStale(saved, fresh);
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
  // The same steps as reviewed. Live ids are equal when the state fingerprints are; the fresh
  // ones are preferred anyway, since they are what the API holds now.
  return { ...saved, liveIds: { ...saved.liveIds, ...fresh.liveIds } };
}
