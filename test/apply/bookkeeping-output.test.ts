/**
 * Issue 13, failure 3: bookkeeping showed as changes. Plans printed
 * `~ metadata.sunco:fingerprints: … → …`, apply logged `app.x update done` while its summary
 * said 0 updated, and a failed fingerprint write read `app.x update 500`. Bookkeeping is now
 * one note in the plan, its own `bookkeeping` step in the log, and never counted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const adopted = 'version: 1\napps:\n  a:\n    displayName: Adopted\n    integrations:\n      tg: { type: telegram, displayName: Telegram, token: "tg:1" }\n';

async function adopt(): Promise<string> {
  const app = await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Adopted' });
  await h.api.post(`/v2/apps/${app.app.id}/integrations`, { type: 'telegram', displayName: 'Telegram', token: 'tg:1' });
  return app.app.id;
}

describe('bookkeeping is not a change', () => {
  it('a bookkeeping-only plan shows no field and counts nothing; apply logs it as bookkeeping, not "update done"', async () => {
    await adopt();
    const file = await h.write('sunco.yaml', adopted);
    const plan = await h.cli(['plan', '-f', file]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).not.toContain('sunco:');
    expect(plan.stdout).not.toContain('will be updated');
    expect(plan.stdout).toContain('Notes:\n  - sunco records its bookkeeping');
    expect(plan.stdout).toContain('No changes. Live state matches the configuration.');
    const apply = await h.cli(['apply', '-f', file, '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/app\.a +bookkeeping +recorded \(bindings and fingerprints in app metadata\)/);
    expect(apply.stdout).not.toMatch(/app\.a +update/);
    expect(apply.stdout).toContain('Apply complete: 0 created, 0 updated, 0 replaced, 0 deleted.');
    const again = await h.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Notes:');
  });

  it('a pure rename shows only the renamed field, never the reserved keys', async () => {
    const file = await h.write('sunco.yaml', adopted);
    await adopt();
    expect((await h.cli(['apply', '-f', file, '--yes'])).code).toBe(0);
    const renamed = await h.write('sunco.yaml', adopted.replace('displayName: Telegram', 'displayName: Telegram bot'));
    const plan = await h.cli(['plan', '-f', renamed]);
    expect(plan.stdout).toContain('      ~ displayName: "Telegram" → "Telegram bot"\n');
    expect(plan.stdout).not.toContain('metadata');
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.');
    const apply = await h.cli(['apply', '-f', renamed, '--yes']);
    expect(apply.stdout).toContain('Apply complete: 0 created, 1 updated, 0 replaced, 0 deleted.');
  });

  it('a failed bookkeeping write is named as the bookkeeping write of its app, not as an update', async () => {
    const id = await adopt();
    const file = await h.write('sunco.yaml', adopted);
    h.proxy.failNext((m, p) => m === 'PATCH' && p === `/v2/apps/${id}`, 400, 'bad_request', 'Injected failure');
    const apply = await h.cli(['apply', '-f', file, '--yes']);
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/app\.a +bookkeeping +FAILED 400 bad_request/);
    expect(apply.stdout).toContain('Failed:\n  app.a  bookkeeping  400 bad_request: Injected failure');
    expect(apply.stdout).not.toMatch(/app\.a +update/);
    expect(apply.stdout).toContain('Applied so far: 0 created, 0 updated, 0 replaced, 0 deleted.');
  });
});
