/**
 * The documented, versioned JSON document of a plan (`--json`, `--format json`):
 * { formatVersion: 1, summary, hasChanges, changes: [{address, kind, action, fields, reason?, liveId?}],
 *   requests, steps: [{id, method, path, dependsOn}], notes: [{code, address, message}] }, in that key order. README.md (section
 * plan) documents it, and test/render/readme-plan-json.test.ts keeps the two in step. Values
 * that are secrets are never present (`sensitive: true`).
 */
import type { Plan } from '../plan/types.js';

export function planDocument(plan: Plan): Record<string, unknown> {
  return {
    formatVersion: 1,
    summary: plan.summary,
    hasChanges: plan.steps.length > 0,
    changes: plan.changes,
    requests: plan.requests,
    steps: plan.steps.map((s) => ({ id: s.id, method: s.method, path: s.path, dependsOn: s.dependsOn })),
    // Added in formatVersion 1 without a bump (a new key; readers that ignore unknown keys are unaffected).
    notes: plan.notes ?? [],
  };
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planDocument(plan), null, 2)}\n`;
}
