import { describe, expect, it } from 'vitest';
import { useCli } from './setup.js';

const env = useCli('Conversations app');

async function user(externalId: string): Promise<string> {
  return (await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId })).user.id;
}

describe('sunco conversations', () => {
  it('create → get → update → delete, JSON on a pipe, exit 0', async () => {
    await user('carol');
    await env.json(['conversations', 'create', '--external-id', 'carol']);
    const created = await env.json(['conversations', 'create', '--external-id', 'carol', '--display-name', 'Billing', '--metadata', '{"team":"billing"}']);
    expect(created).toMatchObject({ type: 'personal', isDefault: false, displayName: 'Billing', metadata: { team: 'billing' } });
    expect(await env.json(['conversations', 'get', created.id])).toEqual(created);
    const updated = await env.json(['conversations', 'update', created.id, '--display-name', 'Billing 2', '--metadata', '{"team":"finance"}']);
    expect(updated).toMatchObject({ id: created.id, displayName: 'Billing 2', metadata: { team: 'finance' } });
    expect(await env.json(['conversations', 'delete', created.id, '--yes'])).toEqual({ id: created.id, deleted: true });
    const gone = await env.sunco(['conversations', 'get', created.id, '--app', env.appId]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toContain('404 conversation_not_found: Conversation not found');
    expect(gone.stderr).not.toMatch(/\n\s+at /);
  });

  it('update without a field to change says so and calls nothing', async () => {
    env.emu.resetLog();
    const r = await env.sunco(['conversations', 'update', '5e1606762556d93e9c176f69', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: Nothing to update: pass --display-name, --description or --metadata.\n');
    expect(env.emu.requestLog).toHaveLength(0);
  });

  it('creates an sdkGroup conversation with or without a first participant', async () => {
    await user('gina');
    const empty = await env.json(['conversations', 'create', '--type', 'sdkGroup', '--display-name', 'Group']);
    expect(empty).toMatchObject({ type: 'sdkGroup', displayName: 'Group' });
    const withUser = await env.json(['conversations', 'create', '--type', 'sdkGroup', '--external-id', 'gina']);
    const participants = await env.json(['participants', 'list', '--conversation', withUser.id]);
    expect(participants.map((p: { userExternalId: string }) => p.userExternalId)).toEqual(['gina']);
  });

  it('lists one page with a hint on stderr, and every page with --all', async () => {
    const id = await user('many');
    for (let i = 0; i < 104; i++) await env.api('POST', `/v2/apps/${env.appId}/conversations`, { type: 'personal', participants: [{ userId: id }] });
    const page = await env.sunco(['conversations', 'list', '--user', id, '--app', env.appId]);
    expect(page.code).toBe(0);
    const first = JSON.parse(page.stdout);
    expect(first).toHaveLength(25);
    expect(page.stderr).toContain(`more results: use --all or --after ${first[24].id}`);
    const next = await env.json(['conversations', 'list', '--user', id, '--after', first[24].id]);
    expect(next[0].id).not.toBe(first[24].id);
    env.emu.resetLog();
    const all = await env.sunco(['conversations', 'list', '--external-id', 'many', '--all', '--app', env.appId]);
    expect(JSON.parse(all.stdout)).toHaveLength(104);
    expect(all.stderr).toBe('');
    // page[size]=100 → two pages.
    expect(env.emu.requestLog.filter((e) => e.path.endsWith('/conversations'))).toHaveLength(2);
  });

  it('prints a table on a terminal', async () => {
    await user('tabby');
    await env.json(['conversations', 'create', '--external-id', 'tabby', '--display-name', 'Shown in table']);
    const r = await env.sunco(['conversations', 'list', '--external-id', 'tabby', '--app', env.appId], { stdoutIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+TYPE\s+DEFAULT\s+DISPLAY NAME/);
    expect(r.stdout).toContain('Shown in table');
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('names the flag when --metadata is not JSON, before any call', async () => {
    env.emu.resetLog();
    const r = await env.sunco(['conversations', 'create', '--external-id', 'carol', '--metadata', '{team:', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: --metadata is not valid JSON/);
    expect(env.emu.requestLog.filter((e) => e.method === 'POST')).toHaveLength(0);
  });

  it('resolves --app by displayName with one GET /v2/apps, and reads SUNCO_APP_ID', async () => {
    await user('named');
    env.emu.resetLog();
    const r = await env.sunco(['conversations', 'list', '--external-id', 'named', '--app', 'Conversations app']);
    expect(r.code).toBe(0);
    expect(env.emu.requestLog.filter((e) => e.path === '/v2/apps')).toHaveLength(1);
    const fromEnv = await env.sunco(['conversations', 'list', '--external-id', 'named'], { env: { SUNCO_APP_ID: env.appId } });
    expect(fromEnv.code).toBe(0);
    const missing = await env.sunco(['conversations', 'list', '--external-id', 'named', '--app', 'No such app']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No app named "No such app"');
    const none = await env.sunco(['conversations', 'list', '--external-id', 'named']);
    expect(none.stderr).toContain('--app');
  });

  it('refuses an ambiguous app name and names both ids', async () => {
    const a = (await env.api('POST', '/v2/apps', { displayName: 'Twin' })).app.id;
    const b = (await env.api('POST', '/v2/apps', { displayName: 'Twin' })).app.id;
    const r = await env.sunco(['conversations', 'list', '--user', 'x', '--app', 'Twin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(a);
    expect(r.stderr).toContain(b);
  });
});

describe('sunco with an app-scoped key', () => {
  it('works with --app ID and explains that a name needs an account key', async () => {
    const key = (await env.api('POST', `/v2/apps/${env.appId}/keys`, { displayName: 'app key' })).key;
    const appEnv = { SUNCO_KEY_ID: key.id, SUNCO_KEY_SECRET: key.secret };
    await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId: 'scoped' });
    const ok = await env.sunco(['conversations', 'create', '--external-id', 'scoped', '--app', env.appId], { env: appEnv });
    expect(ok.code).toBe(0);
    const byName = await env.sunco(['conversations', 'list', '--external-id', 'scoped', '--app', 'Conversations app'], { env: appEnv });
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain('Cannot find app "Conversations app" by name');
    expect(byName.stderr).toContain('--app <24-hex id>');
    expect(byName.stderr).not.toContain(key.secret);
  });

  it('says apps list and keys list need an account key, keeping the API error', async () => {
    const key = (await env.api('POST', `/v2/apps/${env.appId}/keys`, { displayName: 'app key 2' })).key;
    const appEnv = { SUNCO_KEY_ID: key.id, SUNCO_KEY_SECRET: key.secret };
    const apps = await env.sunco(['apps', 'list'], { env: appEnv });
    expect(apps.code).toBe(1);
    expect(apps.stderr).toMatch(/^Error: GET \/v2\/apps failed: 403 forbidden: .*\. Listing apps needs an account key \(act_… or svc_…\); an app-scoped key \(app_…\) cannot\.\n$/);
    const keys = await env.sunco(['keys', 'list', '--app', env.appId], { env: appEnv });
    expect(keys.code).toBe(1);
    expect(keys.stderr).toContain("403 forbidden");
    expect(keys.stderr).toContain("Listing an app's keys needs an account key");
    expect(keys.stderr + keys.stdout).not.toContain(key.secret);
  });
});
