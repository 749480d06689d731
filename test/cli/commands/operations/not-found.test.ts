import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './setup.js';

/** Every verb, pointed at something that does not exist: exit 1, the API's 404 code on stderr, nothing on stdout. */
const env = useCli('Not found app');
const MISSING = '5e1606762556d93e9c176f69';
let conv: string;
let dir: string;

beforeAll(async () => {
  const user = (await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId: 'present' })).user.id;
  conv = (await env.api('POST', `/v2/apps/${env.appId}/conversations`, { type: 'personal', participants: [{ userId: user }] })).conversation.id;
  dir = mkdtempSync(join(tmpdir(), 'sunco-404-'));
  writeFileSync(join(dir, 'a.txt'), 'hello');
});

const cases: [string, () => string[], RegExp][] = [
  ['conversations list', () => ['conversations', 'list', '--external-id', 'ghost'], /404 user_not_found/],
  ['conversations create', () => ['conversations', 'create', '--external-id', 'ghost'], /404 user_not_found/],
  ['conversations get', () => ['conversations', 'get', MISSING], /404 conversation_not_found/],
  ['conversations update', () => ['conversations', 'update', MISSING, '--display-name', 'x'], /404 conversation_not_found/],
  ['conversations delete', () => ['conversations', 'delete', MISSING, '--yes'], /404 conversation_not_found/],
  ['messages list', () => ['messages', 'list', '-c', MISSING], /404 not_found/],
  ['messages post', () => ['messages', 'post', '-c', MISSING, '--text', 'x'], /404 conversation_not_found/],
  ['messages delete', () => ['messages', 'delete', MISSING, '-c', conv, '--yes'], /404 message_not_found/],
  ['messages delete-all', () => ['messages', 'delete-all', '-c', MISSING, '--yes'], /404 conversation_not_found/],
  ['users create (unknown app)', () => ['users', 'create', '--external-id', 'x', '--app', MISSING], /404 app_not_found/],
  ['users get', () => ['users', 'get', 'ghost'], /404 user_not_found/],
  ['users update', () => ['users', 'update', 'ghost', '--given-name', 'G'], /404 user_not_found/],
  ['users delete', () => ['users', 'delete', 'ghost', '--yes'], /404 user_not_found/],
  ['users list (unknown app)', () => ['users', 'list', '--email', 'a@b.example', '--app', MISSING], /404 app_not_found/],
  ['users delete-personal-information', () => ['users', 'delete-personal-information', 'ghost', '--yes'], /404 user_not_found/],
  ['participants list', () => ['participants', 'list', '-c', MISSING], /404 conversation_not_found/],
  ['participants join', () => ['participants', 'join', '-c', MISSING, '--external-id', 'present'], /404 conversation_not_found/],
  ['participants leave', () => ['participants', 'leave', '-c', conv, '--external-id', 'ghost'], /404 user_not_found/],
  ['activity post', () => ['activity', 'post', '-c', MISSING, '--type', 'typing:start'], /404 conversation_not_found/],
  ['switchboard pass-control', () => ['switchboard', 'pass-control', '-c', MISSING, '--to', 'bot'], /404 conversation_not_found/],
  ['switchboard offer-control', () => ['switchboard', 'offer-control', '-c', MISSING], /404 conversation_not_found/],
  ['switchboard accept-control', () => ['switchboard', 'accept-control', '-c', MISSING], /404 conversation_not_found/],
  ['switchboard release-control', () => ['switchboard', 'release-control', '-c', MISSING], /404 conversation_not_found/],
  ['attachments upload (unknown app)', () => ['attachments', 'upload', 'a.txt', '--app', MISSING], /404 app_not_found/],
  ['attachments remove', () => ['attachments', 'remove', `${env.emu.url}/media/apps/${env.appId}/x/a.txt`, '--yes'], /404 not_found/],
  ['apps get', () => ['apps', 'get', MISSING], /404 app_not_found/],
  ['integrations list (unknown app)', () => ['integrations', 'list', '--app', MISSING], /404 app_not_found/],
  ['integrations get', () => ['integrations', 'get', MISSING], /404/],
  ['webhooks list', () => ['webhooks', 'list', '--integration', MISSING], /404/],
  ['keys list', () => ['keys', 'list', '--integration', MISSING], /404/],
  ['switchboards list (unknown app)', () => ['switchboards', 'list', '--app', MISSING], /404 app_not_found/],
  ['api', () => ['api', 'GET', `/v2/apps/${env.appId}/users/ghost`], /404 user_not_found/],
];

describe('every verb exits 1 on a 404, naming the API error', () => {
  it.each(cases)('%s', async (_name, args, expected) => {
    const argv = args();
    const withApp = argv.includes('--app') ? argv : [...argv, '--app', env.appId];
    const r = await env.sunco(withApp, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
