/**
 * The spec's prose rules that span fields (src/resources/prose-rules.ts, the emulator applies
 * the same functions), checked on the merged config once every file passed the schema, so
 * that a config `validate` accepts is not refused half-way through an apply. Each issue
 * points at the field it is about. A value from an unset variable is not checked.
 */
import { codeFrame, type ConfigIssue } from './issues.js';
import type { Merged } from './merge.js';
import { locate } from './path-address.js';
import { integrationCreateProblems, LIMITS, settingsProblems, type ProseProblem } from '../resources/prose-rules.js';

export function checkSpecRules(merged: Merged): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report = (segments: string[], onKey: boolean, addr: string, code: string, message: string) => {
    if (merged.failed(segments)) return;
    const { file, pos } = merged.at(segments);
    const line = onKey ? pos.keyLine : pos.line;
    const column = onKey ? pos.keyColumn : pos.column;
    issues.push({ file: file.source.shown, line, column, address: addr, code, message, frame: codeFrame(file.source.text, line, column) });
  };
  const at = (base: string[], p: ProseProblem) => (p.field === '' ? base : [...base, ...p.field.split('.')]);
  for (const [a, app] of Object.entries(merged.config.apps)) {
    const base = ['apps', a];
    if (app.settings) {
      const known = Object.fromEntries(Object.entries(app.settings).filter(([k]) => !merged.failed([...base, 'settings', k])));
      // An unknown multiConvoEnabled (an unset variable) may well be true: not a problem yet.
      if (!merged.failed([...base, 'settings', 'multiConvoEnabled'])) {
        for (const p of settingsProblems(known)) report(at([...base, 'settings'], p), true, locate(base).address, 'needs_multi_convo', p.message);
      }
    }
    let webhooks = 0;
    let most = 0;
    for (const [i, integ] of Object.entries(app.integrations ?? {})) {
      const path = [...base, 'integrations', i];
      webhooks += Object.keys(integ.webhooks ?? {}).length;
      most = Math.max(most, Object.keys(integ.webhooks ?? {}).length);
      const known = (field: string) => !merged.failed([...path, ...field.split('.')]);
      // originWhitelist entries are checked by the schema's pattern (editors show it too).
      const problems = integrationCreateProblems(integ.type, integ, known).filter((p) => !p.field.startsWith('originWhitelist.'));
      for (const p of problems) report(at(path, p), true, locate(path).address, 'spec_rule', p.message);
    }
    // One integration over the limit is reported by the schema, at that integration.
    if (webhooks > LIMITS.webhooksPerApp && most <= LIMITS.webhooksPerApp) {
      report([...base, 'integrations'], true, locate(base).address, 'too_many_webhooks', `an app holds at most ${LIMITS.webhooksPerApp} webhooks (the spec: "An app is limited to 10 webhooks"); this one declares ${webhooks}`);
    }
  }
  return issues;
}
