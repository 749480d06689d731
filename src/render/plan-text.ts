/**
 * Terraform-like text of a plan (DESIGN.md "Plans"), following `terraform plan`'s layout: a
 * legend of the symbols used, then per resource a `# ADDRESS will be …` comment line and the
 * symbol line (symbols right-aligned in three columns: `  +`, `  ~`, `-/+`, `+/-`, `  -`),
 * field by field below it (old → new, `# forces replacement`), unmanaged resources listed
 * apart, secrets as (sensitive), multi-line strings as a unified diff, and a summary line.
 */
import { hasResourceSteps, isFieldChange } from '../plan/summary.js';
import type { Change, ChangeAction, FieldDiff, Plan, PlanSummary } from '../plan/types.js';
import { type Palette, palette } from './colors.js';
import { configField, fieldText, isMultiline, unifiedDiff } from './values.js';

/** `+/-` is a replace that creates the new object before deleting the old (Terraform's create_before_destroy). */
type Shown = Exclude<ChangeAction, 'unmanaged'> | 'replace-create-first';

const LEGEND: Record<Shown, string> = {
  create: 'create',
  update: 'update in-place',
  replace: 'delete and then create replacement',
  'replace-create-first': 'create replacement and then delete',
  delete: 'delete',
};

const WILL: Record<Shown, string> = {
  create: 'will be created',
  update: 'will be updated in-place',
  replace: 'must be replaced',
  'replace-create-first': 'must be replaced',
  delete: 'will be deleted',
};

function symbol(p: Palette, shown: Shown): string {
  switch (shown) {
    case 'create':
      return `  ${p.green('+')}`;
    case 'update':
      return `  ${p.yellow('~')}`;
    case 'replace':
      return `${p.red('-')}/${p.green('+')}`;
    case 'replace-create-first':
      return `${p.green('+')}/${p.red('-')}`;
    case 'delete':
      return `  ${p.red('-')}`;
  }
}

/**
 * `hasSteps`: whether a step changes a resource. A plan of bookkeeping steps only still makes a
 * call (hasChanges, exit 2 with --detailed-exitcode, apply asks): the line says so, or "No
 * changes" followed by an approval question reads as a contradiction.
 */
export function summaryLine(s: PlanSummary, hasSteps: boolean, bookkeepingOnly = false): string {
  const unmanaged = s.unmanaged > 0 ? ` ${s.unmanaged} unmanaged.` : '';
  const bookkeeping = bookkeepingOnly ? " Applying it only records sunco's bookkeeping in app metadata (see Notes)." : '';
  if (!hasSteps) return `No changes. Live state matches the configuration.${unmanaged}${bookkeeping}`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.${unmanaged}`;
}

/** How a change is shown: a replace whose create step runs before its delete step is `+/-`. */
export function shownAction(plan: Plan, c: Change): Shown {
  if (c.action === 'unmanaged') throw new Error('unmanaged changes are listed apart');
  if (c.action !== 'replace') return c.action;
  const at = (op: string): number => plan.steps.findIndex((s) => s.id === `${c.address}:${op}`);
  const create = at('create');
  const del = at('delete');
  return create >= 0 && del >= 0 && create < del ? 'replace-create-first' : 'replace';
}

function fieldLines(p: Palette, c: Change, f: FieldDiff): string[] {
  // As in Terraform: in an update, a value set where there was none is `+`, one removed is `-`.
  const added = !f.sensitive && f.before === undefined && f.after !== undefined;
  const removed = !f.sensitive && f.before !== undefined && f.after === undefined;
  const action = c.action === 'create' || added ? 'create' : 'update';
  const sym = action === 'create' ? p.green('+') : removed ? p.red('-') : p.yellow('~');
  const note = f.forcesReplacement ? p.magenta('  # forces replacement') : '';
  if (isMultiline(f)) {
    const lines = unifiedDiff(f.before, f.after).map((l) => {
      const colored = l.startsWith('+') ? p.green(l) : l.startsWith('-') ? p.red(l) : l.startsWith('@@') ? p.dim(l) : l;
      return `          ${colored}`;
    });
    return [`      ${sym} ${configField(c.kind, f.field)}: (multi-line)${note}`, ...lines];
  }
  return [`      ${sym} ${configField(c.kind, f.field)}: ${fieldText(f, action)}${note}`];
}

function changeLines(p: Palette, c: Change, shown: Shown): string[] {
  const why = c.reason ? ` (${c.reason})` : '';
  const lines = [p.bold(`  # ${c.address} ${WILL[shown]}${why}`)];
  const id = c.liveId ? `  ${p.dim(`# id ${c.liveId}`)}` : '';
  lines.push(`${symbol(p, shown)} ${p.bold(c.address)} (${c.kind})${id}`);
  // isFieldChange again here: a plan file written by an older sunco may hold "X → X" fields.
  if (c.action !== 'delete') for (const f of c.fields.filter(isFieldChange)) lines.push(...fieldLines(p, c, f));
  return lines;
}

export function renderPlanText(plan: Plan, options: { color: boolean }): string {
  const p = palette(options.color);
  const acting = plan.changes.filter((c) => c.action !== 'unmanaged').map((c) => ({ c, shown: shownAction(plan, c) }));
  const unmanaged = plan.changes.filter((c) => c.action === 'unmanaged');
  const out: string[] = [];
  if (acting.length > 0) {
    // Like Terraform, the legend names only the symbols this plan uses, in a fixed order.
    const used = (Object.keys(LEGEND) as Shown[]).filter((s) => acting.some((a) => a.shown === s));
    out.push('Resource actions are indicated with the following symbols:', ...used.map((s) => `${symbol(p, s)} ${LEGEND[s]}`), '');
    out.push('sunco will perform the following actions:', '');
    for (const { c, shown } of acting) out.push(...changeLines(p, c, shown), '');
  }
  if (unmanaged.length > 0) {
    out.push('Unmanaged (live, not in the configuration; left alone, --prune deletes them):');
    for (const c of unmanaged) out.push(`  ${p.dim('?')} ${c.address} (${c.kind})${c.reason ? `  ${p.dim(`# ${c.reason}`)}` : ''}`);
    out.push('');
  }
  // Notes are not changes (bookkeeping, fallbacks, "did you rename …?"): listed apart, never counted.
  if ((plan.notes ?? []).length > 0) {
    out.push('Notes:');
    for (const n of plan.notes ?? []) out.push(`  - ${n.message}`);
    out.push('');
  }
  out.push(p.bold(summaryLine(plan.summary, hasResourceSteps(plan), plan.steps.length > 0 && !hasResourceSteps(plan))));
  return `${out.join('\n')}\n`;
}
