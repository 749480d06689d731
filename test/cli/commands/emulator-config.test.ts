/**
 * `sunco emulator --config FILE`: the emulator starts with the config applied by the real
 * plan and apply machinery. Its state equals applying that config: a plan against it is
 * empty, and --secrets-out holds the generated secrets, equal to the live ones.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorEvents } from '../../../src/cli/commands/emulator-run.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { caller } from '../../helpers/emulator.js';
import { runCli } from '../../helpers/cli.js';
import { startReceiver } from '../../emulator/webhooks/receiver.js';

const CONFIG = `version: 1
apps:
  bot:
    displayName: Bot app
    settings: { multiConvoEnabled: true }
    keys:
      deployer: { displayName: deployer }
    integrations:
      bot:
        type: custom
        displayName: My bot
        webhooks:
          main:
            target: \${BOT_URL}
            triggers: [conversation:message]
            includeFullUser: true
        keys:
          runtime: { displayName: runtime }
      web:
        type: web
        displayName: Website
`;

async function runEmulator(args: string[], cwd: string, whileRunning: (emu: RunningEmulator) => Promise<void>) {
  const started = new Promise<RunningEmulator>((resolve) => emulatorEvents.once('started', resolve));
  const result = runCli(['emulator', '--port', '0', '--key', 'act_cfg:cfg-secret', ...args], { cwd });
  const emu = await Promise.race([started, result.then((r) => Promise.reject(new Error(`exited early (${r.code}): ${r.stderr}`)))]);
  await whileRunning(emu);
  process.emit('SIGTERM');
  return result;
}

describe('sunco emulator --config', () => {
  it('starts with the config applied: planning it again is empty, and the secrets file holds the live secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-emu-config-'));
    writeFileSync(join(dir, 'sunco.yaml'), CONFIG);
    writeFileSync(join(dir, 'bot.env'), 'BOT_URL=http://127.0.0.1:3000/hook\n');
    const env = { SUNCO_KEY_ID: 'act_cfg', SUNCO_KEY_SECRET: 'cfg-secret' };
    let plan = { code: -1, stdout: '', stderr: '' };
    let live: { webhook: string; key: string; appKey: string } = { webhook: '', key: '', appKey: '' };
    const r = await runEmulator(['--config', 'sunco.yaml', '--var-file', 'bot.env', '--secrets-out', 'secrets.json'], dir, async (emu) => {
      plan = await runCli(['plan', '-f', 'sunco.yaml', '--var-file', 'bot.env', '--detailed-exitcode', '--api-url', emu.url], { cwd: dir, env: { ...env, SUNCO_API_URL: emu.url } });
      const call = caller(emu);
      const app = emu.store.state.provisioning.apps.find((a) => a.displayName === 'Bot app');
      const bot = app?.integrations.find((i) => i.type === 'custom');
      const hooks = await call('GET', `/v2/apps/${app?.id}/integrations/${bot?.id}/webhooks`);
      live = { webhook: hooks.body.webhooks[0].secret, key: bot?.keys[0]?.secret ?? '', appKey: app?.keys[0]?.secret ?? '' };
      expect(hooks.body.webhooks[0]).toMatchObject({ target: 'http://127.0.0.1:3000/hook', triggers: ['conversation:message'], includeFullUser: true });
      expect(app?.integrations.map((i) => i.type).sort()).toEqual(['custom', 'web']);
      expect(app?.settings).toMatchObject({ multiConvoEnabled: true });
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Applying sunco\.yaml to the emulator\.\n/);
    expect(r.stdout).toMatch(/sunco emulator listening on http:\/\/127\.0\.0\.1:\d+ \(account key act_cfg\)\n$/);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
    const saved = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as Record<string, { secret: string }>;
    expect(saved['app.bot.integration.bot.webhook.main']?.secret).toBe(live.webhook);
    expect(saved['app.bot.integration.bot.key.runtime']?.secret).toBe(live.key);
    expect(saved['app.bot.key.deployer']?.secret).toBe(live.appKey);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    for (const s of [live.webhook, live.key, live.appKey]) expect(r.stdout + r.stderr).not.toContain(s);
  });

  it('refuses a config that creates secrets without --secrets-out, and a bad config, before listening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-emu-config-'));
    writeFileSync(join(dir, 'sunco.yaml'), CONFIG);
    const noSecrets = await runCli(['emulator', '--port', '0', '--config', 'sunco.yaml', '--var', 'BOT_URL=http://127.0.0.1:1/'], { cwd: dir });
    expect(noSecrets.code).toBe(1);
    expect(noSecrets.stderr).toContain('no --secrets-out FILE was given');
    expect(noSecrets.stdout).not.toContain('listening');
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\napps:\n  a:\n    displayName: 3\n');
    const bad = await runCli(['emulator', '--port', '0', '--config', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:4');
    const stray = await runCli(['emulator', '--port', '0', '--secrets-out', 's.json'], { cwd: dir });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('go with --config FILE');
  });

  it('prints one line per webhook delivery, unless --quiet; --webhook-retry-base-ms compresses retries', async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'sunco-emu-config-'));
    writeFileSync(join(dir, 'sunco.yaml'), CONFIG);
    const message = async (emu: RunningEmulator) => {
      const call = caller(emu);
      const app = emu.store.state.provisioning.apps[0];
      const u = await call('POST', `/v2/apps/${app?.id}/users`, { body: { externalId: 'ada' } });
      const c = await call('POST', `/v2/apps/${app?.id}/conversations`, { body: { type: 'personal', participants: [{ userId: u.body.user.id }] } });
      await call('POST', `/v2/apps/${app?.id}/conversations/${c.body.conversation.id}/messages`, { body: { author: { type: 'user', userId: u.body.user.id }, content: { type: 'text', text: 'hi' } } });
      await emu.webhooks.idle();
    };
    const args = ['--config', 'sunco.yaml', '--var', `BOT_URL=${receiver.url}`, '--secrets-out', 's.json', '--webhook-retry-base-ms', '1'];
    receiver.answers.push(500);
    const loud = await runEmulator(args, dir, message);
    const quiet = await runEmulator([...args, '--quiet'], dir, message);
    await receiver.close();
    const lines = loud.stdout.split('\n').filter((l) => l.startsWith('-->'));
    const url = receiver.url.replace(/[.]/g, '\\.');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^--> conversation:message  ${url}  500  \\d+ ms  \\(will retry\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^--> conversation:message  ${url}  200  \\d+ ms  \\(attempt 2\\)$`));
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('-->');
    expect(receiver.requests).toHaveLength(3);
  });
});
