/**
 * The end of an apply: a summary line when everything was applied, otherwise the failure
 * report (applied, failed, skipped), plus warnings for secrets that could not be saved.
 * `applyJson` is the --json document. Neither ever holds a secret value.
 */
import type { ApplyCounts } from '../apply/summary.js';
import type { ApplyReport } from '../apply/types.js';
import type { WaitTotals } from '../apply/waits.js';
import { palette } from './apply-progress.js';
import { renderInterrupted } from './apply-interrupted.js';

export interface ReportContext {
  counts: ApplyCounts;
  secretsFile?: string;
  /** Time the client slept before retries (rate limits, transient faults) during the run. */
  waited?: WaitTotals;
  color: boolean;
}

function countsText(n: ApplyCounts): string {
  return `${n.created} created, ${n.updated} updated, ${n.replaced} replaced, ${n.deleted} deleted`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One line on retry waits, or null when nothing was retried, e.g.
 * `Waited 1.0 s on rate limits (3 requests answered 429 and were retried).`
 */
export function waitsLine(t: WaitTotals | undefined): string | null {
  if (!t || t.retries === 0) return null;
  const other = t.retries - t.rateLimitRetries;
  const limited = `${t.rateLimitRetries} request${t.rateLimitRetries === 1 ? '' : 's'} answered 429 and ${t.rateLimitRetries === 1 ? 'was' : 'were'} retried`;
  const transient = `${other} transient error${other === 1 ? '' : 's'}`;
  if (other === 0) return `Waited ${duration(t.ms)} on rate limits (${limited}).`;
  if (t.rateLimitRetries === 0) return `Waited ${duration(t.ms)} on retries after ${transient}.`;
  return `Waited ${duration(t.ms)} on retries (${duration(t.rateLimitMs)} on rate limits: ${limited}; ${transient}).`;
}

export function renderApplyReport(report: ApplyReport, ctx: ReportContext): string {
  const c = palette(ctx.color);
  const lines: string[] = [];
  for (const lost of report.lostSecrets) {
    lines.push(c.yellow(`Warning: the secret of ${lost.address}${lost.id ? ` (${lost.id})` : ''} was not saved: ${lost.recovery}.`));
  }
  if (report.secretsSaved.length > 0 && ctx.secretsFile) {
    const n = report.secretsSaved.length;
    lines.push(`Saved ${n} generated secret${n === 1 ? '' : 's'} to ${ctx.secretsFile} (mode 0600).`);
  }
  const waited = waitsLine(ctx.waited);
  if (waited) lines.push(waited);
  if (report.interrupted) return [...lines, ...renderInterrupted(report, ctx.counts, countsText, ctx.color)].join('\n') + '\n';
  if (report.failed.length === 0) {
    lines.push(c.green(c.bold(`Apply complete: ${countsText(ctx.counts)}.`)));
    return lines.join('\n') + '\n';
  }
  lines.push('', c.red(c.bold(`Apply failed: ${report.failed.length} step${report.failed.length === 1 ? '' : 's'} failed, ${report.skipped.length} skipped.`)));
  if (report.applied.length > 0) {
    lines.push('Applied:');
    for (const a of report.applied) {
      const ids = a.ids ?? {};
      // A custom integration's inline webhooks are resources of their own: one line each.
      lines.push(`  ${a.address}  ${a.operation}${ids[a.address] ? `  ${ids[a.address]}` : ''}`);
      for (const [addr, id] of Object.entries(ids)) if (addr !== a.address) lines.push(`  ${addr}  ${a.operation}  ${id}  (with ${a.address})`);
    }
  }
  lines.push('Failed:');
  for (const f of report.failed) {
    const why = f.code ? `${f.status ? `${f.status} ` : ''}${f.code}: ${f.title ?? ''}` : f.message;
    lines.push(c.red(`  ${f.address}  ${f.operation}  ${why}`));
    if (f.code && f.message && !why.includes(f.message)) lines.push(`    ${f.message}`);
  }
  if (report.skipped.length > 0) {
    lines.push('Skipped:');
    for (const s of report.skipped) lines.push(`  ${s.address}  ${s.operation}  (depends on ${s.because.address}, which failed)`);
  }
  lines.push(`Applied so far: ${countsText(ctx.counts)}. Fix the cause and run sunco-apply again: it picks up where this run stopped.`);
  return lines.join('\n') + '\n';
}

export function applyJson(report: ApplyReport, ctx: Omit<ReportContext, 'color'>): unknown {
  return {
    formatVersion: 1,
    status: report.interrupted ? 'interrupted' : report.failed.length === 0 ? 'applied' : 'failed',
    summary: { ...ctx.counts, failed: report.failed.length, skipped: report.skipped.length },
    applied: report.applied.map(({ stepId, address, operation, ids, adopted, alreadyGone, ms }) => ({
      stepId, address, operation, ...(ids ? { ids } : {}), ...(adopted ? { adopted } : {}), ...(alreadyGone ? { alreadyGone } : {}), ms,
    })),
    failed: report.failed,
    skipped: report.skipped,
    lostSecrets: report.lostSecrets,
    secretsFile: ctx.secretsFile ?? null,
    secretsSaved: report.secretsSaved,
    ...(report.interrupted ? { interrupted: report.interrupted } : {}),
    // Only when something was retried, so that a smooth run's document stays as it was.
    ...(ctx.waited && ctx.waited.retries > 0 ? { waited: { ...ctx.waited } } : {}),
  };
}
