/**
 * Credentials: the secrets file's keys work (for their own app only), app-scoped keys with a
 * pinned app, per-app credentials across two apps, and no secret in any output.
 */
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

interface Item { id: string; [k: string]: unknown }

async function appWithKey(name: string): Promise<{ appId: string; keyId: string; secret: string }> {
  const { app } = await h.api.post<{ app: Item }>('/v2/apps', { displayName: name });
  const { key } = await h.api.post<{ key: { id: string; secret: string } }>(`/v2/apps/${app.id}/keys`, { displayName: 'admin center key' });
  return { appId: app.id, keyId: key.id, secret: key.secret };
}

const channels = `
    integrations:
      web: { type: web, displayName: Website }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "https://bot.example.com/a", triggers: ["conversation:message"] }
`;

describe('credentials', () => {
  it('the secrets file holds an app key that authenticates for its own app only', async () => {
    const other = await h.api.post<{ app: Item }>('/v2/apps', { displayName: 'Other team' });
    const file = await h.write('a.yaml', 'version: 1\napps:\n  support:\n    displayName: Support\n    keys:\n      deployer: { displayName: CI deployer }\n');
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'out/../secrets.json']);
    expect(r.code).toBe(0);
    const saved = await h.secrets();
    const cred = saved['app.support.key.deployer']!;
    expect(cred.id).toMatch(/^app_/);
    const appId = (await h.api.listAll<Item>('/v2/apps', 'apps')).find((a) => a.displayName === 'Support')!.id;
    for (const auth of ['basic', 'jwt'] as const) {
      const scoped = createClient({ baseUrl: h.emu.url, auth, credentials: { keyId: cred.id, secret: cred.secret } });
      expect((await scoped.request('GET', `/v2/apps/${appId}`)).status).toBe(200);
      await expect(scoped.get(`/v2/apps/${other.app.id}`)).rejects.toMatchObject({ status: 403 });
      await expect(scoped.get('/v2/apps')).rejects.toMatchObject({ status: 403 });
    }
  });

  it('saves every generated secret of every kind, and each one is the live one', async () => {
    const file = resolve(import.meta.dirname, 'fixtures/every-kind.yaml');
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code).toBe(0);
    const saved = await h.secrets();
    const prefix = 'app.everything.integration';
    expect(Object.keys(saved).sort()).toEqual(
      ['app.everything.key.deployer', `${prefix}.bird`, `${prefix}.bot.key.runtime`, `${prefix}.bot.webhook.audit`, `${prefix}.bot.webhook.main`].sort(),
    );
    const [app] = await h.api.listAll<Item>('/v2/apps', 'apps');
    const integrations = await h.api.listAll<Item>(`/v2/apps/${app!.id}/integrations`, 'integrations');
    const bot = integrations.find((i) => i.type === 'custom')!;
    // The integration key authenticates, for its own integration only.
    const runtime = saved[`${prefix}.bot.key.runtime`]!;
    expect(runtime.id).toMatch(/^int_/);
    const intClient = createClient({ baseUrl: h.emu.url, auth: 'jwt', credentials: { keyId: runtime.id, secret: runtime.secret } });
    const hooks = await intClient.listAll<Item>(`/v2/apps/${app!.id}/integrations/${bot.id}/webhooks`, 'webhooks');
    await expect(intClient.get(`/v2/apps/${app!.id}/integrations/${integrations.find((i) => i.type === 'web')!.id}/webhooks`)).rejects.toMatchObject({ status: 403 });
    // Webhook secrets are the ones the API signs with (the list reads them back).
    for (const name of ['main', 'audit']) {
      const entry = saved[`${prefix}.bot.webhook.${name}`]!;
      expect(hooks.find((w) => w.id === entry.id)?.secret).toBe(entry.secret);
    }
    expect(saved[`${prefix}.bird`]).toMatchObject({ id: integrations.find((i) => i.type === 'messagebird')!.id, secret: expect.any(String) });
  });

  it('applies with an app-scoped key alone to an app pinned by id', async () => {
    const a = await appWithKey('Zendesk app');
    const file = await h.write('a.yaml', `version: 1\napps:\n  support:\n    id: "${a.appId}"\n    displayName: Zendesk app\n    metadata: { team: support }\n${channels}`);
    const env = { SUNCO_KEY_ID: a.keyId, SUNCO_KEY_SECRET: a.secret };
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const log = h.emu.requestLog.slice(mark);
    expect(log.every((e) => e.scope === 'app')).toBe(true);
    expect(log.some((e) => e.method === 'GET' && e.path === '/v2/apps')).toBe(false);
    expect(Object.keys(await h.secrets())).toEqual(['app.support.integration.bot.webhook.main']);
    const plan = await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env });
    expect(plan.code).toBe(0);
  });

  it('uses each app’s own credentials across two apps, with no global key', async () => {
    const a = await appWithKey('App A');
    const b = await appWithKey('App B');
    const app = (name: string, id: string, v: string) =>
      `  ${name}:\n    id: "${id}"\n    displayName: ${name === 'a' ? 'App A' : 'App B'}\n    credentials: { keyId: "\${${v}_ID}", secret: "\${${v}_SECRET}" }\n${channels.replace(/^ {4}/gm, '    ')}`;
    const file = await h.write('two.yaml', `version: 1\napps:\n${app('a', a.appId, 'A')}${app('b', b.appId, 'B')}`);
    const env = { SUNCO_KEY_ID: '', SUNCO_KEY_SECRET: '', A_ID: a.keyId, A_SECRET: a.secret, B_ID: b.keyId, B_SECRET: b.secret };
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const log = h.emu.requestLog.slice(mark);
    expect(log.filter((e) => e.method === 'POST').map((e) => e.path.split('/')[3]).sort()).toEqual([a.appId, a.appId, b.appId, b.appId].sort());
    expect(log.every((e) => e.scope === 'app' && e.status < 400)).toBe(true);
    expect(Object.keys(await h.secrets()).sort()).toEqual(['app.a.integration.bot.webhook.main', 'app.b.integration.bot.webhook.main']);
    expect((await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env })).code).toBe(0);
  });

  it('never prints a secret: not in text, --json or --debug output', async () => {
    const file = await h.write('a.yaml', `version: 1
apps:
  support:
    displayName: Support
    keys:
      deployer: { displayName: CI deployer }
    integrations:
      sms: { type: twilio, displayName: SMS, accountSid: AC1, authToken: "\${TWILIO_TOKEN}", phoneNumberSid: PN1 }
      tg: { type: telegram, displayName: Telegram, token: "tg-token-literal-value" }
${channels.split('\n').slice(2).join('\n')}`);
    const env = { TWILIO_TOKEN: 'twilio-token-from-env' };
    const outputs: string[] = [];
    for (const [i, extra] of [[], ['--json'], ['--debug'], ['--debug', '--json']].entries()) {
      const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', `s${i}.json`, ...extra], { env });
      expect(r.code).toBe(0);
      outputs.push(r.stdout, r.stderr);
      // Start from an empty account again, so that every run creates (and receives) new secrets.
      for (const a of await h.api.listAll<Item>('/v2/apps', 'apps')) await h.api.delete(`/v2/apps/${a.id}`);
    }
    const secrets = [0, 1, 2, 3].flatMap((i) => h.secrets(`s${i}.json`));
    const values = (await Promise.all(secrets)).flatMap((s) => Object.values(s).map((v) => v.secret));
    expect(values).toHaveLength(8);
    values.push('twilio-token-from-env', 'tg-token-literal-value', h.emu.accountKey.secret);
    const all = outputs.join('\n');
    expect(all).toContain('Apply complete');
    expect(all).toMatch(/POST/); // --debug did log requests
    for (const v of values) expect(all).not.toContain(v);
  });
});
