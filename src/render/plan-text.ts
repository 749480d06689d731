/**
 * Terraform-like text of a plan (DESIGN.md "Plans"): `+` create, `~` update field by field
 * (old → new), `-/+` replace with `# forces replacement` on the field, `-` delete; unmanaged
 * resources listed apart; secrets as (sensitive); multi-line strings as a unified diff.
 */
import type { Change, ChangeAction, FieldDiff, Plan, PlanSummary } from '../plan/types.js';
import { type Palette, palette } from './colors.js';
import { fieldText, isMultiline, unifiedDiff } from './values.js';

const SYMBOL: Record<Exclude<ChangeAction, 'unmanaged'>, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };

function colorFor(p: Palette, action: ChangeAction): (s: string) => string {
  return { create: p.green, update: p.yellow, replace: p.magenta, delete: p.red, unmanaged: p.dim }[action];
}

export function summaryLine(s: PlanSummary, hasSteps: boolean): string {
  const unmanaged = s.unmanaged > 0 ? ` ${s.unmanaged} unmanaged.` : '';
  if (!hasSteps) return `No changes. Live state matches the configuration.${unmanaged}`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.${unmanaged}`;
}

function fieldLines(p: Palette, c: Change, f: FieldDiff): string[] {
  const action = c.action === 'create' ? 'create' : 'update';
  const sym = c.action === 'create' ? p.green('+') : f.after === undefined && !f.sensitive && f.before !== undefined ? p.red('-') : p.yellow('~');
  const note = f.forcesReplacement ? p.magenta('  # forces replacement') : '';
  if (isMultiline(f)) {
    const lines = unifiedDiff(f.before, f.after).map((l) => {
      const colored = l.startsWith('+') ? p.green(l) : l.startsWith('-') ? p.red(l) : l.startsWith('@@') ? p.dim(l) : l;
      return `          ${colored}`;
    });
    return [`      ${sym} ${f.field}: (multi-line)${note}`, ...lines];
  }
  return [`      ${sym} ${f.field}: ${fieldText(f, action)}${note}`];
}

function changeLines(p: Palette, c: Change): string[] {
  const col = colorFor(p, c.action);
  const head = `  ${col(SYMBOL[c.action as Exclude<ChangeAction, 'unmanaged'>])} ${p.bold(c.address)} (${c.kind})`;
  const notes = [c.liveId ? `id ${c.liveId}` : '', c.reason ?? ''].filter(Boolean).join('; ');
  const lines = [notes ? `${head}  ${p.dim(`# ${notes}`)}` : head];
  if (c.action !== 'delete') for (const f of c.fields) lines.push(...fieldLines(p, c, f));
  return lines;
}

export function renderPlanText(plan: Plan, options: { color: boolean }): string {
  const p = palette(options.color);
  const acting = plan.changes.filter((c) => c.action !== 'unmanaged');
  const unmanaged = plan.changes.filter((c) => c.action === 'unmanaged');
  const out: string[] = [];
  if (acting.length > 0) {
    out.push('sunco will perform the following actions:', '');
    for (const c of acting) out.push(...changeLines(p, c), '');
  }
  if (unmanaged.length > 0) {
    out.push('Unmanaged (live, not in the configuration; left alone, --prune deletes them):');
    for (const c of unmanaged) out.push(`  ${p.dim('?')} ${c.address} (${c.kind})${c.reason ? `  ${p.dim(`# ${c.reason}`)}` : ''}`);
    out.push('');
  }
  out.push(p.bold(summaryLine(plan.summary, plan.steps.length > 0)));
  return `${out.join('\n')}\n`;
}
