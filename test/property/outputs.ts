/**
 * The no-leak invariant: every plan is rendered as the CLI renders it (text, with and without
 * colour, JSON, the markdown PR comment, and the `--out` plan file written by savePlan), every
 * apply's progress lines and report (text and --json, the interrupted report too). What the
 * renderers return is searched as is (a renderer must not rely on the mask), and again after
 * the run's mask, through a masked stream as the CLI's stdout is:
 * - no sensitive value (write-only and credential fields, values of variables declared
 *   sensitive, generated key and webhook secrets) appears, whole or JSON-escaped;
 * - the value of every variable that is not sensitive, in a field that is no secret, appears
 *   in text, JSON and markdown wherever the plan creates or changes that field (reviewers
 *   must see what differs per environment), the mask notwithstanding.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { savePlan } from '../../src/cli/plan-file-io.js';
import { progressLine } from '../../src/render/apply-progress.js';
import { applyJson, renderApplyReport } from '../../src/render/apply-report.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { countApplied } from '../../src/apply/summary.js';
import type { ApplyReport, StepEvent } from '../../src/apply/types.js';
import type { Plan } from '../../src/plan/types.js';
import { flushMasked, maskedWriter } from '../../src/secret-mask.js';
import { type Slot, varValue } from './model.js';

export class Violation extends Error {}
export const fail = (what: string): never => {
  throw new Violation(what);
};

/** What the CLI would print of `text` on a masked stdout. */
function masked(text: string): string {
  let out = '';
  const w = maskedWriter({ write: (s: string) => (out += s) });
  w.write(text);
  flushMasked(w);
  return out;
}

/** The forms a value is printed in: whole, and JSON-escaped (a renderer may quote it). */
const forms = (v: string): string[] => [...new Set([v, JSON.stringify(v).slice(1, -1)])];

export interface Watch {
  /** Every sensitive value of the run so far that is not shown now (a variable may stop being sensitive). */
  forbidden: () => string[];
  tally: { channels: number; shown: number };
}

function noLeak(watch: Watch, channel: string, text: string): void {
  watch.tally.channels++;
  for (const v of watch.forbidden()) for (const f of forms(v)) if (text.includes(f)) fail(`${channel} shows the sensitive value ${JSON.stringify(v)}`);
}

/** The shown slots whose field this plan creates or changes. */
function shownIn(plan: Plan, shown: Slot[]): Slot[] {
  return shown.filter((s) => plan.changes.some((c) => {
    if (c.address !== s.address) return false;
    if (c.action === 'create') return true;
    // A replace shows, like an update, the fields that change.
    return (c.action === 'update' || c.action === 'replace') && c.fields.some((f) => f.field === s.field || s.field.startsWith(`${f.field}.`));
  }));
}

/** Renders the plan every way the CLI does and checks both invariants on each. */
export async function checkPlanOutputs(plan: Plan, dir: string, watch: Watch, shown: Slot[]): Promise<void> {
  const file = join(dir, 'plan.json');
  await savePlan(file, plan);
  const reviewed: Record<string, string> = {
    'plan text': renderPlanText(plan, { color: false }),
    'plan JSON': renderPlanJson(plan),
    'plan markdown': renderPlanMarkdown(plan, { environment: 'prop' }),
  };
  const all: Record<string, string> = { ...reviewed, 'plan text (colour)': renderPlanText(plan, { color: true }), 'plan file (--out)': await readFile(file, 'utf8') };
  for (const [channel, text] of Object.entries(all)) {
    noLeak(watch, channel, text);
    noLeak(watch, `${channel}, masked`, masked(text));
  }
  for (const s of shownIn(plan, shown)) {
    const value = varValue(s.binding!, s.value);
    watch.tally.shown++;
    for (const [channel, text] of Object.entries(reviewed)) {
      const m = masked(text);
      if (!m.includes(value) && !m.includes(JSON.stringify(value).slice(1, -1))) {
        fail(`${channel} does not show ${JSON.stringify(value)}, the value of ${s.binding!.name} (not sensitive) in ${s.address}#${s.field}${text.includes(value) ? ' (the mask hides it)' : ''}`);
      }
    }
  }
}

/** The apply's progress lines (kept by `onEvent`) and its report, text and JSON. */
export function checkApplyOutputs(plan: Plan, report: ApplyReport, events: StepEvent[], watch: Watch): void {
  const counts = countApplied(plan, report);
  const outputs: Record<string, string> = {
    'apply progress': events.map((e) => progressLine(e, 40, false) ?? '').join('\n'),
    'apply report': renderApplyReport(report, { counts, secretsFile: 'secrets.json', color: false }),
    'apply report (colour)': renderApplyReport(report, { counts, secretsFile: 'secrets.json', color: true }),
    'apply --json': JSON.stringify(applyJson(report, { counts, secretsFile: 'secrets.json' }), null, 2),
  };
  for (const [channel, text] of Object.entries(outputs)) {
    noLeak(watch, channel, text);
    noLeak(watch, `${channel}, masked`, masked(text));
  }
}
