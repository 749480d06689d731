import { describe, expect, it } from 'vitest';
import { conforms, createConversation, createUser, useEmulator } from './setup.js';

const env = useEmulator();

describe('emulator users', () => {
  it('creates a user (201, userResponse) and finds it by id and by externalId', async () => {
    const r = await env.call('POST', `${env.base}/users`, {
      body: { externalId: 'ada', profile: { givenName: 'Ada', email: 'ada@example.org' }, metadata: { tier: 'gold' } },
    });
    expect(r.status).toBe(201);
    expect(conforms('userResponse', r.body)).toBe(true);
    expect(r.body.user).toMatchObject({ externalId: 'ada', profile: { givenName: 'Ada', email: 'ada@example.org' }, metadata: { tier: 'gold' } });
    const byId = await env.call('GET', `${env.base}/users/${r.body.user.id}`);
    const byExt = await env.call('GET', `${env.base}/users/ada`);
    expect(byId.body).toEqual(r.body);
    expect(byExt.body).toEqual(r.body);
  });

  it('refuses a second user with the same externalId: 409 conflict', async () => {
    await createUser(env, { externalId: 'dup' });
    const r = await env.call('POST', `${env.base}/users`, { body: { externalId: 'dup' } });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ errors: [{ code: 'conflict', title: 'User already exists' }] });
  });

  it('validates the create body against userCreateBody', async () => {
    const r = await env.call('POST', `${env.base}/users`, { body: { externalId: 'x1', profile: { email: 'not-an-email' } } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('bad_request');
    expect(r.body.errors[0].title).toMatch(/profile\.email/);
    const meta = await env.call('POST', `${env.base}/users`, { body: { externalId: 'x2', metadata: { nested: { a: 1 } } } });
    expect(meta.status).toBe(400);
    // signedUpAt: "Must be ISO 8601 time format YYYY-MM-DDThh:mm:ss.sssZ", on create and update.
    const title = 'signedUpAt must be an ISO 8601 date and time, e.g. 2020-05-21T15:53:30.197Z';
    for (const signedUpAt of ['yesterday', '2020-05-21', '2020-13-45T99:00:00Z']) {
      const r2 = await env.call('POST', `${env.base}/users`, { body: { externalId: `x3-${signedUpAt}`, signedUpAt } });
      expect(r2.body, signedUpAt).toEqual({ errors: [{ code: 'bad_request', title }] });
    }
    const ok = await env.call('POST', `${env.base}/users`, { body: { externalId: 'x4', signedUpAt: '2020-05-21T15:53:30.197Z' } });
    expect(ok.body.user.signedUpAt).toBe('2020-05-21T15:53:30.197Z');
    expect((await env.call('PATCH', `${env.base}/users/x4`, { body: { signedUpAt: 'soon' } })).body).toEqual({ errors: [{ code: 'bad_request', title }] });
  });

  it('answers 404 user_not_found for an unknown user on get, update, delete and personal information', async () => {
    for (const [method, suffix] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['DELETE', '/personalinformation']] as const) {
      const r = await env.call(method, `${env.base}/users/nobody${suffix}`, method === 'PATCH' ? { body: {} } : {});
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ errors: [{ code: 'user_not_found', title: 'User not found' }] });
    }
  });

  it('updates the profile (null clears a field) and replaces metadata', async () => {
    const u = await createUser(env, { profile: { givenName: 'G', surname: 'S' }, metadata: { a: 1 } });
    const r = await env.call('PATCH', `${env.base}/users/${u.id}`, { body: { profile: { surname: null, email: 'g@example.org' }, metadata: { b: true } } });
    expect(r.status).toBe(200);
    expect(r.body.user.profile).toEqual({ givenName: 'G', email: 'g@example.org' });
    expect(r.body.user.metadata).toEqual({ b: true });
  });

  it('lists users only by filter[identities.email], which is required', async () => {
    const missing = await env.call('GET', `${env.base}/users`);
    expect(missing.status).toBe(400);
    await createUser(env, { profile: { email: 'profile-only@example.org' } });
    // ListUsers never matches profile.email: only identities.
    const r = await env.call('GET', `${env.base}/users?filter[identities.email]=profile-only@example.org`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ users: [] });
    const u = await createUser(env);
    env.emu.store.state.operations.apps[env.appId]!.users.find((x) => x.id === u.id)!.identities.push({ type: 'email', value: 'id@example.org' });
    const found = await env.call('GET', `${env.base}/users?filter[identities.email]=ID@example.org`);
    expect(found.body.users.map((x: { id: string }) => x.id)).toEqual([u.id]);
    expect(conforms('userListResponse', found.body)).toBe(true);
  });

  it('deletes personal information but keeps the user and its conversations', async () => {
    const u = await createUser(env, { profile: { givenName: 'P', email: 'p@example.org', locale: 'fr-CA' }, metadata: { x: 'y' } });
    const conv = await createConversation(env, u.id);
    const r = await env.call('DELETE', `${env.base}/users/${u.id}/personalinformation`);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: u.id, profile: { locale: 'fr-CA' }, metadata: {} });
    expect(r.body.user.profile.givenName).toBeUndefined();
    expect((await env.call('GET', `${env.base}/conversations/${conv}`)).status).toBe(200);
  });

  it('deleting a user deletes its personal conversations', async () => {
    const u = await createUser(env);
    const conv = await createConversation(env, u.id);
    expect((await env.call('DELETE', `${env.base}/users/${u.externalId}`)).status).toBe(200);
    expect((await env.call('GET', `${env.base}/users/${u.id}`)).status).toBe(404);
    expect((await env.call('GET', `${env.base}/conversations/${conv}`)).status).toBe(404);
  });

  it('creates, lists (paginated) and removes clients; devices are read-only', async () => {
    const u = await createUser(env);
    const conv = await createConversation(env, u.id);
    const integration = async (b: Record<string, unknown>) => (await env.call('POST', `${env.base}/integrations`, { body: b })).body.integration.id as string;
    const twilio = await integration({ type: 'twilio', accountSid: 'AC1', authToken: 'T', phoneNumberSid: 'PN1' });
    const mailgun = await integration({ type: 'mailgun', apiKey: 'K', domain: 'mg.example', incomingAddress: 'in@mg.example' });
    const body = {
      matchCriteria: { type: 'twilio', integrationId: twilio, phoneNumber: '+15550001234' },
      confirmation: { type: 'immediate' },
      target: { conversationId: conv },
    };
    // matchCriteria.integrationId "Must match the provided type"; phone numbers carry + and the country code;
    // a confirmation message is text or image, with link actions only.
    const text = (extra: Record<string, unknown> = {}) => ({ author: { type: 'business' }, content: { type: 'text', text: 'Link?', ...extra } });
    const refused: [Record<string, unknown>, string][] = [
      [{ matchCriteria: { ...body.matchCriteria, integrationId: '5e1606762556d93e9c176f69' } }, 'matchCriteria.integrationId must name a twilio integration of this app'],
      [{ matchCriteria: { ...body.matchCriteria, integrationId: mailgun } }, 'matchCriteria.integrationId must name a twilio integration of this app'],
      [{ matchCriteria: { ...body.matchCriteria, phoneNumber: '212 555 2368' } }, 'matchCriteria.phoneNumber must contain the + prefix and the country code'],
      [{ confirmation: { type: 'prompt', message: { author: { type: 'business' }, content: { type: 'location', coordinates: { lat: 1, long: 2 } } } } }, 'confirmation.message can only be of type text or image'],
      [{ confirmation: { type: 'prompt', message: text({ actions: [{ type: 'postback', text: 'Yes', payload: 'y' }] }) } }, 'confirmation.message actions can only be of type link'],
    ];
    for (const [change, title] of refused) {
      const r = await env.call('POST', `${env.base}/users/${u.id}/clients`, { body: { ...body, ...change } });
      expect(r.body, title).toEqual({ errors: [{ code: 'bad_request', title }] });
    }
    const prompt = { ...body, confirmation: { type: 'prompt', message: text({ actions: [{ type: 'link', text: 'Open', uri: 'https://x.example' }] }) } };
    const withMessage = await env.call('POST', `${env.base}/users/${u.id}/clients`, { body: prompt });
    expect(withMessage.status).toBe(201);
    await env.call('DELETE', `${env.base}/users/${u.id}/clients/${withMessage.body.client.id}`);
    const created = await env.call('POST', `${env.base}/users/${u.id}/clients`, { body });
    expect(created.status).toBe(201);
    expect(created.body.client).toMatchObject({ type: 'twilio', status: 'pending', externalId: '+15550001234' });
    const bad = await env.call('POST', `${env.base}/users/${u.id}/clients`, { body: { ...body, matchCriteria: { type: 'twilio', integrationId: 'x' } } });
    expect(bad.status).toBe(400);
    const list = await env.call('GET', `${env.base}/users/${u.id}/clients`);
    expect(conforms('clientListResponse', list.body)).toBe(true);
    expect(list.body.clients).toHaveLength(1);
    expect(list.body.meta).toEqual({ hasMore: false });
    expect((await env.call('DELETE', `${env.base}/users/${u.id}/clients/${created.body.client.id}`)).status).toBe(200);
    const gone = await env.call('DELETE', `${env.base}/users/${u.id}/clients/${created.body.client.id}`);
    expect(gone.body.errors[0].code).toBe('client_not_found');
    expect((await env.call('GET', `${env.base}/users/${u.id}/devices`)).body).toEqual({ devices: [] });
    const device = await env.call('GET', `${env.base}/users/${u.id}/devices/5e1606762556d93e9c176f69`);
    expect(device.status).toBe(404);
    expect(device.body.errors[0].code).toBe('device_not_found');
  });

  it('sync answers user_not_found for an unknown zendeskId', async () => {
    const r = await env.call('POST', `${env.base}/users/12345/sync`, { body: {} });
    expect(r.status).toBe(404);
    expect(r.body.errors[0].code).toBe('user_not_found');
    // syncUserBody: survivingZendeskId is a string.
    const bad = await env.call('POST', `${env.base}/users/12345/sync`, { body: { survivingZendeskId: 35436 } });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'survivingZendeskId should be string' }] } });
    // Only help-center authentication sets a zendeskId: preload one.
    const u = await createUser(env);
    env.emu.store.state.operations.apps[env.appId]!.users.find((x) => x.id === u.id)!.zendeskId = '777';
    const ok = await env.call('POST', `${env.base}/users/777/sync`);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ id: u.id, zendeskId: '777' });
  });

  it('lets an integration-scoped key manage users of its own app', async () => {
    const integ = await env.call('POST', `${env.base}/integrations`, {
      body: { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/hook', triggers: ['conversation:message'] }] },
    });
    const key = await env.call('POST', `${env.base}/integrations/${integ.body.integration.id}/keys`, { body: { displayName: 'bot' } });
    const auth = { keyId: key.body.key.id as string, secret: key.body.key.secret as string };
    const r = await env.call('POST', `${env.base}/users`, { body: { externalId: 'via-integration' }, auth });
    expect(r.status).toBe(201);
  });
});
