import { describe, expect, it } from 'vitest';
import { conforms, createConversation, createUser, useEmulator } from './setup.js';

const env = useEmulator();

describe('emulator conversations', () => {
  it('creates personal conversations; only the first is the default', async () => {
    const u = await createUser(env);
    const first = await env.call('POST', `${env.base}/conversations`, {
      body: { type: 'personal', participants: [{ userExternalId: u.externalId }], displayName: 'Support', metadata: { lang: 'en' } },
    });
    expect(first.status).toBe(201);
    expect(conforms('conversationResponse', first.body)).toBe(true);
    expect(first.body.conversation).toMatchObject({ type: 'personal', isDefault: true, displayName: 'Support', metadata: { lang: 'en' } });
    const second = await env.call('POST', `${env.base}/conversations`, { body: { type: 'personal', participants: [{ userId: u.id }] } });
    expect(second.body.conversation.isDefault).toBe(false);
    // DeleteConversation: "the default conversation cannot be deleted".
    const del = await env.call('DELETE', `${env.base}/conversations/${first.body.conversation.id}`);
    expect(del.status).toBe(400);
    expect(del.body.errors[0].title).toBe(`Conversation ${first.body.conversation.id} cannot be deleted because it is the default.`);
    expect((await env.call('DELETE', `${env.base}/conversations/${second.body.conversation.id}`)).status).toBe(200);
  });

  it('enforces the participant rules of conversationCreateBody', async () => {
    const u = await createUser(env);
    const none = await env.call('POST', `${env.base}/conversations`, { body: { type: 'personal' } });
    expect(none.status).toBe(400);
    const noType = await env.call('POST', `${env.base}/conversations`, { body: { participants: [{ userId: u.id }] } });
    expect(noType.status).toBe(400);
    expect(noType.body.errors[0].title).toMatch(/required property 'type'/);
    const noSubscribe = await env.call('POST', `${env.base}/conversations`, { body: { type: 'sdkGroup', participants: [{ userId: u.id }] } });
    expect(noSubscribe.status).toBe(400);
    const unknown = await env.call('POST', `${env.base}/conversations`, { body: { type: 'personal', participants: [{ userId: 'missing' }] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].code).toBe('user_not_found');
    const group = await env.call('POST', `${env.base}/conversations`, { body: { type: 'sdkGroup' } });
    expect(group.status).toBe(201);
  });

  it('lists a user’s conversations with one required filter, paginated', async () => {
    const u = await createUser(env);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createConversation(env, u.id));
    expect((await env.call('GET', `${env.base}/conversations`)).status).toBe(400);
    expect((await env.call('GET', `${env.base}/conversations?filter[userId]=${u.id}&filter[userExternalId]=${u.externalId}`)).status).toBe(400);
    const missing = await env.call('GET', `${env.base}/conversations?filter[userId]=nobody`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('user_not_found');
    const p1 = await env.call('GET', `${env.base}/conversations?filter[userExternalId]=${u.externalId}&page[size]=2`);
    expect(conforms('conversationListResponse', p1.body)).toBe(true);
    expect(p1.body.conversations.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    expect(p1.body.meta).toMatchObject({ hasMore: true, afterCursor: ids[1] });
    const p2 = await env.call('GET', `${env.base}/conversations?filter[userExternalId]=${u.externalId}&page[size]=2&page[after]=${ids[1]}`);
    expect(p2.body.conversations.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
    expect(p2.body.meta.hasMore).toBe(false);
  });

  it('gets, updates and deletes; 404 conversation_not_found afterwards', async () => {
    const u = await createUser(env);
    await createConversation(env, u.id);
    const id = await createConversation(env, u.id);
    const upd = await env.call('PATCH', `${env.base}/conversations/${id}`, { body: { displayName: 'Renamed', metadata: { k: 'v' } } });
    expect(upd.status).toBe(200);
    expect(upd.body.conversation).toMatchObject({ id, displayName: 'Renamed', metadata: { k: 'v' } });
    const bad = await env.call('PATCH', `${env.base}/conversations/${id}`, { body: { displayName: '' } });
    expect(bad.status).toBe(400);
    expect((await env.call('DELETE', `${env.base}/conversations/${id}`)).status).toBe(200);
    const gone = await env.call('GET', `${env.base}/conversations/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] });
  });

  it('joins and leaves sdkGroup conversations; lists participants', async () => {
    const a = await createUser(env);
    const b = await createUser(env);
    const group = await env.call('POST', `${env.base}/conversations`, { body: { type: 'sdkGroup', participants: [{ userId: a.id, subscribeSDKClient: false }] } });
    const id = group.body.conversation.id as string;
    const join = await env.call('POST', `${env.base}/conversations/${id}/join`, { body: { userExternalId: b.externalId, subscribeSDKClient: false } });
    expect(join.status).toBe(201);
    expect(join.body.participant).toMatchObject({ userId: b.id, userExternalId: b.externalId, unreadCount: 0 });
    const again = await env.call('POST', `${env.base}/conversations/${id}/join`, { body: { userId: b.id, subscribeSDKClient: false } });
    expect(again.status).toBe(400);
    const list = await env.call('GET', `${env.base}/conversations/${id}/participants`);
    expect(conforms('participantListResponse', list.body)).toBe(true);
    expect(list.body.participants.map((p: { userId: string }) => p.userId)).toEqual([a.id, b.id]);
    expect((await env.call('POST', `${env.base}/conversations/${id}/leave`, { body: { userId: b.id } })).status).toBe(200);
    const notMember = await env.call('POST', `${env.base}/conversations/${id}/leave`, { body: { userId: b.id } });
    expect(notMember.status).toBe(404);
    expect(notMember.body.errors[0]).toEqual({ code: 'not_found', title: 'User is not a member of the conversation' });
    const personal = await createConversation(env, a.id);
    const joinPersonal = await env.call('POST', `${env.base}/conversations/${personal}/join`, { body: { userId: b.id, subscribeSDKClient: false } });
    expect(joinPersonal.status).toBe(400);
    const noConv = await env.call('GET', `${env.base}/conversations/5e1606762556d93e9c176f69/participants`);
    expect(noConv.body.errors[0].code).toBe('conversation_not_found');
  });

  it('keeps operations data per app: another app does not see the conversation', async () => {
    const u = await createUser(env);
    const id = await createConversation(env, u.id);
    const other = await env.call('POST', '/v2/apps', { body: { displayName: 'Other' } });
    const r = await env.call('GET', `/v2/apps/${other.body.app.id}/conversations/${id}`);
    expect(r.status).toBe(404);
  });
});
