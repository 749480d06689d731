/**
 * examples/fleet: three brands sharing channel and bot definitions through anchors, merge
 * keys and x- fields. It validates (with no variable set, a note), plans and applies against
 * the emulator, and plans empty afterwards.
 */
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runCli } from '../helpers/cli.js';
import { type Harness, harness, writes } from '../helpers/harness.js';

const root = resolve(import.meta.dirname, '../..');
const fleet = join(root, 'examples/fleet');
const args = ['-f', fleet, '--var-file', join(fleet, 'fleet.env.example')];

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('examples/fleet', () => {
  it('validates; with no variables set it says which ones it could not check', async () => {
    const r = await runCli(['validate', '-f', 'examples/fleet'], { cwd: root, env: {} });
    expect(r).toMatchObject({ code: 0, stdout: 'OK: 3 apps, 19 resources in examples/fleet/sunco.yaml\n' });
    expect(r.stderr).toBe('note: 1 variable not set; values not checked (INITECH_TELEGRAM_TOKEN); --strict makes this an error\n');
  });

  it('each brand gets the shared definitions with its own overrides', async () => {
    const { config } = await loadConfig({ cwd: root, env: {}, path: 'examples/fleet', varFiles: ['examples/fleet/fleet.env.example'] });
    expect(Object.keys(config.apps)).toEqual(['acme', 'globex', 'initech']);
    const webs = Object.values(config.apps).map((a) => ({ ...a.integrations?.web }));
    expect(webs.map((w) => [w.displayName, w.brandColor, w.displayStyle, w.defaultResponder])).toEqual([
      ['Website', 'd2232a', 'button', 'bot'], ['Website', '1f6feb', 'button', 'bot'], ['Website', '2da44e', 'tab', 'bot'],
    ]);
    expect(config.apps.globex.settings).toMatchObject({ multiConvoEnabled: true, conversationRetentionSeconds: 604800 });
    expect(config.apps.acme.settings).toMatchObject({ conversationRetentionSeconds: 2592000 });
    for (const a of Object.values(config.apps)) expect(a.integrations?.bot.webhooks?.main.target).toBe('https://bot.example.com/sunco');
  });

  it('plans, applies against the emulator, and plans empty afterwards', async () => {
    const planned = await h.cli(['plan', ...args, '--detailed-exitcode']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/Plan: 22 to create, 0 to update, 0 to replace, 0 to delete\./);
    const applied = await h.cli(['apply', ...args, '--yes', '--secrets-out', 'secrets.json']);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toMatch(/Apply complete: 22 created, 0 updated, 0 replaced, 0 deleted\./);
    const apps = await h.api.listAll<{ displayName: string }>('/v2/apps', 'apps');
    expect(apps.map((a) => a.displayName).sort()).toEqual(['Acme', 'Globex', 'Initech']);
    const mark = h.emu.requestLog.length;
    const again = await h.cli(['plan', ...args, '--detailed-exitcode']);
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
    expect(writes(h.emu, mark)).toEqual([]);
  });
});
