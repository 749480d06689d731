/**
 * docs/plan-json.md documents the plan JSON document "exactly as emitted": its example must have the
 * keys, in the order, that renderPlanJson writes for a plan with the same kinds of changes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import type { Plan } from '../../src/plan/types.js';
import { renderPlanJson } from '../../src/render/plan-json.js';
import { designConfig } from '../plan/design-config.js';
import { app, integration, loaded, node, SALT, state } from '../plan/fixtures.js';

type Json = Record<string, unknown>;

function documented(): Json {
  const page = readFileSync(new URL('../../docs/plan-json.md', import.meta.url), 'utf8');
  const section = page.slice(page.indexOf('<!-- section:plan-json -->'), page.indexOf('<!-- /section:plan-json -->'));
  const block = /\*\*JSON document\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(section);
  expect(block, 'the plan section has a ```json example').not.toBeNull();
  return JSON.parse(block![1]!) as Json;
}

/** A plan with an update (with fingerprints), a replace, a create and an unmanaged key. */
function emitted(): Json {
  const cfg = designConfig();
  const support = cfg.apps.support!;
  delete support.switchboard;
  delete support.keys;
  delete support.integrations!.website!.defaultResponder;
  delete support.integrations!.bot;
  support.settings = { echoPostback: false };
  const live = state(app({ id: 'a1', displayName: 'Acme Support', settings: { echoPostback: true }, metadata: { team: 'support' } }, {
    'app-key': [node('app-key', { id: 'k1', displayName: 'stray' })],
    integration: [integration({ id: 'i2', type: 'twilio', displayName: 'SMS', accountSid: 'AC0' })],
  }));
  delete cfg.apps.marketing;
  const plan: Plan = diff(loaded(cfg, ['app.support.integration.sms#authToken']), live, { salt: SALT });
  return JSON.parse(renderPlanJson(plan)) as Json;
}

/** Keys of every object in `list`, each list in the order emitted. */
const keysOf = (list: unknown): string[][] => (list as Json[]).map((o) => Object.keys(o));

/** True when `keys` appear in `order` (a subsequence): optional keys left out, never reordered. */
function inOrder(keys: string[], order: string[]): boolean {
  let at = 0;
  for (const k of keys) {
    at = order.indexOf(k, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

describe('docs/plan-json.md: the plan JSON document', () => {
  const doc = documented();
  const real = emitted();

  it('has the emitted top-level keys, summary keys and step keys, in order', () => {
    expect(Object.keys(doc)).toEqual(Object.keys(real));
    expect(Object.keys(doc.summary as Json)).toEqual(Object.keys(real.summary as Json));
    for (const keys of [...keysOf(doc.steps), ...keysOf(real.steps)]) expect(keys).toEqual(['id', 'method', 'path', 'dependsOn']);
  });

  it('orders change and field keys as the planner emits them', () => {
    const changeOrder = ['address', 'kind', 'action', 'fields', 'reason', 'liveId'];
    const fieldOrder = ['field', 'before', 'after', 'sensitive', 'forcesReplacement'];
    const changes = [...(doc.changes as Json[]), ...(real.changes as Json[])];
    for (const keys of keysOf(changes)) expect(inOrder(keys, changeOrder), keys.join(',')).toBe(true);
    for (const c of changes) for (const keys of keysOf(c.fields)) expect(inOrder(keys, fieldOrder), keys.join(',')).toBe(true);
    // The emitted plan shows the same kinds of change as the example.
    expect(new Set((real.changes as Json[]).map((c) => c.action))).toEqual(new Set((doc.changes as Json[]).map((c) => c.action)));
  });

  it('is consistent: the summary counts the changes', () => {
    const count = (d: Json, action: string) => (d.changes as Json[]).filter((c) => c.action === action).length;
    for (const [action, n] of Object.entries(doc.summary as Record<string, number>)) expect(count(doc, action), action).toBe(n);
    expect(doc.hasChanges).toBe((doc.steps as unknown[]).length > 0);
  });
});
