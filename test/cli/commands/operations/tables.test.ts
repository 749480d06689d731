import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../../src/cli/run.js';
import { fakeIO } from '../../../helpers/io.js';
import { useCli } from './setup.js';

/** On a terminal every list prints an aligned table (header first, one row per item) and every get `key: value` lines. */
const env = useCli('Tables app');
const ids: Record<string, string> = {};
const secrets: string[] = [];

beforeAll(async () => {
  const base = `/v2/apps/${env.appId}`;
  ids.user = (await env.api('POST', `${base}/users`, { externalId: 'tab-user', profile: { givenName: 'Tab', surname: 'User' } })).user.id;
  ids.conv = (await env.api('POST', `${base}/conversations`, { type: 'personal', displayName: 'Tabled', participants: [{ userId: ids.user }] })).conversation.id;
  ids.msg = (await env.api('POST', `${base}/conversations/${ids.conv}/messages`, { author: { type: 'business' }, content: { type: 'text', text: 'Hello\ntable' } })).messages[0].id;
  const custom = await env.api('POST', `${base}/integrations`, { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/h', triggers: ['conversation:message', 'conversation:read'] }] });
  ids.integration = custom.integration.id;
  secrets.push(custom.integration.webhooks[0].secret);
  secrets.push((await env.api('POST', `${base}/keys`, { displayName: 'ci key' })).key.secret);
  secrets.push((await env.api('POST', `${base}/integrations/${ids.integration}/keys`, { displayName: 'bot key' })).key.secret);
  ids.board = (await env.api('POST', `${base}/switchboards`)).switchboard.id;
  await env.api('POST', `${base}/switchboards/${ids.board}/switchboardIntegrations`, { name: 'bot', integrationId: ids.integration });
});

const tables: [string, () => string[], RegExp, () => string][] = [
  ['conversations list', () => ['conversations', 'list', '--user', ids.user!], /^ID {2,}TYPE {2,}DEFAULT {2,}DISPLAY NAME {2,}ACTIVE {2,}LAST UPDATED$/, () => ids.conv!],
  ['messages list', () => ['messages', 'list', '-c', ids.conv!], /^ID {2,}RECEIVED {2,}AUTHOR {2,}TYPE {2,}TEXT$/, () => ids.msg!],
  ['participants list', () => ['participants', 'list', '-c', ids.conv!], /^ID {2,}USER ID {2,}EXTERNAL ID {2,}UNREAD {2,}LAST READ$/, () => ids.user!],
  ['apps list', () => ['apps', 'list'], /^ID {2,}DISPLAY NAME {2,}SUBDOMAIN$/, () => env.appId],
  ['integrations list', () => ['integrations', 'list'], /^ID {2,}TYPE {2,}DISPLAY NAME {2,}STATUS$/, () => ids.integration!],
  ['webhooks list', () => ['webhooks', 'list', '--integration', ids.integration!], /^ID {2,}INTEGRATION {2,}TARGET {2,}TRIGGERS {2,}SECRET$/, () => 'https://bot.example/h'],
  ['keys list', () => ['keys', 'list'], /^ID {2,}DISPLAY NAME {2,}SECRET$/, () => 'ci key'],
  ['keys list --integration', () => ['keys', 'list', '--integration', ids.integration!], /^ID {2,}DISPLAY NAME {2,}SECRET$/, () => 'bot key'],
  ['switchboards list', () => ['switchboards', 'list'], /^ID {2,}ENABLED {2,}DEFAULT {2,}INTEGRATIONS$/, () => ids.board!],
];

describe('tables on a terminal', () => {
  it.each(tables)('%s', async (_name, args, header, rowText) => {
    const withApp = (a: string[]) => (a[0] === 'apps' ? a : [...a, '--app', env.appId]);
    const r = await env.sunco(withApp(args()), { stdoutIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(header);
    expect(lines.length).toBeGreaterThan(1);
    // Columns line up: every row's second column starts where the header's does.
    const second = lines[0]!.search(/ {2}\S/) + 2;
    for (const line of lines.slice(1)) expect(line.slice(second - 2, second)).toBe('  ');
    expect(r.stdout).toContain(rowText());
    for (const s of secrets) expect(r.stdout).not.toContain(s);
    // --json wins over the terminal.
    const json = await env.sunco([...withApp(args()), '--json'], { stdoutIsTTY: true });
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
  });

  it('prints the more-results hint after the table, as a terminal shows both streams', async () => {
    const many = (await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId: 'tab-many' })).user.id;
    for (let i = 0; i < 26; i++) await env.api('POST', `/v2/apps/${env.appId}/conversations`, { type: 'personal', participants: [{ userId: many }] });
    const terminal = fakeIO({ env: { SUNCO_API_URL: env.emu.url, SUNCO_KEY_ID: 'act_cli', SUNCO_KEY_SECRET: 'cli-secret' }, stdoutIsTTY: true, stdinIsTTY: true, interleaved: true });
    const code = await run(['conversations', 'list', '--user', many, '--app', env.appId], 'sunco', terminal);
    expect(code).toBe(0);
    const lines = terminal.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID {2,}TYPE/);
    expect(lines).toHaveLength(27);
    expect(lines[26]).toMatch(/^more results: use --all or --after [0-9a-f]{24}$/);
  });

  it('keeps multi-line text on one row and shows the author', async () => {
    const r = await env.sunco(['messages', 'list', '-c', ids.conv!, '--app', env.appId], { stdoutIsTTY: true });
    expect(r.stdout.split('\n')[1]).toMatch(/ business {2}text {2}Hello table$/);
  });

  it('shows one object as aligned key: value lines, nested values as JSON, secrets hidden', async () => {
    const user = await env.sunco(['users', 'get', 'tab-user', '--app', env.appId], { stdoutIsTTY: true });
    expect(user.stdout).toMatch(/^id: {12}[0-9a-f]{24}\nexternalId: {4}tab-user\n/);
    expect(user.stdout).toContain('profile:       {"givenName":"Tab","surname":"User"}\n');
    const integ = await env.sunco(['integrations', 'get', ids.integration!, '--app', env.appId], { stdoutIsTTY: true });
    expect(integ.stdout).toMatch(/^id: {10}[0-9a-f]{24}\ntype: {8}custom\n/m);
    expect(integ.stdout).toContain('"secret":"(hidden)"');
    for (const s of secrets) expect(integ.stdout).not.toContain(s);
  });
});
