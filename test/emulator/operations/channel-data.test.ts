import { describe, expect, it } from 'vitest';
import { conforms, createConversation, createUser, useEmulator } from './setup.js';

const env = useEmulator();

const REF = { url: 'https://p61-content.icloud.com/x', bid: 'b', key: 'k', signature: 's', owner: 'o' };
const EVENTS = { payload: { data: [{ event_name: 'Purchase', event_time: 1752161233, action_source: 'business_messaging' }, { event_name: 'Lead' }] } };

async function conversation(): Promise<{ userId: string; path: string }> {
  const user = await createUser(env);
  const id = await createConversation(env, user.id);
  return { userId: user.id, path: `${env.base}/conversations/${id}` };
}

describe('DownloadMessageRef (POST .../download)', () => {
  it('validates the body, the conversation, the user and the apple channel, then answers 200 {}', async () => {
    const c = await conversation();
    const unknown = await env.call('POST', `${env.base}/conversations/${'0'.repeat(24)}/download`, { body: { userId: c.userId, apple: { interactiveDataRef: REF } } });
    expect(unknown).toMatchObject({ status: 404, body: { errors: [{ code: 'conversation_not_found', title: 'Conversation not found' }] } });
    const noUser = await env.call('POST', `${c.path}/download`, { body: { apple: { interactiveDataRef: REF } } });
    expect(noUser.status).toBe(400);
    expect(noUser.body.errors[0]).toEqual({ code: 'bad_request', title: "should have required property 'userId'" });
    const badRef = await env.call('POST', `${c.path}/download`, { body: { userId: c.userId, apple: { interactiveDataRef: { url: 'x' } } } });
    expect(badRef.status).toBe(400);
    const ghost = await env.call('POST', `${c.path}/download`, { body: { userId: '0'.repeat(24), apple: { interactiveDataRef: REF } } });
    expect(ghost).toMatchObject({ status: 404, body: { errors: [{ code: 'user_not_found' }] } });
    const noApple = await env.call('POST', `${c.path}/download`, { body: { userId: c.userId, apple: { interactiveDataRef: REF } } });
    expect(noApple).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'This app has no apple integration' }] } });

    const apple = await env.call('POST', `${env.base}/integrations`, { body: { type: 'apple', businessId: 'biz', apiSecret: 'APPLE-SECRET', mspId: 'msp' } });
    expect(apple.status).toBe(201);
    const ok = await env.call('POST', `${c.path}/download`, { body: { userId: c.userId, apple: { interactiveDataRef: REF } } });
    expect(ok).toMatchObject({ status: 200, body: {} });
  });
});

describe('PostConversionEvents (POST .../conversionEvents)', () => {
  it('takes exactly one Meta channel, needs that integration, and counts the events', async () => {
    const c = await conversation();
    for (const body of [{}, { messenger: EVENTS, instagram: EVENTS }]) {
      const r = await env.call('POST', `${c.path}/conversionEvents`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors[0]).toEqual({ code: 'bad_request', title: 'Exactly one of messenger, instagram, whatsapp is required' });
    }
    const noData = await env.call('POST', `${c.path}/conversionEvents`, { body: { instagram: { payload: {} } } });
    expect(noData.body.errors[0]).toEqual({ code: 'bad_request', title: "instagram.payload should have required property 'data'" });
    const noChannel = await env.call('POST', `${c.path}/conversionEvents`, { body: { instagram: EVENTS } });
    expect(noChannel).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'This app has no instagram integration' }] } });

    await env.call('POST', `${env.base}/integrations`, { body: { type: 'instagram', pageAccessToken: 'T', appId: 'ig', appSecret: 'S' } });
    const ok = await env.call('POST', `${c.path}/conversionEvents`, { body: { instagram: EVENTS } });
    expect(ok.status).toBe(200);
    expect(conforms('conversionEventsResponse', ok.body)).toBe(true);
    expect(ok.body.conversionEvents).toEqual({ datasetId: expect.stringMatching(/^\d+$/), eventsReceived: 2 });
    const again = await env.call('POST', `${c.path}/conversionEvents`, { body: { instagram: EVENTS } });
    expect(again.body.conversionEvents.datasetId).toBe(ok.body.conversionEvents.datasetId);
    const gone = await env.call('POST', `${env.base}/conversations/${'0'.repeat(24)}/conversionEvents`, { body: { instagram: EVENTS } });
    expect(gone).toMatchObject({ status: 404, body: { errors: [{ code: 'conversation_not_found' }] } });
  });
});
