import { beforeAll, describe, expect, it } from 'vitest';
import { conforms, createConversation, createUser, useEmulator } from './setup.js';

const env = useEmulator();
const sb: { bot: string; agent: string; botIntegration: string; botKey: { keyId: string; secret: string } } = {} as never;

beforeAll(async () => {
  const integ = await env.call('POST', `${env.base}/integrations`, {
    body: { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/hook', triggers: ['conversation:message'] }] },
  });
  sb.botIntegration = integ.body.integration.id;
  const key = await env.call('POST', `${env.base}/integrations/${sb.botIntegration}/keys`, { body: { displayName: 'bot' } });
  sb.botKey = { keyId: key.body.key.id, secret: key.body.key.secret };
  const board = await env.call('POST', `${env.base}/switchboards`);
  const path = `${env.base}/switchboards/${board.body.switchboard.id}/switchboardIntegrations`;
  const bot = await env.call('POST', path, { body: { name: 'bot', integrationId: sb.botIntegration } });
  const agent = await env.call('POST', path, { body: { name: 'agent', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: bot.body.switchboardIntegration.id } });
  sb.bot = bot.body.switchboardIntegration.id;
  sb.agent = agent.body.switchboardIntegration.id;
  await env.call('PATCH', `${path}/${sb.bot}`, { body: { nextSwitchboardIntegrationId: sb.agent } });
});

async function conversation(): Promise<{ id: string; path: string }> {
  const u = await createUser(env);
  const id = await createConversation(env, u.id);
  return { id, path: `${env.base}/conversations/${id}` };
}

describe('emulator switchboard actions', () => {
  it('passControl by name makes it active; `next` follows nextSwitchboardIntegrationId', async () => {
    const c = await conversation();
    const pass = await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'bot', metadata: { reason: 'start' } } });
    expect(pass.status).toBe(200);
    expect(pass.body).toEqual({});
    const got = await env.call('GET', c.path);
    expect(conforms('conversationResponse', got.body)).toBe(true);
    expect(got.body.conversation.activeSwitchboardIntegration).toMatchObject({ id: sb.bot, name: 'bot', integrationId: sb.botIntegration });
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'next' } });
    expect((await env.call('GET', c.path)).body.conversation.activeSwitchboardIntegration).toMatchObject({ id: sb.agent, integrationType: 'zd:agentWorkspace' });
    // By integrationType, third in precedence.
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: sb.bot } });
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'zd:agentWorkspace' } });
    expect((await env.call('GET', c.path)).body.conversation.activeSwitchboardIntegration.id).toBe(sb.agent);
  });

  it('offerControl sets pending, acceptControl makes it active, releaseControl clears both', async () => {
    const c = await conversation();
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'agent' } });
    const self = await env.call('POST', `${c.path}/offerControl`, { body: { switchboardIntegration: 'agent' } });
    expect(self.status).toBe(400);
    expect((await env.call('POST', `${c.path}/offerControl`, { body: { switchboardIntegration: 'bot' } })).status).toBe(200);
    expect((await env.call('GET', c.path)).body.conversation.pendingSwitchboardIntegration.id).toBe(sb.bot);
    expect((await env.call('POST', `${c.path}/acceptControl`, { body: {} })).status).toBe(200);
    const after = (await env.call('GET', c.path)).body.conversation;
    expect(after.activeSwitchboardIntegration.id).toBe(sb.bot);
    expect(after.pendingSwitchboardIntegration).toBeUndefined();
    expect((await env.call('POST', `${c.path}/acceptControl`, { body: {} })).status).toBe(400);
    expect((await env.call('POST', `${c.path}/releaseControl`)).status).toBe(200);
    expect((await env.call('GET', c.path)).body.conversation.activeSwitchboardIntegration).toBeUndefined();
  });

  it('with integration scope, only the active integration may release control (403 otherwise)', async () => {
    const c = await conversation();
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'agent' } });
    const denied = await env.call('POST', `${c.path}/releaseControl`, { body: {}, auth: sb.botKey });
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].code).toBe('forbidden');
    await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'bot' } });
    expect((await env.call('POST', `${c.path}/releaseControl`, { body: {}, auth: sb.botKey })).status).toBe(200);
  });

  it('rejects unknown targets, a missing body field and unknown conversations', async () => {
    const c = await conversation();
    const unknown = await env.call('POST', `${c.path}/passControl`, { body: { switchboardIntegration: 'nobody' } });
    expect(unknown.status).toBe(404);
    expect((await env.call('POST', `${c.path}/passControl`, { body: {} })).status).toBe(400);
    const noConv = await env.call('POST', `${env.base}/conversations/5e1606762556d93e9c176f69/passControl`, { body: { switchboardIntegration: 'bot' } });
    expect(noConv.body.errors[0].code).toBe('conversation_not_found');
  });
});

describe('emulator activity', () => {
  it('accepts typing and read activities (200 {}) and records reads', async () => {
    const u = await createUser(env);
    const id = await createConversation(env, u.id);
    const path = `${env.base}/conversations/${id}`;
    await env.call('POST', `${path}/messages`, { body: { author: { type: 'business' }, content: { type: 'text', text: 'hi' } } });
    const typing = await env.call('POST', `${path}/activity`, { body: { author: { type: 'business' }, type: 'typing:start' } });
    expect(typing.status).toBe(200);
    expect(typing.body).toEqual({});
    const read = await env.call('POST', `${path}/activity`, { body: { author: { type: 'user', userId: u.id }, type: 'conversation:read' } });
    expect(read.status).toBe(200);
    const participants = (await env.call('GET', `${path}/participants`)).body.participants;
    expect(participants[0].unreadCount).toBe(0);
    expect(participants[0].lastRead).toEqual(expect.any(String));
    const userTyping = await env.call('POST', `${path}/activity`, { body: { author: { type: 'user', userId: u.id }, type: 'typing:start' } });
    expect(userTyping.status).toBe(400);
    const badType = await env.call('POST', `${path}/activity`, { body: { author: { type: 'business' }, type: 'dancing' } });
    expect(badType.status).toBe(400);
    await env.call('POST', `${path}/activity`, { body: { author: { type: 'business' }, type: 'conversation:read' } });
    expect((await env.call('GET', path)).body.conversation.businessLastRead).toEqual(expect.any(String));
  });
});

describe('emulator attachments', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, inspected by assertions
  async function upload(query: string, parts: string, boundary = 'XyZ'): Promise<{ status: number; body: any }> {
    const res = await fetch(`${env.emu.url}${env.base}/attachments${query}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${env.emu.accountKey.keyId}:${env.emu.accountKey.secret}`).toString('base64')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: parts,
    });
    return { status: res.status, body: await res.json() };
  }
  const file = (name: string, type: string, data: string) =>
    `--XyZ\r\nContent-Disposition: form-data; name="source"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n${data}\r\n--XyZ--\r\n`;

  it('uploads a multipart `source` file (201) and removes it by mediaUrl', async () => {
    const u = await createUser(env);
    const conv = await createConversation(env, u.id);
    const r = await upload(`?access=public&for=message&conversationId=${conv}`, file('photo.png', 'image/png', 'PNGDATA'));
    expect(r.status).toBe(201);
    expect(conforms('attachmentResponse', r.body)).toBe(true);
    expect(r.body.attachment.mediaType).toBe('image/png');
    expect(r.body.attachment.mediaUrl).toMatch(new RegExp(`/media/apps/${env.appId}/conversations/${conv}/.+/photo\\.png$`));
    const removed = await env.call('POST', `${env.base}/attachments/remove`, { body: { mediaUrl: r.body.attachment.mediaUrl } });
    expect(removed.status).toBe(200);
    const again = await env.call('POST', `${env.base}/attachments/remove`, { body: { mediaUrl: r.body.attachment.mediaUrl } });
    expect(again.status).toBe(404);
    expect(again.body.errors[0]).toEqual({ code: 'not_found', title: 'Attachment not found' });
    const foreign = await env.call('POST', `${env.base}/attachments/remove`, { body: { mediaUrl: 'https://badhost.com/image.png' } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].title).toBe('Unsupported media URL for attachment deletion: https://badhost.com/image.png');
  });

  it('requires access=public and a source file part', async () => {
    expect((await upload('', file('a.txt', 'text/plain', 'x'))).status).toBe(400);
    const noSource = await upload('?access=public', `--XyZ\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--XyZ--\r\n`);
    expect(noSource.status).toBe(400);
    expect(noSource.body.errors[0].title).toMatch(/source/);
    expect((await upload('?access=public', 'garbage')).status).toBe(400);
  });

  it('deletes for=message attachments with the message, conversation or user that uses them (Attachments for Messages)', async () => {
    const u = await createUser(env);
    const conv = await createConversation(env, u.id);
    const messages = `${env.base}/conversations/${conv}/messages`;
    const uploaded = async (query: string) => (await upload(query, file('p.png', 'image/png', 'PNG'))).body.attachment.mediaUrl as string;
    const send = async (mediaUrl: string) => (await env.call('POST', messages, { body: { author: { type: 'business' }, content: { type: 'image', mediaUrl } } })).body.messages[0];
    const remove = async (mediaUrl: string) => (await env.call('POST', `${env.base}/attachments/remove`, { body: { mediaUrl } })).status;

    const forMessage = await uploaded('?access=public&for=message');
    const plain = await uploaded('?access=public');
    const sent = await send(forMessage);
    // The message reads mediaType and mediaSize from the upload (imageMessage: readOnly).
    expect(sent.content).toMatchObject({ mediaUrl: forMessage, mediaType: 'image/png', mediaSize: 3 });
    await send(plain);
    expect((await env.call('DELETE', `${messages}/${sent.id}`)).status).toBe(200);
    expect(await remove(forMessage)).toBe(404);
    expect((await env.call('DELETE', messages)).status).toBe(200);
    expect(await remove(plain)).toBe(200);

    const again = await uploaded('?access=public&for=message');
    await send(again);
    expect((await env.call('DELETE', messages)).status).toBe(200);
    expect(await remove(again)).toBe(404);

    const linked = await uploaded(`?access=public&for=message&conversationId=${conv}`);
    expect((await env.call('DELETE', `${env.base}/users/${u.id}`)).status).toBe(200);
    expect(await remove(linked)).toBe(404);
  });

  it('takes a file of 50 MB (the spec\'s "File upload" size limit) and refuses a larger one with 413', async () => {
    const head = '--XyZ\r\nContent-Disposition: form-data; name="source"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n';
    const tail = '\r\n--XyZ--\r\n';
    const sized = (total: number) => head + 'x'.repeat(total - head.length - tail.length) + tail;
    const limit = 50 * 1024 * 1024;
    const ok = await upload('?access=public', sized(limit));
    expect(ok.status).toBe(201);
    const over = await upload('?access=public', sized(limit + 1));
    expect(over).toEqual({ status: 413, body: { errors: [{ code: 'payload_too_large', title: 'Request body is larger than the 50mb limit' }] } });
  });
});

describe('the default switchboard integration', () => {
  it('controls new conversations, and takes back a released or older one at the user\'s next message', async () => {
    const call = env.call;
    const app = (await call('POST', '/v2/apps', { body: { displayName: 'Default control' } })).body.app.id as string;
    const base = `/v2/apps/${app}`;
    const userId = (await call('POST', `${base}/users`, { body: { externalId: 'default-control' } })).body.user.id as string;
    const start = async () => (await call('POST', `${base}/conversations`, { body: { type: 'sdkGroup', participants: [{ userId, subscribeSDKClient: false }] } })).body.conversation.id as string;
    const active = async (id: string) => (await call('GET', `${base}/conversations/${id}`)).body.conversation.activeSwitchboardIntegration;
    const say = (id: string, author: Record<string, unknown>) => call('POST', `${base}/conversations/${id}/messages`, { body: { author, content: { type: 'text', text: 'hi' } } });

    const older = await start();
    const board = (await call('POST', `${base}/switchboards`)).body.switchboard.id as string;
    const agent = (await call('POST', `${base}/switchboards/${board}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } })).body
      .switchboardIntegration.id as string;
    await call('PATCH', `${base}/switchboards/${board}`, { body: { enabled: true, defaultSwitchboardIntegrationId: agent } });

    const fresh = await start();
    expect(await active(fresh)).toMatchObject({ id: agent, name: 'agent', integrationType: 'zd:agentWorkspace' });
    expect(await active(older)).toBeUndefined();
    // A business message does not start the switchboard; the user's does.
    await say(older, { type: 'business' });
    expect(await active(older)).toBeUndefined();
    await say(older, { type: 'user', userId });
    expect(await active(older)).toMatchObject({ id: agent });
    expect((await call('POST', `${base}/conversations/${fresh}/releaseControl`)).status).toBe(200);
    expect(await active(fresh)).toBeUndefined();
    await say(fresh, { type: 'user', userId });
    expect(await active(fresh)).toMatchObject({ id: agent });

    // DeleteSwitchboardIntegration: conversations it was active in are re-selected to the default.
    const bot = (await call('POST', `${base}/switchboards/${board}/switchboardIntegrations`, { body: { name: 'bot', integrationType: 'zd:answerBot' } })).body
      .switchboardIntegration.id as string;
    await call('POST', `${base}/conversations/${fresh}/passControl`, { body: { switchboardIntegration: 'bot' } });
    expect(await active(fresh)).toMatchObject({ id: bot });
    expect((await call('DELETE', `${base}/switchboards/${board}/switchboardIntegrations/${bot}`)).status).toBe(200);
    expect(await active(fresh)).toMatchObject({ id: agent, name: 'agent' });
  });
});
