/**
 * Failure handling through the CLI: an API error mid-apply, lost create responses, stale plan
 * files, approval, and the refusal to create secrets with nowhere to save them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, requests, writes } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = `
version: 1
apps:
  support:
    displayName: Support
    keys:
      ci: { displayName: CI deployer }
    integrations:
      web: { type: web, displayName: Website, defaultResponder: botdesk }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "https://bot.example.com/a", triggers: ["conversation:message"] }
    switchboard:
      enabled: true
      default: botdesk
      integrations:
        botdesk: { integration: bot, next: agent }
        agent: { integrationType: "zd:agentWorkspace", next: botdesk }
`;

interface Item { id: string; [k: string]: unknown }

describe('failures', () => {
  it('an API error mid-apply: dependents skipped, others applied, exit 1; a re-run converges', async () => {
    const file = await h.write('a.yaml', config);
    h.proxy.failNext((m, p) => m === 'POST' && /\/integrations$/.test(p), 400, 'bad_request', 'Injected failure');
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Apply failed: 1 step failed');
    expect(r.stdout).toMatch(/Failed:\n {2}app\.support\.integration\.\w+ {2}create {2}400 bad_request: Injected failure/);
    expect(r.stdout).toMatch(/Skipped:\n(.*\n)* {2}app\.support\.\S+ {2}\w+ {2}\(depends on app\.support\.integration\.\w+, which failed\)/);
    expect(r.stdout).toMatch(/Applied:\n {2}app\.support {2}create/);
    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Apply complete:');
    const plan = await h.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(plan.code).toBe(0);
  });

  it('--json reports a failure as one document on stdout, and exits 1', async () => {
    const file = await h.write('a.yaml', config);
    h.proxy.failNext((m, p) => m === 'POST' && /\/keys$/.test(p), 400, 'bad_request', 'Injected failure');
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { status: string; failed: { address: string; code: string }[]; applied: { address: string; ids?: Record<string, string> }[] };
    expect(doc.status).toBe('failed');
    expect(doc.failed).toMatchObject([{ address: 'app.support.key.ci', code: 'bad_request' }]);
    expect(doc.applied.find((a) => a.address === 'app.support')!.ids!['app.support']).toMatch(/^[0-9a-f]{24}$/);
  });

  it('committed-then-lost create responses: adopted, no duplicates, plan empty', async () => {
    const file = await h.write('a.yaml', config);
    // Lose the answer of the app, key, integration and switchboard creates (after they are committed).
    h.proxy.loseNext((m) => m === 'POST', 4);
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(h.proxy.lost).toHaveLength(4);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('adopted');
    const apps = await h.api.listAll<Item>('/v2/apps', 'apps');
    expect(apps).toHaveLength(1);
    const integrations = await h.api.listAll<Item>(`/v2/apps/${apps[0]!.id}/integrations`, 'integrations');
    expect(integrations.map((i) => i.type).sort()).toEqual(['custom', 'web']);
    expect((await h.api.listAll<Item>(`/v2/apps/${apps[0]!.id}/keys`, 'keys')).map((k) => k.displayName)).toEqual(['CI deployer']);
    const sbs = (await h.api.get<{ switchboards: Item[] }>(`/v2/apps/${apps[0]!.id}/switchboards`)).switchboards;
    expect(sbs).toHaveLength(1);
    const plan = await h.cli(['plan', '-f', file, '--detailed-exitcode']);
    expect(plan.code).toBe(0);
  });

  it('a stale plan file is refused, listing what changed; a fresh one applies without asking', async () => {
    const file = await h.write('a.yaml', config.replace(/ {4}keys:\n.*\n/, ''));
    expect((await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'])).code).toBe(0);
    await h.write('a.yaml', config.replace(/ {4}keys:\n.*\n/, '').replace('displayName: Website,', 'displayName: Website, brandColor: "112233",'));
    expect((await h.cli(['plan', '-f', file, '--out', 'p.json'])).code).toBe(0);
    // Someone changes the web integration meanwhile.
    const [app] = await h.api.listAll<Item>('/v2/apps', 'apps');
    const web = (await h.api.listAll<Item>(`/v2/apps/${app!.id}/integrations`, 'integrations')).find((i) => i.type === 'web')!;
    await h.api.patch(`/v2/apps/${app!.id}/integrations/${web.id}`, { brandColor: 'abcdef' });
    const mark = h.emu.requestLog.length;
    const stale = await h.cli(['apply', 'p.json', '-f', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the plan file p.json is stale; nothing was applied');
    expect(stale.stderr).toContain('app.support.integration.web changed');
    expect(stale.stderr).not.toContain('pass the same -f');
    expect(writes(h.emu, mark)).toEqual([]);
    // A fresh plan file is the approval: no TTY, no --yes, and it applies.
    expect((await h.cli(['plan', '-f', file, '--out', 'p2.json'])).code).toBe(0);
    const ok = await h.cli(['apply', 'p2.json', '-f', file]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Apply complete: 0 created, 1 updated');
    // A changed config (or variable) also makes it stale.
    expect((await h.cli(['plan', '-f', file, '--out', 'p3.json'])).code).toBe(0);
    await h.write('a.yaml', config.replace(/ {4}keys:\n.*\n/, '').replace('Website', 'Web site'));
    const changed = await h.cli(['apply', 'p3.json', '-f', file]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('the configuration changed since the plan was made');
  });

  it('a plan file is stale when a variable changed since, even one behind a write-only field', async () => {
    const file = await h.write('v.yaml', 'version: 1\napps:\n  support:\n    displayName: Support\n    integrations:\n      sms: { type: twilio, displayName: SMS, accountSid: AC1, authToken: "${TWILIO_TOKEN}", phoneNumberSid: PN1 }\n');
    expect((await h.cli(['plan', '-f', file, '--out', 'p.json'], { env: { TWILIO_TOKEN: 'token-at-plan-time' } })).code).toBe(0);
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', 'p.json', '-f', file], { env: { TWILIO_TOKEN: 'token-at-apply-time' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the plan file p.json is stale; nothing was applied');
    expect(r.stderr).toContain('variable values differ');
    expect(r.stderr).toContain('pass the same --var (and environment) as sunco-plan had');
    expect(r.stdout + r.stderr).not.toMatch(/token-at-(plan|apply)-time/);
    expect(writes(h.emu, mark)).toEqual([]);
    // The same value as at plan time: the plan applies, and sends that value.
    expect((await h.cli(['apply', 'p.json', '-f', file], { env: { TWILIO_TOKEN: 'token-at-plan-time' } })).code).toBe(0);
    expect(JSON.stringify(h.emu.store.state.provisioning)).toContain('"token-at-plan-time"');
  });

  it('refuses without a terminal and without --yes, before any write', async () => {
    const file = await h.write('a.yaml', config);
    const r = await h.cli(['apply', '-f', file, '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Plan: ');
    expect(r.stderr).toContain('CI must be explicit: pass --yes');
    expect(writes(h.emu)).toEqual([]);
  });

  it("asks on a terminal and applies only after 'yes'", async () => {
    const file = await h.write('a.yaml', config);
    const no = await h.cli(['apply', '-f', file, '--secrets-out', 'secrets.json'], { stdinIsTTY: true, stdin: 'no\n' });
    expect(no.stdout).toContain("Apply these changes? Only 'yes' is accepted");
    expect(no.code).toBe(1);
    expect(writes(h.emu)).toEqual([]);
    const yes = await h.cli(['apply', '-f', file, '--secrets-out', 'secrets.json'], { stdinIsTTY: true, stdin: 'yes\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Apply complete:');
  });

  it('without --secrets-out, a plan creating secrets is refused before any write (a plan file: before any request)', async () => {
    const file = await h.write('a.yaml', config);
    const r = await h.cli(['apply', '-f', file, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no --secrets-out FILE was given');
    expect(r.stderr).toContain('app.support.key.ci');
    expect(r.stderr).toContain('app.support.integration.bot.webhook.main');
    expect(writes(h.emu)).toEqual([]);
    expect((await h.cli(['plan', '-f', file, '--out', 'p.json'])).code).toBe(0);
    const mark = h.emu.requestLog.length;
    const withPlan = await h.cli(['apply', 'p.json', '-f', file]);
    expect(withPlan.code).toBe(1);
    expect(withPlan.stderr).toContain('no --secrets-out FILE was given');
    expect(requests(h.emu, mark)).toEqual([]);
  });

  it('--target applies only that resource and what it depends on; a plan file refuses --target', async () => {
    const file = await h.write('a.yaml', config.replace(', defaultResponder: botdesk', ''));
    const r = await h.cli(['apply', '-f', file, '--yes', '--target', 'app.support.integration.web']);
    expect(r.code).toBe(0);
    const posts = h.emu.requestLog.filter((e) => e.method === 'POST').map((e) => e.path.replace(/[0-9a-f]{24}/g, ':id'));
    expect(posts).toEqual(['/v2/apps', '/v2/apps/:id/integrations']);
    expect((await h.cli(['plan', '-f', file, '--out', 'p.json'])).code).toBe(0);
    const withPlan = await h.cli(['apply', 'p.json', '-f', file, '--target', 'app.support']);
    expect(withPlan.code).toBe(1);
    expect(withPlan.stderr).toContain('--target and --prune cannot be combined with a plan file');
  });
});
