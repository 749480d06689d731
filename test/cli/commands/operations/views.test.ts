import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './setup.js';

const env = useCli('Views app');
const s: { integration: string; webhookSecret: string; appKeySecret: string; intKeySecret: string; line: string; lineSecret: string } = {} as never;

beforeAll(async () => {
  const base = `/v2/apps/${env.appId}`;
  const custom = await env.api('POST', `${base}/integrations`, { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/h', triggers: ['conversation:message'] }] });
  s.integration = custom.integration.id;
  s.webhookSecret = custom.integration.webhooks[0].secret;
  s.appKeySecret = (await env.api('POST', `${base}/keys`, { displayName: 'ci' })).key.secret;
  s.intKeySecret = (await env.api('POST', `${base}/integrations/${s.integration}/keys`, { displayName: 'runtime' })).key.secret;
  s.lineSecret = 'line-channel-secret-value';
  s.line = (await env.api('POST', `${base}/integrations`, { type: 'line', channelId: 'ch', channelSecret: s.lineSecret, channelAccessToken: 'line-token-value' })).integration.id;
  const board = await env.api('POST', `${base}/switchboards`);
  await env.api('POST', `${base}/switchboards/${board.switchboard.id}/switchboardIntegrations`, { name: 'bot', integrationId: s.integration });
});

describe('read-only views', () => {
  it('apps list (no --app needed) and apps get by name', async () => {
    const list = await env.sunco(['apps', 'list']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((a: { id: string }) => a.id)).toContain(env.appId);
    const got = await env.sunco(['apps', 'get', 'Views app']);
    expect(JSON.parse(got.stdout)).toMatchObject({ id: env.appId, displayName: 'Views app' });
    const missing = await env.sunco(['apps', 'get', '5e1606762556d93e9c176f69']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404 app_not_found');
  });

  it('integrations list and get hide credentials the API reads back', async () => {
    const list = await env.json(['integrations', 'list']);
    expect(list.map((i: { id: string }) => i.id).sort()).toEqual([s.integration, s.line].sort());
    const line = await env.sunco(['integrations', 'get', s.line, '--app', env.appId]);
    expect(line.code).toBe(0);
    expect(line.stdout).not.toContain(s.lineSecret);
    expect(line.stdout).not.toContain('line-token-value');
    expect(JSON.parse(line.stdout)).toMatchObject({ id: s.line, type: 'line', channelSecret: '(hidden)' });
    const custom = await env.sunco(['integrations', 'get', s.integration, '--app', env.appId]);
    expect(custom.stdout).not.toContain(s.webhookSecret);
    const missing = await env.sunco(['integrations', 'get', '5e1606762556d93e9c176f69', '--app', env.appId]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
  });

  it('webhooks list masks the webhook secret, in JSON and in the table', async () => {
    const json = await env.sunco(['webhooks', 'list', '--integration', s.integration, '--app', env.appId]);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain(s.webhookSecret);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ target: 'https://bot.example/h', secret: '(hidden)' });
    const table = await env.sunco(['webhooks', 'list', '--integration', s.integration, '--app', env.appId], { stdoutIsTTY: true });
    expect(table.stdout).toContain('(hidden)');
    expect(table.stdout).not.toContain(s.webhookSecret);
    const debug = await env.sunco(['webhooks', 'list', '--integration', s.integration, '--app', env.appId, '--debug']);
    expect(debug.stdout + debug.stderr).not.toContain(s.webhookSecret);
  });

  it('webhooks list without --integration covers every custom integration of the app', async () => {
    const base = `/v2/apps/${env.appId}`;
    const other = await env.api('POST', `${base}/integrations`, { type: 'custom', displayName: 'Other bot', webhooks: [{ target: 'https://other.example/h', triggers: ['conversation:create'] }] });
    const r = await env.sunco(['webhooks', 'list', '--app', env.appId]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { integrationId: string; target: string; secret: string }[];
    expect(rows.map((w) => [w.integrationId, w.target]).sort()).toEqual(
      [
        [s.integration, 'https://bot.example/h'],
        [other.integration.id, 'https://other.example/h'],
      ].sort(),
    );
    expect(rows.every((w) => w.secret === '(hidden)')).toBe(true);
    expect(r.stdout).not.toContain(other.integration.webhooks[0].secret);
    await env.api('DELETE', `${base}/integrations/${other.integration.id}`);
  });

  it('keys list masks app and integration key secrets', async () => {
    const app = await env.sunco(['keys', 'list', '--app', env.appId], { stdoutIsTTY: true });
    expect(app.code).toBe(0);
    expect(app.stdout).toContain('ci');
    expect(app.stdout).not.toContain(s.appKeySecret);
    const integ = await env.sunco(['keys', 'list', '--integration', s.integration, '--app', env.appId]);
    expect(integ.stdout).not.toContain(s.intKeySecret);
    expect(JSON.parse(integ.stdout)[0]).toMatchObject({ displayName: 'runtime', secret: '(hidden)' });
  });

  it('switchboards list shows the switchboard integrations', async () => {
    const list = await env.json(['switchboards', 'list']);
    expect(list).toHaveLength(1);
    expect(list[0].switchboardIntegrations.map((i: { name: string }) => i.name)).toEqual(['bot']);
  });
});

describe('sunco api', () => {
  it('GETs any path, substituting {appId}', async () => {
    const r = await env.sunco(['api', 'GET', '/v2/apps/{appId}/integrations', '--app', env.appId]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).integrations).toHaveLength(2);
  });

  it('defaults the method to GET when only a path is given', async () => {
    const r = await env.sunco(['api', '/v2/apps/{appId}/integrations', '--app', env.appId]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('Error');
    expect(JSON.parse(r.stdout).integrations).toHaveLength(2);
    const apps = await env.sunco(['api', '/v2/apps']);
    expect(JSON.parse(apps.stdout).apps.map((a: { id: string }) => a.id)).toContain(env.appId);
  });

  it('confirms a DELETE like the delete verbs: refused off a terminal without --yes, asked on one', async () => {
    const user = (await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId: 'api-delete-me' })).user;
    const path = `/v2/apps/${env.appId}/users/${user.id}`;
    const refused = await env.sunco(['api', 'DELETE', path]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`Error: Call DELETE ${path}? Refusing without confirmation: stdin is not a terminal. Pass --yes to proceed.\n`);
    const no = await env.sunco(['api', 'DELETE', path], { stdinIsTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toBe(`Call DELETE ${path}? [y/N] Error: Aborted: nothing was changed.\n`);
    expect((await env.sunco(['api', path])).code).toBe(0);
    const yes = await env.sunco(['api', 'DELETE', path, '--yes']);
    expect(yes.code).toBe(0);
    const gone = await env.sunco(['api', path]);
    expect(gone.stderr).toContain('404 user_not_found');
  });

  it('sends --data inline, from @file and from stdin', async () => {
    const base = `/v2/apps/${env.appId}/users`;
    const inline = await env.sunco(['api', 'POST', base, '--data', '{"externalId":"api-inline"}']);
    expect(JSON.parse(inline.stdout).user.externalId).toBe('api-inline');
    const dir = mkdtempSync(join(tmpdir(), 'sunco-api-'));
    writeFileSync(join(dir, 'user.json'), '{"externalId":"api-file"}');
    const file = await env.sunco(['api', 'post', base, '--data', '@user.json'], { cwd: dir });
    expect(JSON.parse(file.stdout).user.externalId).toBe('api-file');
    const stdin = await env.sunco(['api', 'POST', base, '--data', '-'], { stdin: '{"externalId":"api-stdin"}' });
    expect(JSON.parse(stdin.stdout).user.externalId).toBe('api-stdin');
    const bad = await env.sunco(['api', 'POST', base, '--data', '{nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--data is not valid JSON/);
    const err = await env.sunco(['api', 'GET', `${base}/nobody`]);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('404 user_not_found');
  });

  it('hides secret fields, saying so on stderr, and saves them only to --secrets-out', async () => {
    const path = `/v2/apps/${env.appId}/keys`;
    const masked = await env.sunco(['api', 'GET', path]);
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain(s.appKeySecret);
    expect(JSON.parse(masked.stdout).keys[0]).toMatchObject({ displayName: 'ci', secret: '(hidden)' });
    expect(masked.stderr).toBe('1 secret field(s) shown as (hidden): pass --secrets-out FILE to save them.\n');
    const line = await env.sunco(['api', 'GET', `/v2/apps/${env.appId}/integrations/${s.line}`]);
    expect(line.stdout).not.toContain(s.lineSecret);
    expect(line.stdout).not.toContain('line-token-value');
    const custom = await env.sunco(['api', 'GET', `/v2/apps/${env.appId}/integrations/${s.integration}`]);
    expect(custom.stdout).not.toContain(s.webhookSecret);
    const dir = mkdtempSync(join(tmpdir(), 'sunco-api-secrets-'));
    const file = join(dir, 'secrets.json');
    const saved = await env.sunco(['api', 'GET', path, '--secrets-out', file]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).not.toContain(s.appKeySecret);
    expect(saved.stderr).toBe(`1 secret field(s) shown as (hidden) and saved to ${file}.\n`);
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { id: string; secret: string }>;
    expect(entries[`GET ${path}#keys.0.secret`]).toMatchObject({ secret: s.appKeySecret });
    expect(entries[`GET ${path}#keys.0.secret`]?.id).toMatch(/^app_/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('checks --secrets-out before the call, so a bad path fails before a key is created', async () => {
    env.emu.resetLog();
    const r = await env.sunco(['api', 'POST', `/v2/apps/${env.appId}/keys`, '--data', '{"displayName":"lost"}', '--secrets-out', '/nonexistent-dir/x.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: cannot write the secrets file /nonexistent-dir/x.json: its directory does not exist or is not writable\n');
    expect(env.emu.requestLog.filter((e) => e.method === 'POST')).toHaveLength(0);
  });

  it('turns --data into query parameters for a GET, like gh api -f', async () => {
    const base = `/v2/apps/${env.appId}`;
    const user = (await env.api('POST', `${base}/users`, { externalId: 'query-user' })).user.id;
    await env.api('POST', `${base}/conversations`, { type: 'personal', participants: [{ userId: user }] });
    env.emu.resetLog();
    const r = await env.sunco(['api', 'GET', `${base}/conversations`, '--data', '{"filter[userExternalId]":"query-user"}']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).conversations).toHaveLength(1);
    expect(new URLSearchParams(env.emu.requestLog.at(-1)?.query).get('filter[userExternalId]')).toBe('query-user');
    const nested = await env.sunco(['api', 'GET', `${base}/conversations`, '--data', '{"filter":{"userId":"x"}}']);
    expect(nested.code).toBe(1);
    expect(nested.stderr).toContain('--data with GET must be a flat JSON object');
  });

  it('--paginate follows ListMessages backwards (page[before]) and prints oldest first', async () => {
    const base = `/v2/apps/${env.appId}`;
    const user = (await env.api('POST', `${base}/users`, { externalId: 'history' })).user.id;
    const conv = (await env.api('POST', `${base}/conversations`, { type: 'personal', participants: [{ userId: user }] })).conversation.id;
    const rec = env.emu.store.state.operations.apps[env.appId]!.conversations.find((c) => c.id === conv)!;
    for (let i = 0; i < 205; i++) {
      rec.messages.push({ id: `7e1606762556d93e9c${i.toString(16).padStart(6, '0')}`, received: new Date(1_700_000_000_000 + i).toISOString(), author: { type: 'business' }, content: { type: 'text', text: `h${i}` }, source: { type: 'api' } });
    }
    env.emu.resetLog();
    const r = await env.sunco(['api', 'GET', `${base}/conversations/${conv}/messages`, '--paginate']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((m: { content: { text: string } }) => m.content.text)).toEqual(Array.from({ length: 205 }, (_, i) => `h${i}`));
    expect(env.emu.requestLog.filter((e) => e.path.endsWith('/messages'))).toHaveLength(3);
  });

  it('--paginate follows meta.afterCursor and merges the items', async () => {
    const base = `/v2/apps/${env.appId}`;
    const user = (await env.api('POST', `${base}/users`, { externalId: 'pager' })).user.id;
    for (let i = 0; i < 7; i++) await env.api('POST', `${base}/conversations`, { type: 'personal', participants: [{ userId: user }] });
    env.emu.resetLog();
    const r = await env.sunco(['api', 'GET', `${base}/conversations?filter[userId]=${user}&page[size]=3`, '--paginate']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(7);
    expect(env.emu.requestLog.filter((e) => e.path.endsWith('/conversations'))).toHaveLength(3);
    const post = await env.sunco(['api', 'POST', `${base}/users`, '--paginate']);
    expect(post.code).toBe(1);
  });
});
