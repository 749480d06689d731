import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import { executePlan } from '../../src/apply/executor.js';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import type { LoadedConfig, SuncoConfig } from '../../src/config/types.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { makePlan } from '../../src/cli/make-plan.js';
import { isValidOrder } from '../../src/plan/order.js';
import type { Plan } from '../../src/plan/types.js';
import { designConfig } from './design-config.js';
import { loaded } from './fixtures.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const TOKEN = 'app.support.integration.sms#authToken';

async function setup(): Promise<{ client: ApiClient; keyId: string }> {
  emu = await startEmulator({ port: 0 });
  return { client: createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey }), keyId: emu.accountKey.keyId };
}

/** Plans, applies with the real applier, and returns the plan that was applied. */
async function converge(client: ApiClient, keyId: string, cfg: LoadedConfig, prune = false): Promise<Plan> {
  const { plan } = await makePlan({ loaded: cfg, client, keyId, prune });
  expect(isValidOrder(plan.steps)).toBe(true);
  const secrets = new SecretsFile(join(mkdtempSync(join(tmpdir(), 'sunco-rt-')), 'secrets.json'));
  const report = await executePlan({ plan, client, config: cfg.config, secrets });
  expect(report.failed).toEqual([]);
  return plan;
}

async function expectConverged(client: ApiClient, keyId: string, cfg: LoadedConfig, prune = false): Promise<void> {
  const { plan } = await makePlan({ loaded: cfg, client, keyId, prune });
  expect(plan.changes.filter((c) => c.action !== 'unmanaged')).toEqual([]);
  expect(plan.steps).toEqual([]);
}

const withConfig = (edit: (c: SuncoConfig) => void): LoadedConfig => {
  const c = designConfig();
  edit(c);
  return loaded(c, [TOKEN]);
};

describe('plan → apply → plan against the emulator', () => {
  it('creates the design example, then plans no changes (no phantom diff)', async () => {
    const { client, keyId } = await setup();
    const first = await converge(client, keyId, loaded(designConfig(), [TOKEN]));
    expect(first.summary.create).toBe(13);
    await expectConverged(client, keyId, loaded(designConfig(), [TOKEN]));
  });

  it('replaces an integration a switchboard integration points to (create, repoint, delete), then converges', async () => {
    const { client, keyId } = await setup();
    await converge(client, keyId, loaded(designConfig(), [TOKEN]));
    // Route the agent entry through the twilio integration, then change a field that forces replacement.
    const routed = (sid: string) => withConfig((c) => {
      const sms = c.apps.support!.integrations!.sms!;
      sms.accountSid = sid;
      c.apps.support!.switchboard!.integrations!.agent = { integration: 'sms', messageHistoryCount: 10, next: 'bot' };
    });
    await converge(client, keyId, routed('AC0123456789'));
    const replaced = await converge(client, keyId, routed('AC999'));
    expect(replaced.steps.map((s) => s.id)).toEqual([
      'app.support.integration.sms:create',
      'app.support.switchboard.integration.agent:update',
      'app.support.integration.sms:delete',
      // Binds app.support.integration.sms to the new object (bookkeeping, not a change).
      'app.support:bookkeeping',
    ]);
    // The token is re-sent unchanged: its fingerprint stays, so the app is not touched and no
    // field reads "X → X" (the repointed integrationId names the old object's id).
    expect(replaced.changes.map((c) => [c.address, c.action])).toEqual([
      ['app.support.integration.sms', 'replace'],
      ['app.support.switchboard.integration.agent', 'update'],
    ]);
    expect(replaced.summary).toMatchObject({ update: 1, replace: 1 });
    const agent = replaced.changes[1]!.fields;
    expect(agent).toEqual([{ field: 'integrationId', before: { $ref: `id:${replaced.liveIds['app.support.integration.sms']}` }, after: { $ref: 'app.support.integration.sms' } }]);
    await expectConverged(client, keyId, routed('AC999'));
  });

  it('deletes a switchboard integration that is the default and someone’s next, after moving both', async () => {
    const { client, keyId } = await setup();
    await converge(client, keyId, loaded(designConfig(), [TOKEN]));
    const without = withConfig((c) => {
      const sb = c.apps.support!.switchboard!;
      sb.default = 'agent';
      delete sb.integrations!.bot;
      delete sb.integrations!.agent!.next;
      delete c.apps.support!.integrations!.website!.defaultResponder;
    });
    const plan = await converge(client, keyId, without, true);
    expect(plan.summary.delete).toBe(1);
    await expectConverged(client, keyId, without, true);
  });

  it('records a new token under a changed value and converges again', async () => {
    const { client, keyId } = await setup();
    await converge(client, keyId, loaded(designConfig(), [TOKEN]));
    const rotated = withConfig((c) => {
      c.apps.support!.integrations!.sms!.authToken = 'tok-2';
    });
    const plan = await converge(client, keyId, rotated);
    expect(plan.changes.find((c) => c.address === 'app.support.integration.sms')!.action).toBe('replace');
    await expectConverged(client, keyId, rotated);
  });
});
