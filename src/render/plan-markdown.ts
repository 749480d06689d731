/**
 * A plan as a pull-request comment (`--format markdown`): heading, summary table, and one
 * `<details>` block per change with its field table. Secrets show as (sensitive).
 */
import type { Change, FieldDiff, Plan } from '../plan/types.js';
import { summaryLine } from './plan-text.js';
import { formatValue, isMultiline, SENSITIVE, unifiedDiff } from './values.js';

const ICON: Record<Change['action'], string> = { create: '➕', update: '✏️', replace: '♻️', delete: '🗑️', unmanaged: '❔' };

/** Escape what would break a table cell or inline HTML. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

function valueCell(f: FieldDiff, side: 'before' | 'after'): string {
  if (f.sensitive) return side === 'before' && f.before === undefined ? '' : SENSITIVE;
  const v = f[side];
  return v === undefined ? '' : `\`${cell(formatValue(v)).replace(/`/g, "'")}\``;
}

function details(c: Change): string[] {
  const summary = `${ICON[c.action]} <b>${c.action}</b> <code>${cell(c.address)}</code> (${c.kind})${c.reason ? ` — ${cell(c.reason)}` : ''}`;
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  if (c.fields.length === 0) out.push(c.liveId ? `Live id \`${c.liveId}\`.` : 'No field details.');
  else {
    out.push('| field | before | after | |', '|---|---|---|---|');
    const multi: FieldDiff[] = [];
    for (const f of c.fields) {
      if (isMultiline(f)) multi.push(f);
      out.push(`| \`${cell(f.field)}\` | ${isMultiline(f) ? '(multi-line, below)' : valueCell(f, 'before')} | ${isMultiline(f) ? '' : valueCell(f, 'after')} | ${f.forcesReplacement ? 'forces replacement' : ''} |`);
    }
    for (const f of multi) out.push('', `\`${f.field}\`:`, '', '```diff', ...unifiedDiff(f.before, f.after), '```');
  }
  out.push('', '</details>');
  return out;
}

export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.summary;
  const out = [
    '## sunco plan',
    '',
    `**${summaryLine(s, plan.steps.length > 0)}**`,
    '',
    '| create | update | replace | delete | unmanaged |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.unmanaged} |`,
    '',
  ];
  for (const c of plan.changes) out.push(...details(c), '');
  out.push(`<sub>${plan.requests} API requests to read live state.</sub>`);
  return `${out.join('\n')}\n`;
}
