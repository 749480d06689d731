import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { COMMENT_LIMIT, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
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
          { field: 'metadata.added', after: 'y' },
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

  it('follows terraform plan: a legend of the symbols used, a "# … will be …" line, then the symbol line', () => {
    expect(text.startsWith([
      'Resource actions are indicated with the following symbols:',
      '  + create',
      '  ~ update in-place',
      '-/+ delete and then create replacement',
      '  - delete',
      '',
      'sunco will perform the following actions:',
      '',
      '  # app.s.integration.web will be created',
      '  + app.s.integration.web (integration)',
      '      + type: "web"',
      '      + displayName: "Web"',
      '',
      '  # app.s will be updated in-place',
      '  ~ app.s (app)  # id a1',
      '      ~ settings.multiConvoEnabled: false → true',
      '      ~ metadata.owner: (sensitive)',
    ].join('\n'))).toBe(true);
    expect(text).toContain('      - metadata.gone: "x" → (unset)\n      + metadata.added: "y"\n');
    expect(text).toContain([
      '  # app.s.integration.sms must be replaced (accountSid forces replacement)',
      '-/+ app.s.integration.sms (integration)  # id i1',
      '      ~ accountSid: "AC1" → "AC2"  # forces replacement',
      '      ~ authToken: (sensitive)  # forces replacement',
      '',
    ].join('\n'));
    expect(text).toContain('  # app.s.key[k9] will be deleted (not in the configuration: "stray")\n  - app.s.key[k9] (app-key)  # id k9\n\n');
    expect(text).toContain('      + default: bot\n');
  });

  it('shows a replace that creates first as +/- (create replacement and then delete)', () => {
    const first = plan({
      changes: [{ address: 'app.s.integration.sms', kind: 'integration', action: 'replace', liveId: 'i1', reason: 'accountSid forces replacement', fields: [{ field: 'accountSid', before: 'AC1', after: 'AC2', forcesReplacement: true }] }],
      steps: [
        { id: 'app.s.integration.sms:create', address: 'app.s.integration.sms', kind: 'integration', operation: 'create', method: 'POST', path: '/v2/apps/{{app.s}}/integrations', dependsOn: [], app: 's' },
        { id: 'app.s.integration.sms:delete', address: 'app.s.integration.sms', kind: 'integration', operation: 'delete', method: 'DELETE', path: '/v2/apps/{{app.s}}/integrations/{{app.s.integration.sms}}', dependsOn: ['app.s.integration.sms:create'], app: 's' },
      ],
      summary: { create: 0, update: 0, replace: 1, delete: 0, unmanaged: 0 },
    });
    const t = renderPlanText(first, { color: false });
    expect(t.startsWith('Resource actions are indicated with the following symbols:\n+/- create replacement and then delete\n\n')).toBe(true);
    expect(t).toContain('+/- app.s.integration.sms (integration)  # id i1\n');
  });

  it('never shows a field whose before equals its after (e.g. from an older plan file)', () => {
    const same = plan({ changes: [{ address: 'app.s', kind: 'app', action: 'update', liveId: 'a1', fields: [
      { field: 'metadata.sunco:fingerprints', before: '1.abcdefgh.x=y', after: '1.abcdefgh.x=y' },
      { field: 'settings.echoPostback', before: { a: [1] }, after: { a: [1] } },
      { field: 'displayName', before: 'A', after: 'B' },
    ] }] });
    for (const out of [renderPlanText(same, { color: false }), renderPlanMarkdown(same)]) {
      expect(out).not.toContain('fingerprints');
      expect(out).not.toContain('echoPostback');
      expect(out).toContain('displayName');
    }
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

  it('a plan of bookkeeping steps only says that applying it records the bookkeeping (it still makes a call)', () => {
    const steps: Plan['steps'] = [{ id: 'app.s:bookkeeping', address: 'app.s', kind: 'app', operation: 'bookkeeping', method: 'PATCH', path: '/v2/apps/{{app.s}}', dependsOn: [], app: 's', body: { metadata: {} } }];
    const only = plan({ changes: [], steps, summary: { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 } });
    const expected = "No changes. Live state matches the configuration. Applying it only records sunco's bookkeeping in app metadata (see Notes).";
    expect(renderPlanText(only, { color: false }).trimEnd().split('\n').at(-1)).toBe(expected);
    expect(renderPlanMarkdown(only)).toContain(`**${expected}**`);
  });

  it('colours only when asked', () => {
    const coloured = renderPlanText(plan(), { color: true });
    expect(coloured).toContain('  \u001b[32m+\u001b[39m \u001b[1mapp.s.integration.web\u001b[22m');
    expect(coloured).toContain('\u001b[31m-\u001b[39m/\u001b[32m+\u001b[39m \u001b[1mapp.s.integration.sms\u001b[22m');
  });
});

describe('json', () => {
  it('is the documented, versioned document without secret values', () => {
    const doc = JSON.parse(renderPlanJson(plan())) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['formatVersion', 'summary', 'hasChanges', 'changes', 'requests', 'steps', 'notes']);
    expect(doc).toMatchObject({ formatVersion: 1, summary: { create: 1, update: 1, replace: 1, delete: 1, unmanaged: 1 }, requests: 7, hasChanges: true });
    expect((doc.changes as unknown[])[2]).toEqual(plan().changes[2]);
    expect(doc.steps).toEqual([{ id: 'x', method: 'PATCH', path: '/v2/apps/{{app.s}}', dependsOn: [] }]);
  });
});

describe('plans in the config\'s words', () => {
  const refs = plan({
    changes: [
      { address: 'app.s.integration.web', kind: 'integration', action: 'update', liveId: 'i1', fields: [{ field: 'defaultResponderId', before: { $ref: 'app.s.switchboard.integration.agent' }, after: { $ref: 'app.s.switchboard.integration.bot' } }] },
      { address: 'app.s.switchboard.integration.bot', kind: 'switchboard-integration', action: 'create', fields: [{ field: 'integrationId', after: { $ref: 'app.s.integration.bot' } }, { field: 'nextSwitchboardIntegrationId', after: { $ref: 'app.s.switchboard.integration.agent' } }] },
      { address: 'app.s.switchboard.integration.agent', kind: 'switchboard-integration', action: 'update', liveId: 's2', fields: [{ field: 'nextSwitchboardIntegrationId', before: { $ref: 'app.s.switchboard.integration[s9]' }, after: { $ref: 'id:s7' } }] },
    ],
  });

  it('text names fields and references as the config does', () => {
    const text = renderPlanText(refs, { color: false });
    expect(text).toContain('      ~ defaultResponder: agent → bot\n');
    expect(text).toContain('      + integration: bot\n      + next: agent\n');
    expect(text).toContain('      ~ next: app.s.switchboard.integration[s9] → (id s7)\n');
    expect(text).not.toMatch(/defaultResponderId|nextSwitchboardIntegrationId|integrationId/);
  });

  it('markdown too', () => {
    const md = renderPlanMarkdown(refs);
    expect(md).toContain('| `defaultResponder` | `agent` | `bot` |');
    expect(md).toContain('| `integration` | `bot` |\n| `next` | `agent` |');
    expect(md).not.toMatch(/defaultResponderId|nextSwitchboardIntegrationId|integrationId/);
  });

  it('JSON keeps both: the API field, the config field, and the referenced address', () => {
    const doc = JSON.parse(renderPlanJson(refs)) as { changes: { fields: unknown[] }[] };
    expect(doc.changes[0]!.fields[0]).toEqual({ field: 'defaultResponderId', configField: 'defaultResponder', before: { $ref: 'app.s.switchboard.integration.agent' }, after: { $ref: 'app.s.switchboard.integration.bot' } });
    expect(doc.changes[1]!.fields).toEqual([
      { field: 'integrationId', configField: 'integration', after: { $ref: 'app.s.integration.bot' } },
      { field: 'nextSwitchboardIntegrationId', configField: 'next', after: { $ref: 'app.s.switchboard.integration.agent' } },
    ]);
  });
});

describe('markdown', () => {
  const md = renderPlanMarkdown(plan());

  it('has a marker, a heading, a summary table and a details block per change', () => {
    expect(md.startsWith('<!-- sunco-plan:default -->\n## sunco plan\n\n**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete. 1 unmanaged.**\n')).toBe(true);
    expect(md).toContain('| create | update | replace | delete | unmanaged |\n|---:|---:|---:|---:|---:|\n| 1 | 1 | 1 | 1 | 1 |');
    // 5 changes, and one block for the unmanaged list.
    expect(md.match(/<details>/g)).toHaveLength(6);
    expect(md).toContain('```diff\n@@ -1,3 +1,3 @@\n line one\n-line two\n+line 2\n line three\n```');
    expect(md.trimEnd().split('\n').at(-1)).toBe('<sub>Read the live state with 7 API requests.</sub>');
  });

  it('labels the marker and heading with the environment, so two environments keep two comments', () => {
    const staging = renderPlanMarkdown(plan(), { environment: 'staging' });
    const production = renderPlanMarkdown(plan(), { environment: 'production' });
    expect(staging.split('\n').slice(0, 2)).toEqual(['<!-- sunco-plan:staging -->', '## sunco plan: staging']);
    expect(production.split('\n')[0]).toBe('<!-- sunco-plan:production -->');
    expect(production).not.toContain('sunco-plan:staging');
  });

  it('names the columns: field/before/after (and note when a field forces replacement)', () => {
    expect(md).toContain('<summary>♻️ <b>replace</b> <code>app.s.integration.sms</code> (integration) — accountSid forces replacement</summary>\n\n| field | before | after | note |\n|---|---|---|---|');
    expect(md).toContain('| `accountSid` | `"AC1"` | `"AC2"` | forces replacement |');
    expect(md).toContain('<summary>✏️ <b>update</b> <code>app.s</code> (app)</summary>\n\n| field | before | after |\n|---|---|---|\n');
    expect(md).toContain('| `metadata.owner` |  | (sensitive) |\n');
  });

  it('shows a create as field and value, with no empty "before" column', () => {
    expect(md).toContain('<summary>➕ <b>create</b> <code>app.s.integration.web</code> (integration)</summary>\n\n| field | value |\n|---|---|\n| `type` | `"web"` |\n| `displayName` | `"Web"` |\n');
  });

  it('puts destructive changes first: deletes, then replaces, then creates and updates', () => {
    const order = [...md.matchAll(/<summary>\S+ <b>(\w+)<\/b>/g)].map((m) => m[1]);
    expect(order).toEqual(['delete', 'replace', 'create', 'create', 'update']);
  });

  it('names every delete and replace outside the collapsed blocks', () => {
    expect(md).toContain('> ⚠️ **This plan deletes or replaces 2 resources:** `app.s.key[k9]` (delete), `app.s.integration.sms` (replace)\n');
  });

  it('lists unmanaged resources in one collapsed list', () => {
    expect(md).toContain('<summary>❔ 1 unmanaged (live, not in the configuration; left alone, <code>--prune</code> deletes them)</summary>\n\n- `app.s.integration[i2]` (integration) — not in the configuration: web "Other"\n');
  });

  it('keeps table cells intact: pipes escaped, backticks fenced, no HTML entities inside code', () => {
    const odd = renderPlanMarkdown(plan({ changes: [{ address: 'app.s', kind: 'app', action: 'update', fields: [{ field: 'metadata.x', before: 'a|b', after: '<b>`x`</b>' }] }] }));
    expect(odd).toContain('| `metadata.x` | `"a\\|b"` | ``"<b>`x`</b>"`` |');
  });

  const many = Array.from({ length: 400 }, (_, i) => ({
    address: `app.s.integration.i${i}`, kind: 'integration' as const, action: 'create' as const,
    fields: [{ field: 'displayName', after: 'x'.repeat(200) }],
  }));
  const bigPlan = plan({ changes: many, summary: { create: 400, update: 0, replace: 0, delete: 0, unmanaged: 0 } });

  it('stays under GitHub\'s comment limit, cutting by whole resources and counting what it leaves out', () => {
    const big = renderPlanMarkdown(bigPlan);
    expect(big.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const shown = big.match(/<details>/g)!.length;
    expect(shown).toBeGreaterThan(50);
    expect(big.match(/<\/details>/g)!.length).toBe(shown);
    expect(big).toContain(`_${400 - shown} more resources are not shown: a comment holds at most 65536 characters. Run \`sunco-plan\` for the full plan._`);
  });

  it('says where the full plan is when told', () => {
    const url = 'https://github.example/acme/cfg/actions/runs/7';
    expect(renderPlanMarkdown(bigPlan, { fullPlanAt: url })).toContain(`characters. The full plan is at ${url}._`);
    expect(renderPlanMarkdown(bigPlan, { fullPlanAt: 'the job summary' })).toContain('characters. The full plan is in the job summary._');
    const whole = renderPlanMarkdown(bigPlan, { limit: 1_000_000 });
    expect(whole.match(/<details>/g)).toHaveLength(400);
    expect(whole).not.toContain('not shown');
  });
});
