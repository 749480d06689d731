import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setMessageLimit } from '../../../../src/emulator/operations/index.js';
import { useCli } from './setup.js';

const env = useCli('Messages app');
let userId: string;

beforeAll(async () => {
  userId = (await env.api('POST', `/v2/apps/${env.appId}/users`, { externalId: 'dana' })).user.id;
});
afterEach(() => setMessageLimit());

async function conversation(): Promise<string> {
  return (await env.api('POST', `/v2/apps/${env.appId}/conversations`, { type: 'personal', participants: [{ userId }] })).conversation.id;
}

async function count(conv: string): Promise<number> {
  return (await env.api('GET', `/v2/apps/${env.appId}/conversations/${conv}/messages`)).messages.length;
}

describe('sunco messages post', () => {
  it('posts --text as the business by default, and --as user:EXTERNAL_ID', async () => {
    const conv = await conversation();
    const m = await env.json(['messages', 'post', '--conversation', conv, '--text', 'Hello there']);
    expect(m).toMatchObject({ author: { type: 'business' }, content: { type: 'text', text: 'Hello there' } });
    const u = await env.json(['messages', 'post', '-c', conv, '--text', 'Hi', '--as', 'user:dana']);
    expect(u.author).toEqual({ type: 'user', userId });
    const byId = await env.json(['messages', 'post', '-c', conv, '--text', 'Hi', '--as', `user:${userId}`]);
    expect(byId.author.userId).toBe(userId);
  });

  it('posts a whole message body from stdin (--file -)', async () => {
    const conv = await conversation();
    const body = { author: { type: 'business', displayName: 'Bot' }, content: { type: 'text', text: 'From stdin' }, metadata: { src: 'pipe' } };
    const m = await env.json(['messages', 'post', '-c', conv, '--file', '-'], { stdin: JSON.stringify(body) });
    expect(m).toMatchObject({ author: { type: 'business', displayName: 'Bot' }, content: { text: 'From stdin' }, metadata: { src: 'pipe' } });
  });

  it('posts a content object from a file, resolved against the working directory', async () => {
    const conv = await conversation();
    const dir = mkdtempSync(join(tmpdir(), 'sunco-msg-'));
    writeFileSync(join(dir, 'carousel.json'), JSON.stringify({ type: 'carousel', items: [{ title: 'One', actions: [{ type: 'postback', text: 'Pick', payload: 'one' }] }] }));
    const m = await env.json(['messages', 'post', '-c', conv, '--file', 'carousel.json'], { cwd: dir });
    expect(m.content).toMatchObject({ type: 'carousel', items: [{ title: 'One' }] });
  });

  it('rejects invalid input: both --text and --file, bad JSON on stdin, invalid content (API 400)', async () => {
    const conv = await conversation();
    const both = await env.sunco(['messages', 'post', '-c', conv, '--text', 'a', '--file', '-', '--app', env.appId], { stdin: '{}' });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('exactly one of --text');
    const bad = await env.sunco(['messages', 'post', '-c', conv, '--file', '-', '--app', env.appId], { stdin: '{oops' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--file stdin is not valid JSON/);
    const invalid = await env.sunco(['messages', 'post', '-c', conv, '--file', '-', '--app', env.appId], { stdin: '{"type":"text","text":7}' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('400 bad_request');
    expect(await count(conv)).toBe(0);
  });

  it('exits 1 with 423 locked once the conversation is full', async () => {
    const conv = await conversation();
    setMessageLimit(1);
    expect((await env.sunco(['messages', 'post', '-c', conv, '--text', 'one', '--app', env.appId])).code).toBe(0);
    const r = await env.sunco(['messages', 'post', '-c', conv, '--text', 'two', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('423 locked: Message limit of 1 per conversation reached.');
  });

  it('exits 1 on an unknown conversation', async () => {
    const r = await env.sunco(['messages', 'post', '-c', '5e1606762556d93e9c176f69', '--text', 'x', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('404 conversation_not_found');
  });
});

describe('sunco messages list', () => {
  it('shows the newest page with a hint, --before for older, and --all in order over 3 pages', async () => {
    const conv = await conversation();
    const rec = env.emu.store.state.operations.apps[env.appId]!.conversations.find((c) => c.id === conv)!;
    for (let i = 0; i < 230; i++) {
      rec.messages.push({ id: `6e1606762556d93e9c${i.toString(16).padStart(6, '0')}`, received: new Date(1_700_000_000_000 + i).toISOString(), author: { type: 'business' }, content: { type: 'text', text: `m${i}` }, source: { type: 'api' } });
    }
    const newest = await env.sunco(['messages', 'list', '-c', conv, '--app', env.appId]);
    const page = JSON.parse(newest.stdout);
    expect(page).toHaveLength(100);
    expect(page[99].content.text).toBe('m229');
    expect(newest.stderr).toContain(`older messages: use --all or --before ${page[0].id}`);
    const older = await env.json(['messages', 'list', '-c', conv, '--before', page[0].id]);
    expect(older[0].content.text).toBe('m30');
    env.emu.resetLog();
    const all = await env.json(['messages', 'list', '-c', conv, '--all']);
    expect(all.map((m: { content: { text: string } }) => m.content.text)).toEqual(Array.from({ length: 230 }, (_, i) => `m${i}`));
    expect(env.emu.requestLog.filter((e) => e.path.endsWith('/messages'))).toHaveLength(3);
  });

  it('exits 1 on an unknown conversation', async () => {
    const r = await env.sunco(['messages', 'list', '-c', '5e1606762556d93e9c176f69', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('404');
  });
});

describe('sunco messages delete / delete-all confirmation', () => {
  it('refuses delete-all without a terminal and without --yes, and deletes nothing', async () => {
    const conv = await conversation();
    await env.json(['messages', 'post', '-c', conv, '--text', 'keep me']);
    const r = await env.sunco(['messages', 'delete-all', '-c', conv, '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Pass --yes');
    expect(await count(conv)).toBe(1);
  });

  it('asks on a terminal: "n" aborts, "y" deletes', async () => {
    const conv = await conversation();
    await env.json(['messages', 'post', '-c', conv, '--text', 'x']);
    const no = await env.sunco(['messages', 'delete-all', '-c', conv, '--app', env.appId], { stdinIsTTY: true, stdoutIsTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('[y/N]');
    expect(no.stderr).toContain('Aborted');
    expect(await count(conv)).toBe(1);
    const yes = await env.sunco(['messages', 'delete-all', '-c', conv, '--app', env.appId], { stdinIsTTY: true, stdoutIsTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain('Deleted all messages');
    expect(await count(conv)).toBe(0);
  });

  it('deletes with --yes, one message or all; 404 message_not_found exits 1', async () => {
    const conv = await conversation();
    const m = await env.json(['messages', 'post', '-c', conv, '--text', 'x']);
    await env.json(['messages', 'post', '-c', conv, '--text', 'y']);
    expect(await env.json(['messages', 'delete', m.id, '-c', conv, '--yes'])).toEqual({ id: m.id, deleted: true });
    const again = await env.sunco(['messages', 'delete', m.id, '-c', conv, '--yes', '--app', env.appId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('404 message_not_found');
    expect(await env.json(['messages', 'delete-all', '-c', conv, '--yes'])).toEqual({ conversation: conv, deleted: true });
    expect(await count(conv)).toBe(0);
  });
});
