import { afterEach, describe, expect, it } from 'vitest';
import { setMessageLimit } from '../../../src/emulator/operations/index.js';
import type { MessageRecord } from '../../../src/emulator/operations/state.js';
import { conforms, createConversation, createUser, useEmulator } from './setup.js';

const env = useEmulator();

async function conversation(): Promise<{ user: { id: string; externalId: string }; id: string; path: string }> {
  const user = await createUser(env);
  const id = await createConversation(env, user.id);
  return { user, id, path: `${env.base}/conversations/${id}/messages` };
}

afterEach(() => setMessageLimit());

describe('emulator messages', () => {
  it('posts a text message as the business (201 messagePostResponse)', async () => {
    const c = await conversation();
    const r = await env.call('POST', c.path, { body: { author: { type: 'business', displayName: 'Acme' }, content: { type: 'text', text: 'Hello' } } });
    expect(r.status).toBe(201);
    expect(conforms('messagePostResponse', r.body)).toBe(true);
    expect(r.body.messages).toHaveLength(1);
    expect(r.body.messages[0]).toMatchObject({ author: { type: 'business', displayName: 'Acme' }, content: { type: 'text', text: 'Hello' }, source: { type: 'api' } });
  });

  it('posts as a user named by externalId; the message shows the userId', async () => {
    const c = await conversation();
    const r = await env.call('POST', c.path, { body: { author: { type: 'user', userExternalId: c.user.externalId }, content: { type: 'text', text: 'Hi' } } });
    expect(r.status).toBe(201);
    expect(r.body.messages[0].author).toEqual({ type: 'user', userId: c.user.id });
    const unknown = await env.call('POST', c.path, { body: { author: { type: 'user', userId: 'nobody' }, content: { type: 'text', text: 'Hi' } } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('user_not_found');
  });

  it.each([
    ['text that is not a string', { type: 'text', text: 42 }, /content\.text should be string/],
    ['text without text, actions or htmlText', { type: 'text' }, /content\.text is required/],
    ['text over 4096 characters', { type: 'text', text: 'x'.repeat(4097) }, /content\.text/],
    ['htmlText with markdownText', { type: 'text', htmlText: '<b>a</b>', markdownText: '**a**' }, /htmlText/],
    ['an unknown content type', { type: 'hologram', text: 'hi' }, /Unsupported content type: hologram/],
    ['a postback action without payload', { type: 'text', text: 'a', actions: [{ type: 'postback', text: 'Go' }] }, /payload/],
    ['an image without mediaUrl', { type: 'image' }, /mediaUrl/],
    ['a carousel without items', { type: 'carousel' }, /items/],
  ])('rejects %s with 400 bad_request', async (_name, content, title) => {
    const c = await conversation();
    const r = await env.call('POST', c.path, { body: { author: { type: 'business' }, content } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('bad_request');
    expect(r.body.errors[0].title).toMatch(title);
  });

  it('accepts the other content types of the spec (actions, image, carousel, location, file)', async () => {
    const c = await conversation();
    const contents = [
      { type: 'text', text: 'Pick', actions: [{ type: 'postback', text: 'A', payload: 'a' }, { type: 'reply', text: 'B', payload: 'b' }, { type: 'link', text: 'C', uri: 'https://x.example' }] },
      { type: 'image', mediaUrl: 'https://x.example/a.png' },
      { type: 'file', mediaUrl: 'https://x.example/a.pdf' },
      { type: 'carousel', items: [{ title: 'T', actions: [{ type: 'postback', text: 'Go', payload: 'go' }] }] },
      { type: 'location', coordinates: { lat: 45.5, long: -73.6 } },
    ];
    for (const content of contents) {
      const r = await env.call('POST', c.path, { body: { author: { type: 'business' }, content } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const bad = await env.call('POST', c.path, { body: { author: { type: 'robot' }, content: { type: 'text', text: 'x' } } });
    expect(bad.status).toBe(400);
  });

  it('refuses formResponse (not sendable via the API) and a form whose field or option names repeat', async () => {
    const c = await conversation();
    const post = (author: Record<string, unknown>, content: Record<string, unknown>) => env.call('POST', c.path, { body: { author, content } });
    const field = (name: string, options?: string[]) => ({ type: 'select', name, label: name, ...(options ? { options: options.map((o) => ({ name: o, label: o })) } : {}) });
    const formResponse = await post({ type: 'user', userId: c.user.id }, { type: 'formResponse', fields: [{ type: 'text', name: 'n', label: 'N', text: 'x' }] });
    expect(formResponse).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'formResponse messages cannot be sent via the API' }] } });
    const twice = await post({ type: 'business' }, { type: 'form', fields: [field('size', ['s']), field('size', ['m'])] });
    expect(twice.body.errors[0]).toEqual({ code: 'bad_request', title: 'content.fields: name size is used twice' });
    const options = await post({ type: 'business' }, { type: 'form', fields: [field('size', ['s', 'm', 's'])] });
    expect(options.body.errors[0]).toEqual({ code: 'bad_request', title: 'content.fields.0.options: name s is used twice' });
    expect((await post({ type: 'business' }, { type: 'form', fields: [field('size', ['s', 'm']), field('colour', ['s'])] })).status).toBe(201);
  });

  it('answers 423 locked once the conversation holds the message limit; delete all makes room', async () => {
    const c = await conversation();
    setMessageLimit(2);
    const post = () => env.call('POST', c.path, { body: { author: { type: 'business' }, content: { type: 'text', text: 'x' } } });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const locked = await post();
    expect(locked.status).toBe(423);
    expect(locked.body).toEqual({ errors: [{ code: 'locked', title: 'Message limit of 2 per conversation reached.' }] });
    expect((await env.call('DELETE', c.path)).status).toBe(200);
    expect((await post()).status).toBe(201);
  });

  it('the default limit is the spec\'s 30,000 messages (423 with the spec\'s title)', async () => {
    const c = await conversation();
    const conv = env.emu.store.state.operations.apps[env.appId]!.conversations.find((x) => x.id === c.id)!;
    const post = () => env.call('POST', c.path, { body: { author: { type: 'business' }, content: { type: 'text', text: 'x' } } });
    for (let i = 0; i < 29_999; i++) {
      conv.messages.push({ id: `5e16067625${i.toString(16).padStart(14, '0')}`, received: new Date(0).toISOString(), author: { type: 'business' }, content: { type: 'text', text: 'seeded' }, source: { type: 'api' } });
    }
    expect((await post()).status).toBe(201);
    const locked = await post();
    expect(locked).toMatchObject({ status: 423, body: { errors: [{ code: 'locked', title: 'Message limit of 30000 per conversation reached.' }] } });
    expect(conv.messages).toHaveLength(30_000);
  });

  it('lists backwards: the newest 100 by default, page[before] for older ones, page[size] ignored', async () => {
    const c = await conversation();
    const conv = env.emu.store.state.operations.apps[env.appId]!.conversations.find((x) => x.id === c.id)!;
    const ids: string[] = [];
    for (let i = 0; i < 230; i++) {
      const id = `5e1606762556d93e9c${i.toString(16).padStart(6, '0')}`;
      ids.push(id);
      const m: MessageRecord = { id, received: new Date(1_700_000_000_000 + i).toISOString(), author: { type: 'business' }, content: { type: 'text', text: `m${i}` }, source: { type: 'api' } };
      conv.messages.push(m);
    }
    const last = await env.call('GET', `${c.path}?page[size]=5`);
    expect(conforms('messageListResponse', last.body)).toBe(true);
    expect(last.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(130));
    expect(last.body.meta).toEqual({ hasMore: true, beforeCursor: ids[130] });
    expect(last.body.links.prev).toContain(`page%5Bbefore%5D=${ids[130]}`);
    const mid = await env.call('GET', `${c.path}?page[before]=${ids[130]}`);
    expect(mid.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(30, 130));
    expect(mid.body.meta).toMatchObject({ hasMore: true, beforeCursor: ids[30], afterCursor: ids[129] });
    const first = await env.call('GET', `${c.path}?page[before]=${ids[30]}`);
    expect(first.body.messages).toHaveLength(30);
    expect(first.body.meta.hasMore).toBe(false);
    const forward = await env.call('GET', `${c.path}?page[after]=${ids[200]}`);
    expect(forward.body.messages.map((m: { id: string }) => m.id)).toEqual(ids.slice(201));
    expect(forward.body.meta.hasMore).toBe(false);
    for (const q of ['page[after]=short', `page[before]=${ids[1]}x`, `page[after]=${ids[1]}&page[before]=${ids[2]}`]) {
      const bad = await env.call('GET', `${c.path}?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.errors[0].code).toBe('bad_request');
    }
  });

  it('deletes one message (message_not_found afterwards) and all messages', async () => {
    const c = await conversation();
    const posted = await env.call('POST', c.path, { body: { author: { type: 'business' }, content: { type: 'text', text: 'bye' } } });
    const mid = posted.body.messages[0].id;
    expect((await env.call('DELETE', `${c.path}/${mid}`)).status).toBe(200);
    const again = await env.call('DELETE', `${c.path}/${mid}`);
    expect(again.status).toBe(404);
    expect(again.body.errors[0].code).toBe('message_not_found');
    expect((await env.call('GET', c.path)).body.messages).toEqual([]);
    const noConv = await env.call('GET', `${env.base}/conversations/5e1606762556d93e9c176f69/messages`);
    expect(noConv.status).toBe(404);
    const noConvDelete = await env.call('DELETE', `${env.base}/conversations/5e1606762556d93e9c176f69/messages`);
    expect(noConvDelete.body.errors[0].code).toBe('conversation_not_found');
  });
});
