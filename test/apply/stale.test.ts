/**
 * `sunco-apply PLANFILE` runs the steps it derives now from the config and live state, and only
 * when they equal the saved ones: an edited step is refused, never run. Staleness is about what
 * the plan depends on (managed fields, ids), not about fields the config does not manage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { type Harness, harness, writes } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

interface Item { id: string; [k: string]: unknown }

const config = 'version: 1\napps:\n  support:\n    displayName: Support\n    integrations:\n      web: { type: web, displayName: Website }\n';

async function edit(name: string, change: (plan: Plan) => void): Promise<void> {
  const file = join(h.dir, name);
  const plan = JSON.parse(await readFile(file, 'utf8')) as Plan;
  change(plan);
  await writeFile(file, JSON.stringify(plan, null, 2));
}

describe('a saved plan is re-derived, never trusted as written', () => {
  it('an added DELETE of an app outside the config is refused and nothing is written', async () => {
    await h.write('sunco.yaml', config);
    const other = await h.api.post<{ app: Item }>('/v2/apps', { displayName: 'Other' });
    expect((await h.cli(['plan', '--out', 'p.json'])).code).toBe(0);
    await edit('p.json', (plan) => {
      plan.steps.push({ id: 'app.other:delete', address: 'app.other', kind: 'app', operation: 'delete', method: 'DELETE', path: `/v2/apps/${other.app.id}`, dependsOn: [], app: 'other' });
    });
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', 'p.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the plan file p.json is stale; nothing was applied');
    expect(r.stderr).toContain('the saved steps are not the ones the config and the live state give now (was the plan file edited?): app.other');
    expect(writes(h.emu, mark)).toEqual([]);
    expect((await h.api.listAll<Item>('/v2/apps', 'apps')).map((a) => a.displayName).sort()).toEqual(['Other']);
  });

  it('a step body edited to send a $secret into metadata is refused', async () => {
    await h.write('sunco.yaml', 'version: 1\napps:\n  support:\n    displayName: Support\n    integrations:\n      sms: { type: twilio, displayName: SMS, accountSid: AC1, authToken: "${TOKEN}", phoneNumberSid: PN1 }\n');
    const env = { TOKEN: 'tok-secret-1' };
    expect((await h.cli(['plan', '--out', 'p.json'], { env })).code).toBe(0);
    await edit('p.json', (plan) => {
      const create = plan.steps.find((s) => s.id === 'app.support:create')!;
      create.body = { ...(create.body as object), metadata: { leak: { $secret: 'app.support.integration.sms#authToken' } } };
    });
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', 'p.json'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(was the plan file edited?): app.support');
    expect(r.stdout + r.stderr).not.toContain('tok-secret-1');
    expect(writes(h.emu, mark)).toEqual([]);
    expect(JSON.stringify(h.emu.store.state)).not.toContain('tok-secret-1');
    // The file as sunco-plan wrote it applies.
    expect((await h.cli(['plan', '--out', 'p2.json'], { env })).code).toBe(0);
    const ok = await h.cli(['apply', 'p2.json'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Apply complete: 2 created');
  });
});

describe('staleness covers what the config manages', () => {
  it('an edit of an unmanaged field leaves the plan valid; a managed one makes it stale, naming the address', async () => {
    await h.write('sunco.yaml', config);
    expect((await h.cli(['apply', '--yes'])).code).toBe(0);
    await h.write('sunco.yaml', config.replace('displayName: Website', 'displayName: Web site'));
    const [app] = await h.api.listAll<Item>('/v2/apps', 'apps');
    const web = (await h.api.listAll<Item>(`/v2/apps/${app!.id}/integrations`, 'integrations')).find((i) => i.type === 'web')!;

    expect((await h.cli(['plan', '--out', 'p.json'])).code).toBe(0);
    // brandColor is not in the config: someone may change it without invalidating the plan.
    await h.api.patch(`/v2/apps/${app!.id}/integrations/${web.id}`, { brandColor: 'abcdef' });
    const ok = await h.cli(['apply', 'p.json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Apply complete: 0 created, 1 updated');

    await h.write('sunco.yaml', config.replace('displayName: Website', 'displayName: Site'));
    expect((await h.cli(['plan', '--out', 'p2.json'])).code).toBe(0);
    await h.api.patch(`/v2/apps/${app!.id}/integrations/${web.id}`, { displayName: 'Someone else' });
    const mark = h.emu.requestLog.length;
    const stale = await h.cli(['apply', 'p2.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the plan file p2.json is stale; nothing was applied');
    expect(stale.stderr).toContain('app.support.integration.web changed');
    expect(writes(h.emu, mark)).toEqual([]);
  });
});

describe('a saved plan holding sensitive values (masked in the file) applies', () => {
  it('an app displayName and a webhook target from sensitive variables: the plan file is not refused as edited', async () => {
    await h.write('sunco.yaml', 'version: 1\nvariables:\n  NAME: { sensitive: true }\n  HOOK: { sensitive: true }\napps:\n  support:\n    displayName: "${NAME}"\n');
    const env = { NAME: 'Hidden Brand Name', HOOK: 'https://hidden.example/hook' };
    expect((await h.cli(['apply', '--yes'], { env })).code).toBe(0);
    await h.write('sunco.yaml', 'version: 1\nvariables:\n  NAME: { sensitive: true }\n  HOOK: { sensitive: true }\napps:\n  support:\n    displayName: "${NAME}"\n  other:\n    displayName: "${NAME} 2"\n    integrations:\n      bot:\n        type: custom\n        displayName: Bot\n        webhooks:\n          main: { target: "${HOOK}", triggers: [conversation:message] }\n');
    expect((await h.cli(['plan', '--out', 'p.json'], { env })).code).toBe(0);
    const text = await readFile(join(h.dir, 'p.json'), 'utf8');
    expect(text).not.toContain('Hidden Brand Name');
    // The adopt step's match holds a placeholder, not the value (masking skips values under 4 characters).
    expect(JSON.parse(text).steps.find((st: { id: string }) => st.id === 'app.other:create').adopt.match).toEqual({ displayName: { $secret: 'app.other#displayName' } });
    const r = await h.cli(['apply', 'p.json', '--secrets-out', 'secrets.json'], { env });
    expect(r.stderr).not.toContain('stale');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 3 created');
    expect((await h.api.listAll<Item>('/v2/apps', 'apps')).map((a) => a.displayName).sort()).toEqual(['Hidden Brand Name', 'Hidden Brand Name 2']);
  });
});

describe('a short sensitive value', () => {
  it('is not written into a plan file (masking by value skips values under 4 characters): the adopt match holds a placeholder', async () => {
    await h.write('sunco.yaml', 'version: 1\nvariables:\n  TEAM: { sensitive: true }\napps:\n  support:\n    displayName: "${TEAM}"\n');
    const env = { TEAM: 'Zq9' };
    expect((await h.cli(['plan', '--out', 'short.json'], { env })).code).toBe(0);
    expect(await readFile(join(h.dir, 'short.json'), 'utf8')).not.toContain('Zq9');
    const r = await h.cli(['apply', 'short.json'], { env });
    expect(r.code).toBe(0);
    expect((await h.api.listAll<Item>('/v2/apps', 'apps')).map((a) => a.displayName)).toContain('Zq9');
  });
});
