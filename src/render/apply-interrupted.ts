/**
 * The report of an apply stopped by SIGINT/SIGTERM (src/apply/interrupt.ts): what was applied,
 * what was in flight when the signal came and how it ended, what was never started.
 */
import type { ApplyCounts } from '../apply/summary.js';
import type { ApplyReport, Interrupted, StepRef } from '../apply/types.js';
import { palette } from './apply-progress.js';

const line = (s: StepRef, note = '') => `  ${s.address}  ${s.operation}${note}`;

function outcome(report: ApplyReport, stepId: string, i: Interrupted): string {
  const applied = report.applied.find((a) => a.stepId === stepId);
  if (applied) return `  finished: ${applied.adopted ? 'adopted' : 'applied'}${Object.values(applied.ids ?? {}).length ? ` ${Object.values(applied.ids!).join(', ')}` : ''}`;
  const failed = report.failed.find((f) => f.stepId === stepId);
  if (failed) return `  finished: FAILED ${failed.code ?? failed.message}`;
  return i.aborted ? '  not waited for: the next sunco-plan shows whether it happened' : '';
}

export function renderInterrupted(report: ApplyReport, counts: ApplyCounts, countsText: (c: ApplyCounts) => string, color: boolean): string[] {
  const i = report.interrupted!;
  const c = palette(color);
  const lines: string[] = [];
  const total = report.applied.length;
  const inFlight = new Set(i.inFlight.map((s) => s.stepId));
  // The applied count includes the calls in flight that finished: say so, or the two numbers read as disjoint.
  const finishedInFlight = report.applied.filter((a) => inFlight.has(a.stepId)).length;
  const unfinished = i.inFlight.length - finishedInFlight - report.failed.filter((f) => inFlight.has(f.stepId)).length;
  const parts = [
    `${total} step${total === 1 ? '' : 's'} applied${finishedInFlight ? ` (${finishedInFlight} of them in flight when the signal came)` : ''}`,
    ...(unfinished > 0 ? [`${unfinished} in flight not waited for`] : []),
    `${i.notStarted.length} not started`,
    ...(report.failed.length ? [`${report.failed.length} failed`] : []),
    ...(report.skipped.length ? [`${report.skipped.length} skipped`] : []),
  ];
  lines.push('', c.yellow(c.bold(`Interrupted: ${i.signal}${i.aborted ? ' twice' : ''}. ${parts.join(', ')}.`)));
  const appliedBefore = report.applied.filter((a) => !inFlight.has(a.stepId));
  if (appliedBefore.length > 0) {
    lines.push('Applied:');
    for (const a of appliedBefore) lines.push(line(a, Object.values(a.ids ?? {}).length ? `  ${Object.values(a.ids!).join(', ')}` : ''));
  }
  if (i.inFlight.length > 0) {
    lines.push('In flight when interrupted:');
    for (const s of i.inFlight) lines.push(line(s, outcome(report, s.stepId, i)));
  }
  const failedLater = report.failed.filter((f) => !inFlight.has(f.stepId));
  if (failedLater.length > 0) {
    lines.push('Failed:');
    for (const f of failedLater) lines.push(c.red(line(f, `  ${f.code ? `${f.status ?? ''} ${f.code}`.trim() : f.message}`)));
  }
  if (report.skipped.length > 0 || i.notStarted.length > 0) {
    lines.push('Skipped:');
    for (const s of report.skipped) lines.push(line(s, `  (depends on ${s.because.address}, which failed)`));
    for (const s of i.notStarted) lines.push(line(s, '  (not started: interrupted)'));
  }
  // After the last step (while the secrets file was saved or tidied): nothing is left to apply.
  const afterSteps = i.inFlight.length === 0 && i.unfinished.length === 0 && i.notStarted.length === 0 && report.failed.length === 0 && report.skipped.length === 0;
  if (afterSteps) lines.push(`The signal came after every step had finished: ${countsText(counts)}. Nothing is left to apply.`);
  else lines.push(`Applied so far: ${countsText(counts)}. Run sunco-apply again to apply the rest: it picks up where this run stopped.`);
  return lines;
}
