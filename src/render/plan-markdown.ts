/**
 * A plan as a pull-request comment (`--format markdown`): a hidden marker naming the
 * environment (so that each CI job finds and updates its own comment), heading, summary line
 * and table, a warning that names every delete and replace, one collapsed `<details>` block per
 * change (destructive ones first) with its field table, and the unmanaged resources in one
 * collapsed list. Secrets show as (sensitive). GitHub refuses comments over 65,536 characters,
 * so whole resources that would not fit are left out, counted, and pointed to.
 */
import { isFieldChange } from '../plan/summary.js';
import type { Change, FieldDiff, Plan } from '../plan/types.js';
import { summaryLine } from './plan-text.js';
import { hasResourceSteps } from '../plan/summary.js';
import { configField, formatValue, isMultiline, SENSITIVE, unifiedDiff } from './values.js';

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const COMMENT_LIMIT = 65536;
export const DEFAULT_ENVIRONMENT = 'default';

export interface MarkdownOptions {
  /** The label of this plan's comment: the marker is `<!-- sunco-plan:LABEL -->`. */
  environment?: string;
  /** At most this many characters (default: GitHub's comment limit). */
  limit?: number;
  /** Where the full plan is, said when resources are left out (a sentence fragment or a URL). */
  fullPlanAt?: string;
}

/** The hidden first line a CI job searches its pull request's comments for. */
export function planMarker(environment: string = DEFAULT_ENVIRONMENT): string {
  return `<!-- sunco-plan:${environment.replace(/-->/g, '')} -->`;
}

const ICON: Record<Change['action'], string> = { create: '➕', update: '✏️', replace: '♻️', delete: '🗑️', unmanaged: '❔' };

/** Deletes (app `absent: true` included) and replaces come first: they are what a reviewer must not miss. */
const ORDER: Record<Change['action'], number> = { delete: 0, replace: 1, create: 2, update: 3, unmanaged: 4 };

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

/** A create has no "before": its table is field and value only. */
function fieldTable(c: Change, fields: FieldDiff[]): string[] {
  const create = c.action === 'create';
  const anyForces = fields.some((f) => f.forcesReplacement);
  const head = create ? ['| field | value |', '|---|---|'] : anyForces ? ['| field | before | after | note |', '|---|---|---|---|'] : ['| field | before | after |', '|---|---|---|'];
  const out = [...head];
  const multi: FieldDiff[] = [];
  for (const f of fields) {
    if (isMultiline(f)) multi.push(f);
    const cells = isMultiline(f) ? (create ? ['(multi-line, below)'] : ['(multi-line, below)', '']) : create ? [valueCell(f, 'after')] : [valueCell(f, 'before'), valueCell(f, 'after')];
    if (anyForces && !create) cells.push(f.forcesReplacement ? 'forces replacement' : '');
    out.push(`| ${[code(configField(c.kind, f.field)), ...cells].join(' | ')} |`);
  }
  for (const f of multi) out.push('', `${code(configField(c.kind, f.field))}:`, '', '```diff', ...unifiedDiff(f.before, f.after), '```');
  return out;
}

function details(c: Change): string[] {
  const summary = `${ICON[c.action]} <b>${c.action}</b> <code>${html(c.address)}</code> (${c.kind})${c.reason ? ` — ${html(c.reason)}` : ''}`;
  const out = ['<details>', `<summary>${summary}</summary>`, ''];
  const fields = c.fields.filter(isFieldChange);
  if (fields.length === 0 || c.action === 'delete') out.push(c.liveId ? `Live id ${code(c.liveId)}.` : 'No field details.');
  else out.push(...fieldTable(c, fields));
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

function leftOutNote(left: number, limit: number, fullPlanAt: string | undefined): string {
  const where = fullPlanAt === undefined ? 'Run `sunco-plan` for the full plan.' : /^https?:\/\//.test(fullPlanAt) ? `The full plan is at ${fullPlanAt}.` : `The full plan is in ${fullPlanAt}.`;
  return `_${left} more ${left === 1 ? 'resource is' : 'resources are'} not shown: a comment holds at most ${limit} characters. ${where}_`;
}

export function renderPlanMarkdown(plan: Plan, opts: MarkdownOptions = {}): string {
  const s = plan.summary;
  const limit = opts.limit ?? COMMENT_LIMIT;
  const env = opts.environment;
  const ordered = [...plan.changes].sort((a, b) => ORDER[a.action] - ORDER[b.action]);
  const head = [
    planMarker(env),
    env === undefined ? '## sunco plan' : `## sunco plan: ${html(env)}`,
    '',
    `**${summaryLine(s, hasResourceSteps(plan), plan.steps.length > 0 && !hasResourceSteps(plan))}**`,
    '',
    '| create | update | replace | delete | unmanaged |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.unmanaged} |`,
    '',
    ...warning(ordered),
  ];
  const foot = `<sub>Read the live state with ${plan.requests} API request${plan.requests === 1 ? '' : 's'}.</sub>`;
  const unmanaged = ordered.filter((c) => c.action === 'unmanaged');
  const blocks = [
    ...ordered.filter((c) => c.action !== 'unmanaged').map((c) => ({ lines: details(c), count: 1 })),
    { lines: unmanagedBlock(unmanaged), count: unmanaged.length },
    { lines: notesBlock(plan), count: 0 },
  ];
  // Keep room for the head, the foot and the note on what was left out.
  const note = leftOutNote(plan.changes.length, limit, opts.fullPlanAt);
  let room = limit - head.join('\n').length - foot.length - note.length - 8;
  const body: string[] = [];
  let left = 0;
  for (const { lines, count } of blocks) {
    const size = lines.join('\n').length + 1;
    if (left === 0 && size <= room) {
      body.push(...lines);
      room -= size;
    } else left += count;
  }
  if (left > 0) body.push(leftOutNote(left, limit, opts.fullPlanAt), '');
  return `${[...head, ...body, foot].join('\n')}\n`;
}
