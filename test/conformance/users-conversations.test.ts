/**
 * Users, clients, devices, conversations and participants driven through the official
 * client; every raw response is checked against the spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE } from './integration-bodies.js';
import { expectConformant, expectEmptyOk, lastRaw, type Harness } from './helpers.js';
import { opsHarness, type Ops } from './ops-fixtures.js';
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

describe('users, clients and devices', () => {
  it('create, get by id and by externalId, update, delete personal information and delete', async () => {
    const mark = h.log.length;
    const user = await newUser('user-1');
    expect(user).toBeInstanceOf(SunCo.User);
    expect(user.id).toMatch(/\S/);
    expect(user.externalId).toBe('user-1');
    expect(user.profile.givenName).toBe('Ada');
    expect(user.metadata).toEqual({ plan: 'pro' });
    expect(lastRaw(h.log, 'POST', '/users').status).toBe(201);

    const dup = await failure(h.sdk.users.createUser(appId, new SunCo.UserCreateBody('user-1')));
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].code).toBe('conflict');

    expect((await h.sdk.users.getUser(appId, user.id)).user.externalId).toBe('user-1');
    expect((await h.sdk.users.getUser(appId, 'user-1')).user.id).toBe(user.id);
    const updated = await h.sdk.users.updateUser(appId, user.id, Object.assign(new SunCo.UserUpdateBody(), { metadata: { plan: 'free' } }));
    expect(updated.user.metadata).toEqual({ plan: 'free' });

    const pii = await h.sdk.users.deleteUserPersonalInformation(appId, user.id);
    expect(pii.user.id).toBe(user.id);
    expect(pii.user.profile?.email).toBeUndefined();

    await expectEmptyOk(h.log, h.sdk.users.deleteUser(appId, user.id));
    const gone = await failure(h.sdk.users.getUser(appId, user.id));
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('user_not_found');
    expectConformant(h.log, mark);
  });

  it('clients: create a link request, list and remove; devices: list and get', async () => {
    const user = await newUser('user-clients');
    const conversation = await newConversation(user.id);
    const twilio = (await h.sdk.integrations.createIntegration(appId, CREATE.twilio.body())).integration;
    const mark = h.log.length;

    const link = new SunCo.ClientCreate(
      { type: 'twilio', integrationId: twilio.id, phoneNumber: '+15145555555' },
      { type: 'immediate' },
      { conversationId: conversation.id },
    );
    const { client } = await h.sdk.clients.createClient(appId, user.id, link);
    expect(client).toBeInstanceOf(SunCo.Client);
    expect(client.type).toBe('twilio');
    expect(client.status).toBe('pending');

    const clients = await h.sdk.clients.listClients(appId, user.id, {});
    expect(clients).toBeInstanceOf(SunCo.ClientListResponse);
    expect(clients.clients.map((c: Loose) => c.id)).toContain(client.id);
    await expectEmptyOk(h.log, h.sdk.clients.removeClient(appId, user.id, client.id));
    const missing = await failure(h.sdk.clients.removeClient(appId, user.id, client.id));
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('client_not_found');

    const devices = await h.sdk.devices.listDevices(appId, user.id);
    expect(devices).toBeInstanceOf(SunCo.DeviceListResponse);
    expect(Array.isArray(devices.devices)).toBe(true);
    const noDevice = await failure(h.sdk.devices.getDevice(appId, user.id, '5f0000000000000000000000'));
    expect(noDevice.status).toBe(404);
    expect(noDevice.body.errors[0].code).toBe('device_not_found');
    expectConformant(h.log, mark);
  });
});

describe('conversations and participants', () => {
  it('create, get, list by user, update and delete', async () => {
    const user = await newUser('user-conv');
    const mark = h.log.length;
    const conversation = await newConversation(user.id);
    expect(conversation).toBeInstanceOf(SunCo.Conversation);
    expect(conversation.type).toBe('personal');
    expect(conversation.displayName).toBe('Help');
    expect(lastRaw(h.log, 'POST', '/conversations').status).toBe(201);

    expect((await h.sdk.conversations.getConversation(appId, conversation.id)).conversation.id).toBe(conversation.id);
    const list = await h.sdk.conversations.listConversations(appId, { userId: user.id }, {});
    expect(list).toBeInstanceOf(SunCo.ConversationListResponse);
    expect(list.conversations.map((c: Loose) => c.id)).toEqual([conversation.id]);
    const updated = await h.sdk.conversations.updateConversation(
      appId,
      conversation.id,
      Object.assign(new SunCo.ConversationUpdateBody(), { displayName: 'Billing', metadata: { lang: 'fr' } }),
    );
    expect(updated.conversation.displayName).toBe('Billing');
    expect(updated.conversation.metadata).toEqual({ lang: 'fr' });

    // Spec, DeleteConversation: "the default conversation cannot be deleted" (the user's first one here).
    expect((await failure(h.sdk.conversations.deleteConversation(appId, conversation.id))).status).toBe(400);
    const second = await newConversation(user.id);
    await expectEmptyOk(h.log, h.sdk.conversations.deleteConversation(appId, second.id));
    const gone = await failure(h.sdk.conversations.getConversation(appId, second.id));
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('conversation_not_found');
    expectConformant(h.log, mark);
  });

  it('participants: join, list and leave', async () => {
    const owner = await newUser('user-owner');
    const guest = await newUser('user-guest');
    const conversation = (
      await h.sdk.conversations.createConversation(
        appId,
        Object.assign(new SunCo.ConversationCreateBody('sdkGroup'), { participants: [{ userId: owner.id, subscribeSDKClient: false }] }),
      )
    ).conversation;
    const mark = h.log.length;
    const { participant } = await h.sdk.participants.joinConversation(appId, conversation.id, Object.assign(new SunCo.ParticipantJoinBody(), { userId: guest.id, subscribeSDKClient: false }));
    expect(participant).toBeInstanceOf(SunCo.Participant);
    expect(participant.userId).toBe(guest.id);
    expect(lastRaw(h.log, 'POST', '/join').status).toBe(201);

    const list = await h.sdk.participants.listParticipants(appId, conversation.id, {});
    expect(list).toBeInstanceOf(SunCo.ParticipantListResponse);
    expect(list.participants.map((p: Loose) => p.userId).sort()).toEqual([owner.id, guest.id].sort());

    await expectEmptyOk(h.log, h.sdk.participants.leaveConversation(appId, conversation.id, { userId: guest.id }));
    const after = await h.sdk.participants.listParticipants(appId, conversation.id, {});
    expect(after.participants.map((p: Loose) => p.userId)).toEqual([owner.id]);
    expectConformant(h.log, mark);
  });
});

