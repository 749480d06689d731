/**
 * The documented, versioned JSON document of a plan (`--json`, `--format json`):
 * { formatVersion: 1, summary, hasChanges, changes: [{address, kind, action, fields, reason?, liveId?}],
 *   requests, steps: [{id, method, path, dependsOn}], notes: [{code, address, message}], secretsFile? }, in that key order.
 * docs/plan-json.md documents it, and test/render/plan-json-doc.test.ts keeps the two in step. Values
 * that are secrets are never present (`sensitive: true`).
 */
import type { FieldDiff, Plan } from '../plan/types.js';
import type { KindName } from '../resources/kind-name.js';
import { configField } from './values.js';

/** `{ field: 'defaultResponderId', configField: 'defaultResponder', … }`; configField only when it differs. */
function withConfigField(kind: KindName, f: FieldDiff): FieldDiff & { configField?: string } {
  const name = configField(kind, f.field);
  if (name === f.field) return f;
  const { field, ...rest } = f;
  return { field, configField: name, ...rest };
}

export function planDocument(plan: Plan): Record<string, unknown> {
  return {
    formatVersion: 1,
    summary: plan.summary,
    hasChanges: plan.steps.length > 0,
    // The API's field name and, where the config says it differently, the config's (both kept).
    changes: plan.changes.map((c) => ({ ...c, fields: c.fields.map((f) => withConfigField(c.kind, f)) })),
    requests: plan.requests,
    steps: plan.steps.map((s) => ({ id: s.id, method: s.method, path: s.path, dependsOn: s.dependsOn })),
    // Added in formatVersion 1 without a bump (a new key; readers that ignore unknown keys are unaffected).
    notes: plan.notes ?? [],
    // Only with sunco-plan --secrets-out: addresses only, never a value.
    ...(plan.secretsFile ? { secretsFile: plan.secretsFile } : {}),
  };
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planDocument(plan), null, 2)}\n`;
}
