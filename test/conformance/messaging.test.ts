/**
 * Messages, activity, switchboard actions and attachments driven through the official
 * client; every raw response is checked against the spec.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE } from './integration-bodies.js';
import { expectConformant, expectEmptyOk, lastRaw, type Harness } from './helpers.js';
import { business, opsHarness, text, type Ops } from './ops-fixtures.js';
import { failure, SunCo, type Loose } from './sdk.js';

let ops: Ops;
let h: Harness;
let appId: string;
beforeAll(async () => {
  ops = await opsHarness();
  ({ h, appId } = ops);
});
afterAll(() => h.close());
const newUser = (externalId: string) => ops.newUser(externalId);
const newConversation = (userId: string) => ops.newConversation(userId);

describe('messages and activity', () => {
  it('post, list (backwards pages of 100, page[before]), delete one and delete all', async () => {
    const user = await newUser('user-msg');
    const conversation = await newConversation(user.id);
    const mark = h.log.length;
    const posted: Loose[] = [];
    for (const words of ['one', 'two', 'three']) {
      const r = await h.sdk.messages.postMessage(appId, conversation.id, text(business(), words));
      expect(r).toBeInstanceOf(SunCo.MessagePostResponse);
      expect(r.messages[0]).toBeInstanceOf(SunCo.Message);
      expect(r.messages[0].content.text).toBe(words);
      expect(r.messages[0].author.type).toBe('business');
      posted.push(r.messages[0]);
    }
    const fromUser = Object.assign(new SunCo.Author('user'), { userId: user.id });
    const userMsg = (await h.sdk.messages.postMessage(appId, conversation.id, text(fromUser, 'four'))).messages[0];
    expect(userMsg.author.userId).toBe(user.id);

    const all = await h.sdk.messages.listMessages(appId, conversation.id, {});
    expect(all.meta.hasMore).toBe(false);
    expect(all).toBeInstanceOf(SunCo.MessageListResponse);
    expect(all.messages.map((m: Loose) => m.content.text)).toEqual(['one', 'two', 'three', 'four']);

    // ListMessages pages backwards with a fixed page size of 100 (page[size] "does not apply"):
    // with 104 messages the default page is the last 100 and page[before] gives the first 4.
    for (let i = 0; i < 100; i++) await h.sdk.messages.postMessage(appId, conversation.id, text(business(), `bulk ${i}`));
    const last = await h.sdk.messages.listMessages(appId, conversation.id, {});
    expect(last.messages).toHaveLength(100);
    expect(last.messages[99].content.text).toBe('bulk 99');
    expect(last.meta.hasMore).toBe(true);
    expect(last.meta.beforeCursor).toMatch(/\S/);
    expect(last.links.prev).toMatch(/\S/);
    const first = await h.sdk.messages.listMessages(appId, conversation.id, { page: { before: last.meta.beforeCursor } });
    expect(first.messages.map((m: Loose) => m.content.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(first.meta.hasMore).toBe(false);

    await expectEmptyOk(h.log, h.sdk.messages.deleteMessage(appId, conversation.id, posted[0].id));
    const missing = await failure(h.sdk.messages.deleteMessage(appId, conversation.id, posted[0].id));
    expect(missing.status).toBe(404);
    const left = await h.sdk.messages.listMessages(appId, conversation.id, {});
    expect(left.messages.map((m: Loose) => m.id)).not.toContain(posted[0].id);

    await expectEmptyOk(h.log, h.sdk.messages.deleteAllMessages(appId, conversation.id));
    expect((await h.sdk.messages.listMessages(appId, conversation.id, {})).messages).toEqual([]);
    expectConformant(h.log, mark);
  });

  it('every content type the business can post comes back as the client’s Message model', async () => {
    const user = await newUser('user-content');
    const conversation = await newConversation(user.id);
    const mark = h.log.length;
    const action = (type: string, extra: Record<string, unknown>) => ({ type, text: type, ...extra });
    const contents: Record<string, unknown>[] = [
      { type: 'text', text: 'hi', actions: [action('reply', { payload: 'y' }), action('link', { uri: 'https://acme.example' })] },
      { type: 'image', mediaUrl: 'https://acme.example/a.png', altText: 'a' },
      { type: 'file', mediaUrl: 'https://acme.example/f.pdf' },
      { type: 'location', coordinates: { lat: 45.5, long: -73.6 }, location: { address: '1 Main St', name: 'HQ' } },
      { type: 'carousel', items: [{ title: 'One', actions: [action('postback', { payload: 'p1' })] }, { title: 'Two', actions: [action('webview', { uri: 'https://acme.example/w', fallback: 'https://acme.example' })] }] },
      { type: 'list', items: [{ title: 'Item', actions: [action('link', { uri: 'https://acme.example' })] }] },
      { type: 'form', fields: [{ type: 'text', name: 'name', label: 'Name' }, { type: 'email', name: 'email', label: 'Email' }] },
      { type: 'template', template: { name: 'greeting', language: { code: 'en' } } },
    ];
    for (const content of contents) {
      const { messages } = await h.sdk.messages.postMessage(appId, conversation.id, new SunCo.MessagePost(business(), content));
      expect(messages[0]).toBeInstanceOf(SunCo.Message);
      expect(messages[0].content.type).toBe(content.type);
    }
    const listed = await h.sdk.messages.listMessages(appId, conversation.id, {});
    expect(listed.messages.map((m: Loose) => m.content.type)).toEqual(contents.map((c) => c.type));
    expect(listed.messages[3].content.coordinates).toEqual({ lat: 45.5, long: -73.6 });
    expect(listed.messages[4].content.items).toHaveLength(2);
    expectConformant(h.log, mark);
  });

  it('activity: conversation:read from a user, typing from the business', async () => {
    const user = await newUser('user-activity');
    const conversation = await newConversation(user.id);
    const mark = h.log.length;
    const author = Object.assign(new SunCo.Author('user'), { userId: user.id });
    await h.sdk.activities.postActivity(appId, conversation.id, new SunCo.ActivityPost(author, 'conversation:read'));
    expect(lastRaw(h.log, 'POST', '/activity').status).toBe(200);
    // activityTypes: "If the author type is user, only conversation:read is supported."
    await h.sdk.activities.postActivity(appId, conversation.id, new SunCo.ActivityPost(business(), 'typing:start'));
    expect(lastRaw(h.log, 'POST', '/activity').status).toBe(200);
    const typing = await failure(h.sdk.activities.postActivity(appId, conversation.id, new SunCo.ActivityPost(author, 'typing:start')));
    expect(typing.status).toBe(400);
    expectConformant(h.log, mark);
  });
});

describe('switchboard actions', () => {
  it('pass, offer, accept and release control', async () => {
    const sbApp = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('Control'))).app.id;
    const bot = (await h.sdk.integrations.createIntegration(sbApp, CREATE.custom.body())).integration;
    const { switchboard } = await h.sdk.switchboards.createSwitchboard(sbApp);
    const mkSi = async (name: string, extra: Record<string, unknown>) =>
      (await h.sdk.switchboardIntegrations.createSwitchboardIntegration(sbApp, switchboard.id, Object.assign(new SunCo.SwitchboardIntegrationCreateBody(name), extra)))
        .switchboardIntegration;
    const botSi = await mkSi('bot', { integrationId: bot.id });
    const agentSi = await mkSi('agent', { integrationType: 'zd:agentWorkspace' });
    await h.sdk.switchboards.updateSwitchboard(sbApp, switchboard.id, Object.assign(new SunCo.SwitchboardUpdateBody(), { enabled: true, defaultSwitchboardIntegrationId: botSi.id }));
    const user = (await h.sdk.users.createUser(sbApp, new SunCo.UserCreateBody('control-user'))).user;
    const conversation = (
      await h.sdk.conversations.createConversation(sbApp, Object.assign(new SunCo.ConversationCreateBody('personal'), { participants: [{ userId: user.id }] }))
    ).conversation;
    const mark = h.log.length;

    await h.sdk.switchboardActions.passControl(sbApp, conversation.id, Object.assign(new SunCo.PassControlBody('agent'), { metadata: { reason: 'human' } }));
    expect(lastRaw(h.log, 'POST', '/passControl').status).toBe(200);
    const afterPass = (await h.sdk.conversations.getConversation(sbApp, conversation.id)).conversation;
    expect(afterPass.activeSwitchboardIntegration.id).toBe(agentSi.id);

    await h.sdk.switchboardActions.offerControl(sbApp, conversation.id, new SunCo.OfferControlBody(botSi.id));
    expect(lastRaw(h.log, 'POST', '/offerControl').status).toBe(200);
    const afterOffer = (await h.sdk.conversations.getConversation(sbApp, conversation.id)).conversation;
    expect(afterOffer.pendingSwitchboardIntegration.id).toBe(botSi.id);

    await h.sdk.switchboardActions.acceptControl(sbApp, conversation.id, new SunCo.AcceptControlBody());
    expect(lastRaw(h.log, 'POST', '/acceptControl').status).toBe(200);
    expect((await h.sdk.conversations.getConversation(sbApp, conversation.id)).conversation.activeSwitchboardIntegration.id).toBe(botSi.id);

    await h.sdk.switchboardActions.releaseControl(sbApp, conversation.id);
    expect(lastRaw(h.log, 'POST', '/releaseControl').status).toBe(200);
    expectConformant(h.log, mark);
  });
});

describe('attachments', () => {
  it('upload (multipart) and remove', async () => {
    const user = await newUser('user-attach');
    const conversation = await newConversation(user.id);
    const mark = h.log.length;
    // A file stream, as the client's docs show: it sends a filename (a bare Buffer does not).
    const dir = mkdtempSync(join(tmpdir(), 'sunco-conf-'));
    const file = join(dir, 'pixel.png');
    writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const up = await h.sdk.attachments.uploadAttachment(appId, 'public', createReadStream(file), { _for: 'message', conversationId: conversation.id });
    expect(up).toBeInstanceOf(SunCo.AttachmentResponse);
    expect(up.attachment.mediaUrl).toMatch(/^https?:\/\//);
    expect(typeof up.attachment.mediaType).toBe('string');
    expect(lastRaw(h.log, 'POST', '/attachments').status).toBe(201);

    await expectEmptyOk(h.log, h.sdk.attachments.deleteAttachment(appId, new SunCo.AttachmentDeleteBody(up.attachment.mediaUrl)));
    const again = await failure(h.sdk.attachments.deleteAttachment(appId, new SunCo.AttachmentDeleteBody(up.attachment.mediaUrl)));
    expect(again.status).toBe(404);
    rmSync(dir, { recursive: true, force: true });
    expectConformant(h.log, mark);
  });
});

/*
 * DownloadMessageRef (finding F4, fixed), offered by the client as
 * ConversationsApi.downloadMessageRef. Without Apple behind it, the emulator can still
 * validate the request (downloadMessageRefBody requires userId), name an unknown
 * conversation, and answer the documented 200 `type: object` for an app with an apple
 * integration.
 */
describe('DownloadMessageRef', () => {
  it('404 conversation_not_found for an unknown conversation, 400 without userId, 200 with an apple integration', async () => {
    const appId = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('Ref'))).app.id;
    const user = (await h.sdk.users.createUser(appId, new SunCo.UserCreateBody('ref-user'))).user;
    const conv = (await h.sdk.conversations.createConversation(appId, { type: 'personal', participants: [{ userId: user.id }] })).conversation;
    const mark = h.log.length;
    const ref = { url: 'https://p61-content.icloud.com/x', bid: 'b', key: 'k', signature: 's', owner: 'o' };
    const unknown = await failure(h.sdk.conversations.downloadMessageRef(appId, '5f0000000000000000000000', { userId: user.id, apple: { interactiveDataRef: ref } }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('conversation_not_found');
    const bad = await failure(h.sdk.conversations.downloadMessageRef(appId, conv.id, { apple: { interactiveDataRef: ref } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe('bad_request');

    await h.sdk.integrations.createIntegration(appId, CREATE.apple.body());
    await h.sdk.conversations.downloadMessageRef(appId, conv.id, Object.assign(new SunCo.DownloadMessageRefBody(), { userId: user.id, apple: { interactiveDataRef: ref } }));
    const last = h.log[h.log.length - 1];
    expect(last.status).toBe(200);
    expect(typeof last.body).toBe('object');
    expectConformant(h.log, mark);
  });
});
