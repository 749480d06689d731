/**
 * Counts what an apply achieved in terms of the plan's changes (resources), not its steps:
 * a replace is a create and a delete, an update may be several PATCHes (link steps).
 */
import type { Plan } from '../plan/types.js';
import type { ApplyReport } from './types.js';

export interface ApplyCounts {
  created: number;
  updated: number;
  replaced: number;
  deleted: number;
}

/** A change is done when none of the steps that touch its address failed or was skipped. */
export function countApplied(plan: Plan, report: ApplyReport): ApplyCounts {
  const notDone = new Set<string>();
  const touched = new Map<string, string[]>();
  for (const step of plan.steps) {
    // Bookkeeping (bindings, fingerprints) is no change of a resource: its outcome counts for none.
    if (step.operation === 'bookkeeping') continue;
    const addrs = new Set([step.address, ...(step.creates ?? []).map((c) => c.address)]);
    for (const a of addrs) {
      const list = touched.get(a);
      if (list) list.push(step.id);
      else touched.set(a, [step.id]);
    }
  }
  const interrupted = report.interrupted ? [...report.interrupted.notStarted, ...report.interrupted.unfinished] : [];
  for (const r of [...report.failed, ...report.skipped, ...interrupted]) notDone.add(r.stepId);
  const counts: ApplyCounts = { created: 0, updated: 0, replaced: 0, deleted: 0 };
  for (const change of plan.changes) {
    if (change.action === 'unmanaged') continue;
    const steps = touched.get(change.address) ?? [];
    if (steps.some((s) => notDone.has(s))) continue;
    if (change.action === 'create') counts.created++;
    else if (change.action === 'update') counts.updated++;
    else if (change.action === 'replace') counts.replaced++;
    else counts.deleted++;
  }
  return counts;
}
