/**
 * A plan as a pull-request comment (`--format markdown`): a hidden marker (so that a CI job
 * can find and update its previous comment), heading, summary line and table, a warning that
 * names every delete and replace, one collapsed `<details>` block per change with its field
 * table, and the unmanaged resources in one collapsed list. Secrets show as (sensitive).
 * GitHub refuses comments over 65,536 characters, so details that would not fit are left out
 * and counted.
 */
import { isFieldChange } from '../plan/summary.js';
import type { Change, FieldDiff, Plan } from '../plan/types.js';
import { summaryLine } from './plan-text.js';
import { hasResourceSteps } from '../plan/summary.js';
import { formatValue, isMultiline, SENSITIVE, unifiedDiff } from './values.js';

export const MARKER = '<!-- sunco-plan -->';
/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const COMMENT_LIMIT = 65536;

const ICON: Record<Change['action'], string> = { create: '➕', update: '✏️', replace: '♻️', delete: '🗑️', unmanaged: '❔' };

/** Text inside HTML (summary lines): escape what HTML would read. */
function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}

/**
 * A code span inside a table cell. HTML entities are not decoded inside code spans, so only
 * the pipe (which GFM tables split on, even inside code) is escaped; a value holding
 * backticks gets a longer fence (CommonMark "Code spans").
 */
function code(s: string): string {
  const text = s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function valueCell(f: FieldDiff, side: 'before' | 'after'): string {
  if (f.sensitive) return side === 'before' && f.before === undefined ? '' : SENSITIVE;
  const v = f[side];
  return v === undefined ? '' : code(formatValue(v));
}

function details(c: Change): string[] {
  const summary = `${ICON[c.action]} <b>${c.action}</b> <code>${html(c.address)}</code> (${c.kind})${c.reason ? ` — ${html(c.reason)}` : ''}`;
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  const fields = c.fields.filter(isFieldChange);
  if (fields.length === 0 || c.action === 'delete') out.push(c.liveId ? `Live id ${code(c.liveId)}.` : 'No field details.');
  else {
    out.push('| field | before | after | |', '|---|---|---|---|');
    const multi: FieldDiff[] = [];
    for (const f of fields) {
      if (isMultiline(f)) multi.push(f);
      const [before, after] = isMultiline(f) ? ['(multi-line, below)', ''] : [valueCell(f, 'before'), valueCell(f, 'after')];
      out.push(`| ${code(f.field)} | ${before} | ${after} | ${f.forcesReplacement ? 'forces replacement' : ''} |`);
    }
    for (const f of multi) out.push('', `${code(f.field)}:`, '', '```diff', ...unifiedDiff(f.before, f.after), '```');
  }
  out.push('', '</details>', '');
  return out;
}

function unmanagedBlock(list: Change[]): string[] {
  if (list.length === 0) return [];
  const items = list.map((c) => `- ${code(c.address)} (${c.kind})${c.reason ? ` — ${html(c.reason)}` : ''}`);
  return ['<details>', `<summary>${ICON.unmanaged} ${list.length} unmanaged (live, not in the configuration; left alone, <code>--prune</code> deletes them)</summary>`, '', ...items, '', '</details>', ''];
}

/** Names every delete and replace, outside the collapsed blocks, so that a reviewer cannot miss one. */
function warning(changes: Change[]): string[] {
  const risky = changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  if (risky.length === 0) return [];
  const names = risky.map((c) => `${code(c.address)} (${c.action})`).join(', ');
  return [`> ⚠️ **This plan deletes or replaces ${risky.length} ${risky.length === 1 ? 'resource' : 'resources'}:** ${names}`, ''];
}

/** Notes (bookkeeping, fallbacks, "did you rename …?"): not changes, listed after them. */
function notesBlock(plan: Plan): string[] {
  const notes = plan.notes ?? [];
  return notes.length === 0 ? [] : ['**Notes**', '', ...notes.map((n) => `- ${html(n.message)}`), ''];
}

export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.summary;
  const head = [
    MARKER,
    '## sunco plan',
    '',
    `**${summaryLine(s, hasResourceSteps(plan))}**`,
    '',
    '| create | update | replace | delete | unmanaged |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.unmanaged} |`,
    '',
    ...warning(plan.changes),
  ];
  const foot = `<sub>Read the live state with ${plan.requests} API request${plan.requests === 1 ? '' : 's'}.</sub>`;
  const unmanaged = plan.changes.filter((c) => c.action === 'unmanaged');
  const blocks = [
    ...plan.changes.filter((c) => c.action !== 'unmanaged').map((c) => ({ lines: details(c), count: 1 })),
    { lines: unmanagedBlock(unmanaged), count: unmanaged.length },
    { lines: notesBlock(plan), count: 0 },
  ];
  // Keep room for the head, the foot and the note on what was left out.
  let room = COMMENT_LIMIT - head.join('\n').length - foot.length - 300;
  const body: string[] = [];
  let left = 0;
  for (const { lines, count } of blocks) {
    const size = lines.join('\n').length + 1;
    if (left === 0 && size <= room) {
      body.push(...lines);
      room -= size;
    } else left += count;
  }
  if (left > 0) {
    body.push(`_${left} more ${left === 1 ? 'change is' : 'changes are'} not shown: a comment holds at most ${COMMENT_LIMIT} characters. Run \`sunco-plan\` for the full plan._`, '');
  }
  return `${[...head, ...body, foot].join('\n')}\n`;
}
