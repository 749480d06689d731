import { describe, expect, it } from 'vitest';
import { approve } from '../../src/cli/approve.js';
import type { ApplyReport } from '../../src/apply/types.js';
import { UserError } from '../../src/errors.js';
import { fakeIO } from '../helpers/io.js';
import { progressLine } from '../../src/render/apply-progress.js';
import { applyJson, renderApplyReport } from '../../src/render/apply-report.js';

const counts = { created: 1, updated: 0, replaced: 0, deleted: 0 };

describe('apply progress and report', () => {
  it('prints one line per finished step, coloured only when asked', () => {
    const ev = { type: 'applied' as const, result: { stepId: 's', address: 'app.a.key.ci', operation: 'create' as const, ids: { 'app.a.key.ci': 'app_1' }, ms: 12 } };
    expect(progressLine(ev, 14, false)).toBe('app.a.key.ci    create  created app_1  (12 ms)');
    expect(progressLine(ev, 14, true)).toContain('\u001b[32mcreated app_1\u001b[39m');
    const failed = { type: 'failed' as const, result: { stepId: 'f', address: 'app.a', operation: 'update' as const, status: 400, code: 'bad_request', title: 'bad', message: 'm', ms: 3 } };
    expect(progressLine(failed, 5, false)).toBe('app.a  update  FAILED 400 bad_request  (3 ms)');
  });

  it('summarises a complete apply in one line', () => {
    const report: ApplyReport = { applied: [], failed: [], skipped: [], lostSecrets: [], secretsSaved: ['app.a.key.ci'] };
    const text = renderApplyReport(report, { counts, secretsFile: 's.json', color: false });
    expect(text).toBe('Saved 1 generated secret to s.json (mode 0600).\nApply complete: 1 created, 0 updated, 0 replaced, 0 deleted.\n');
  });

  it('reports applied, failed and skipped steps after a failure', () => {
    const report: ApplyReport = {
      applied: [{ stepId: 'a', address: 'app.a', operation: 'create', ids: { 'app.a': 'id1' }, ms: 1 }],
      failed: [{ stepId: 'b', address: 'app.a.integration.web', operation: 'create', status: 400, code: 'bad_request', title: 'brandColor is invalid', message: 'POST /v2/apps/id1/integrations failed: 400 bad_request: brandColor is invalid', ms: 2 }],
      skipped: [{ stepId: 'c', address: 'app.a.switchboard', operation: 'update', because: { stepId: 'b', address: 'app.a.integration.web' } }],
      lostSecrets: [{ address: 'app.a.key.ci', id: 'app_9', recovery: 'delete the key and re-apply' }],
      secretsSaved: [],
    };
    const text = renderApplyReport(report, { counts, color: false });
    expect(text).toContain('Warning: the secret of app.a.key.ci (app_9) was not saved: delete the key and re-apply.');
    expect(text).toContain('Apply failed: 1 step failed, 1 skipped.');
    expect(text).toContain('Applied:\n  app.a  create  id1');
    expect(text).toContain('Failed:\n  app.a.integration.web  create  400 bad_request: brandColor is invalid');
    expect(text).toContain('Skipped:\n  app.a.switchboard  update  (depends on app.a.integration.web, which failed)');
    const json = applyJson(report, { counts }) as Record<string, unknown>;
    expect(json).toMatchObject({ formatVersion: 1, status: 'failed', summary: { created: 1, failed: 1, skipped: 1 } });
  });
});

const io = (answer: string, tty: boolean) => fakeIO({ stdin: answer, stdinIsTTY: tty, stdoutIsTTY: tty, cwd: '/' });

describe('approve', () => {
  it("accepts only 'yes' on a terminal", async () => {
    const ok = io('yes\n', true);
    await approve(ok, false);
    expect(ok.out()).toContain("Apply these changes? Only 'yes' is accepted");
    await expect(approve(io('y\n', true), false)).rejects.toThrow('Apply cancelled');
    await expect(approve(io('', true), false)).rejects.toThrow('Apply cancelled');
  });

  it('refuses without a terminal unless --yes', async () => {
    await expect(approve(io('yes\n', false), false)).rejects.toThrow(UserError);
    await expect(approve(io('yes\n', false), false)).rejects.toThrow('CI must be explicit: pass --yes');
    await expect(approve(io('', false), true)).resolves.toBeUndefined();
  });
});
