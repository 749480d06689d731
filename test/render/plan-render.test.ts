import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';

function plan(over: Partial<Plan> = {}): Plan {
  return {
    formatVersion: 1,
    summary: { create: 1, update: 1, replace: 1, delete: 1, unmanaged: 1 },
    changes: [
      { address: 'app.s.integration.web', kind: 'integration', action: 'create', fields: [{ field: 'type', after: 'web' }, { field: 'displayName', after: 'Web' }] },
      {
        address: 'app.s', kind: 'app', action: 'update', liveId: 'a1',
        fields: [
          { field: 'settings.multiConvoEnabled', before: false, after: true },
          { field: 'metadata.owner', sensitive: true },
          { field: 'metadata.notes', before: 'line one\nline two\nline three', after: 'line one\nline 2\nline three' },
          { field: 'metadata.gone', before: 'x' },
        ],
      },
      { address: 'app.s.integration.sms', kind: 'integration', action: 'replace', liveId: 'i1', reason: 'accountSid forces replacement', fields: [{ field: 'accountSid', before: 'AC1', after: 'AC2', forcesReplacement: true }, { field: 'authToken', sensitive: true, forcesReplacement: true }] },
      { address: 'app.s.key[k9]', kind: 'app-key', action: 'delete', liveId: 'k9', fields: [], reason: 'not in the configuration: "stray"' },
      { address: 'app.s.integration[i2]', kind: 'integration', action: 'unmanaged', liveId: 'i2', fields: [], reason: 'not in the configuration: web "Other"' },
      { address: 'app.s.switchboard', kind: 'switchboard', action: 'create', fields: [{ field: 'defaultSwitchboardIntegrationId', after: { $ref: 'app.s.switchboard.integration.bot' } }] },
    ],
    steps: [{ id: 'x', address: 'app.s', kind: 'app', operation: 'update', method: 'PATCH', path: '/v2/apps/{{app.s}}', dependsOn: [], app: 's', body: { metadata: { owner: { $secret: 'app.s#metadata.owner' } } } }],
    requests: 7,
    liveIds: {},
    configFingerprint: 'c',
    stateFingerprint: 's',
    options: { prune: false, targets: [] },
    ...over,
  };
}

describe('text', () => {
  const text = renderPlanText(plan(), { color: false });

  it('shows Terraform-like symbols, field by field', () => {
    expect(text).toContain('  + app.s.integration.web (integration)\n      + type: "web"\n      + displayName: "Web"\n');
    expect(text).toContain('  ~ app.s (app)  # id a1\n      ~ settings.multiConvoEnabled: false → true\n      ~ metadata.owner: (sensitive)\n');
    expect(text).toContain('      - metadata.gone: "x" → (unset)');
    expect(text).toContain('  -/+ app.s.integration.sms (integration)  # id i1; accountSid forces replacement\n      ~ accountSid: "AC1" → "AC2"  # forces replacement\n      ~ authToken: (sensitive)  # forces replacement\n');
    expect(text).toContain('  - app.s.key[k9] (app-key)  # id k9; not in the configuration: "stray"\n');
    expect(text).toContain('      + defaultSwitchboardIntegrationId: app.s.switchboard.integration.bot\n');
  });

  it('shows multi-line strings as a unified diff', () => {
    expect(text).toContain('      ~ metadata.notes: (multi-line)\n          @@ -1,3 +1,3 @@\n           line one\n          -line two\n          +line 2\n           line three\n');
  });

  it('lists unmanaged resources apart, and ends with the summary', () => {
    expect(text).toContain('Unmanaged (live, not in the configuration; left alone, --prune deletes them):\n  ? app.s.integration[i2] (integration)  # not in the configuration: web "Other"\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 1 to create, 1 to update, 1 to replace, 1 to delete. 1 unmanaged.');
    expect(text).not.toContain('\u001b[');
  });

  it('says when there is nothing to do', () => {
    const none = renderPlanText(plan({ changes: [], steps: [], summary: { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 } }), { color: false });
    expect(none).toBe('No changes. Live state matches the configuration.\n');
  });

  it('colours only when asked', () => {
    const coloured = renderPlanText(plan(), { color: true });
    expect(coloured).toContain('\u001b[32m+\u001b[39m \u001b[1mapp.s.integration.web\u001b[22m');
  });
});

describe('json', () => {
  it('is the documented, versioned document without secret values', () => {
    const doc = JSON.parse(renderPlanJson(plan())) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['formatVersion', 'summary', 'hasChanges', 'changes', 'requests', 'steps']);
    expect(doc).toMatchObject({ formatVersion: 1, summary: { create: 1, update: 1, replace: 1, delete: 1, unmanaged: 1 }, requests: 7, hasChanges: true });
    expect((doc.changes as unknown[])[2]).toEqual(plan().changes[2]);
    expect(doc.steps).toEqual([{ id: 'x', method: 'PATCH', path: '/v2/apps/{{app.s}}', dependsOn: [] }]);
  });
});

describe('markdown', () => {
  const md = renderPlanMarkdown(plan());

  it('has a heading, a summary table and a details block per change', () => {
    expect(md.startsWith('## sunco plan\n\n**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete. 1 unmanaged.**\n')).toBe(true);
    expect(md).toContain('| create | update | replace | delete | unmanaged |\n|---:|---:|---:|---:|---:|\n| 1 | 1 | 1 | 1 | 1 |');
    expect(md.match(/<details>/g)).toHaveLength(6);
    expect(md).toContain('<summary>♻️ <b>replace</b> <code>app.s.integration.sms</code> (integration) — accountSid forces replacement</summary>');
    expect(md).toContain('| `accountSid` | `"AC1"` | `"AC2"` | forces replacement |');
    expect(md).toContain('| `metadata.owner` |  | (sensitive) |  |');
    expect(md).toContain('```diff\n@@ -1,3 +1,3 @@\n line one\n-line two\n+line 2\n line three\n```');
  });
});
