/**
 * Records that only SDKs and channels create (devices, SDK clients) and a conversation at
 * its message limit, seeded into the emulator's state (`RunningEmulator.store.state`, the
 * plain-JSON contract of src/emulator/store.ts) so that the official client can read them
 * back and their responses can be checked against the spec. The API offers no way to make
 * them, and posting 30,000 messages one by one would make this file slow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConformant, expectEmptyOk, harness, type Harness } from './helpers.js';
import { failure, SunCo, type Loose } from './sdk.js';

let h: Harness;
let appId: string;
let userId: string;
const NOW = '2026-01-02T03:04:05.000Z';

/** The operations half of one app, as the emulator keeps it (see src/emulator/store.ts). */
function appOps(): Loose {
  return (h.emu.store.state.operations as Loose).apps[appId];
}

beforeAll(async () => {
  h = await harness();
  appId = (await h.sdk.apps.createApp(new SunCo.AppCreateBody('Seeded'))).app.id;
  const web = (await h.sdk.integrations.createIntegration(appId, Object.assign(new SunCo.Web('web'), { displayName: 'Site' }))).integration;
  userId = (await h.sdk.users.createUser(appId, new SunCo.UserCreateBody('seeded-user'))).user.id;
  const user = appOps().users.find((u: Loose) => u.id === userId);
  user.clients.push({
    id: '5f00000000000000000000c1', type: 'sdk', status: 'active', integrationId: web.id, externalId: null,
    linkedAt: NOW, lastSeen: NOW, displayName: null, avatarUrl: null, info: { browser: 'Firefox' }, raw: null,
  });
  user.devices.push({
    id: '5f00000000000000000000d1', type: 'web', guid: 'a1b2c3', clientId: '5f00000000000000000000c1', status: 'active',
    integrationId: web.id, lastSeen: NOW, pushNotificationToken: null, appVersion: null, info: { os: 'Linux' },
  });
});
afterAll(() => h.close());

describe('what SDKs create', () => {
  it('devices list and get deserialize into the client’s Device model', async () => {
    const mark = h.log.length;
    const { devices } = await h.sdk.devices.listDevices(appId, userId);
    expect(devices).toHaveLength(1);
    expect(devices[0]).toBeInstanceOf(SunCo.Device);
    expect(devices[0].guid).toBe('a1b2c3');
    const { device } = await h.sdk.devices.getDevice(appId, userId, '5f00000000000000000000d1');
    expect(device.type).toBe('web');
    expect(device.clientId).toBe('5f00000000000000000000c1');
    expect(device.info).toEqual({ os: 'Linux' });
    expectConformant(h.log, mark);
  });

  it('an sdk client is listed and cannot be removed (RemoveClient 400)', async () => {
    const mark = h.log.length;
    const { clients } = await h.sdk.clients.listClients(appId, userId, {});
    expect(clients.map((c: Loose) => c.type)).toEqual(['sdk']);
    expect(clients[0].info).toEqual({ browser: 'Firefox' });
    const refused = await failure(h.sdk.clients.removeClient(appId, userId, '5f00000000000000000000c1'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].code).toBe('bad_request');
    expectConformant(h.log, mark);
  });
});

describe('the message limit', () => {
  it('answers 423 locked past 30,000 messages, and accepts posts again after delete all', async () => {
    const { conversation } = await h.sdk.conversations.createConversation(
      appId,
      Object.assign(new SunCo.ConversationCreateBody('personal'), { participants: [{ userId }] }),
    );
    const record = appOps().conversations.find((c: Loose) => c.id === conversation.id);
    for (let i = 0; i < 29_999; i++) {
      record.messages.push({
        id: `5f${i.toString(16).padStart(22, '0')}`, received: NOW, author: { type: 'business' },
        content: { type: 'text', text: `m${i}` }, source: { type: 'api' },
      });
    }
    const mark = h.log.length;
    const post = () =>
      h.sdk.messages.postMessage(appId, conversation.id, new SunCo.MessagePost(new SunCo.Author('business'), Object.assign(new SunCo.TextMessage('text'), { text: 'last' })));
    expect((await post()).messages[0].content.text).toBe('last');
    const locked = await failure(post());
    expect(locked.status).toBe(423);
    expect(locked.body.errors[0].code).toBe('locked');
    await expectEmptyOk(h.log, h.sdk.messages.deleteAllMessages(appId, conversation.id));
    expect((await post()).messages).toHaveLength(1);
    expectConformant(h.log, mark);
  });
});
