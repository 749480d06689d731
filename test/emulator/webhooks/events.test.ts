/**
 * Every event the emulator raises is delivered to a webhook subscribed to it, and not to
 * one that is not; each body validates against the spec's schema for its type, and carries
 * the webhook's secret as X-API-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { type Call, caller, createApp, start } from '../../helpers/emulator.js';
import { webhookBodyProblems } from './event-schema.js';
import { type Receiver, startReceiver } from './receiver.js';

const EVENTS = [
  'conversation:message',
  'conversation:create',
  'conversation:remove',
  'conversation:read',
  'conversation:typing',
  'conversation:postback',
  'switchboard:passControl',
  'switchboard:offerControl',
  'switchboard:acceptControl',
  'switchboard:releaseControl',
  'user:update',
  'user:remove',
  'conversation:join',
  'conversation:leave',
  'client:add',
  'client:remove',
];

let emu: RunningEmulator;
let call: Call;
let base: string;
let subscribed: Receiver;
let other: Receiver;
let secret: string;
let otherSecret: string;
let n = 0;

beforeAll(async () => {
  [subscribed, other] = await Promise.all([startReceiver(), startReceiver()]);
  emu = await start({ webhookRetryBaseMs: 1 });
  call = caller(emu);
  const appId = await createApp(call, 'Webhook events');
  base = `/v2/apps/${appId}`;
  const integ = await call('POST', `${base}/integrations`, { body: { type: 'custom', displayName: 'Bot', webhooks: [{ target: subscribed.url, triggers: EVENTS }] } });
  secret = integ.body.integration.webhooks[0].secret;
  const second = await call('POST', `${base}/integrations/${integ.body.integration.id}/webhooks`, { body: { target: other.url, triggers: ['conversation:referral'] } });
  otherSecret = second.body.webhook.secret;
  const board = await call('POST', `${base}/switchboards`);
  const path = `${base}/switchboards/${board.body.switchboard.id}/switchboardIntegrations`;
  await call('POST', path, { body: { name: 'bot', integrationId: integ.body.integration.id } });
  await call('POST', path, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } });
  await call('POST', `${base}/integrations`, { body: { type: 'twilio', displayName: 'SMS', accountSid: 'AC0123', authToken: 'token', phoneNumberSid: 'PN0123' } });
});

afterAll(async () => {
  await emu.close();
  await Promise.all([subscribed.close(), other.close()]);
});

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await call(method, path, body === undefined ? {} : { body });
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

async function user(): Promise<string> {
  return ((await ok('POST', `${base}/users`, { externalId: `u${++n}`, profile: { givenName: 'Ada' } })).user as { id: string }).id;
}

async function conversation(userId: string, type = 'personal'): Promise<string> {
  const participants = [{ userId, ...(type === 'sdkGroup' ? { subscribeSDKClient: false } : {}) }];
  return ((await ok('POST', `${base}/conversations`, { type, participants })).conversation as { id: string }).id;
}

/** Where the next test's deliveries start: after every earlier one has arrived. */
async function mark(): Promise<number> {
  await emu.webhooks.idle();
  return subscribed.requests.length;
}

/** The events delivered since `from`, once every queued delivery is done. */
async function deliveredSince(from: number): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  await emu.webhooks.idle();
  return subscribed.requests.slice(from).flatMap((r) => r.body.events);
}

describe('webhook events', () => {
  it('conversation:create, conversation:message (user and business) and conversation:remove', async () => {
    const from = await mark();
    const u = await user();
    const c = await conversation(u);
    await ok('POST', `${base}/conversations/${c}/messages`, { author: { type: 'user', userId: u }, content: { type: 'text', text: 'hi' } });
    await ok('POST', `${base}/conversations/${c}/messages`, { author: { type: 'business' }, content: { type: 'text', text: 'hello' } });
    const group = await conversation(u, 'sdkGroup');
    await ok('DELETE', `${base}/conversations/${group}`);
    const all = await deliveredSince(from);
    // Events of one conversation arrive in order; two conversations' events may interleave.
    const of = (id: string) => all.filter((e) => (e.payload.conversation as { id: string }).id === id);
    expect(of(c).map((e) => e.type)).toEqual(['conversation:create', 'conversation:message', 'conversation:message']);
    expect(of(group).map((e) => e.type)).toEqual(['conversation:create', 'conversation:remove']);
    const [created, userMsg, bizMsg] = of(c);
    expect(created?.payload).toMatchObject({ conversation: { id: c, type: 'personal' }, creationReason: 'none', user: { id: u }, source: { type: 'api' } });
    expect(userMsg?.payload).toMatchObject({ conversation: { id: c }, message: { author: { type: 'user', userId: u, user: { id: u } }, content: { type: 'text', text: 'hi' }, source: { type: 'api' } } });
    expect(bizMsg?.payload).toMatchObject({ message: { author: { type: 'business' }, content: { text: 'hello' } } });
    expect(of(group)[1]?.payload).toEqual({ conversation: expect.objectContaining({ id: group, type: 'sdkGroup' }) });
  });

  it('conversation:read and conversation:typing from activity', async () => {
    const u = await user();
    const c = await conversation(u);
    const from = await mark();
    await ok('POST', `${base}/conversations/${c}/activity`, { author: { type: 'user', userId: u }, type: 'conversation:read' });
    await ok('POST', `${base}/conversations/${c}/activity`, { author: { type: 'business' }, type: 'typing:start' });
    const events = await deliveredSince(from);
    expect(events.map((e) => e.type)).toEqual(['conversation:read', 'conversation:typing']);
    expect(events[0]?.payload.activity).toMatchObject({ type: 'conversation:read', author: { type: 'user', userId: u, user: { id: u } } });
    expect(events[1]?.payload.activity).toMatchObject({ type: 'typing:start', author: { type: 'business' } });
  });

  it('conversation:postback when a user message answers a postback button', async () => {
    const u = await user();
    const c = await conversation(u);
    const actions = [{ type: 'postback', text: 'Greet me', payload: 'GREET' }];
    await ok('POST', `${base}/conversations/${c}/messages`, { author: { type: 'business' }, content: { type: 'text', text: 'Choose', actions } });
    const from = await mark();
    await ok('POST', `${base}/conversations/${c}/messages`, { author: { type: 'user', userId: u }, content: { type: 'text', text: 'Greet me', payload: 'GREET' }, metadata: { k: 1 } });
    const events = await deliveredSince(from);
    expect(events.map((e) => e.type)).toEqual(['conversation:postback']);
    expect(events[0]?.payload).toMatchObject({ postback: { payload: 'GREET', metadata: { k: 1 } }, conversation: { id: c }, user: { id: u }, source: { type: 'api' } });
  });

  it('the four switchboard control events', async () => {
    const u = await user();
    const c = await conversation(u);
    const from = await mark();
    await ok('POST', `${base}/conversations/${c}/passControl`, { switchboardIntegration: 'bot', metadata: { why: 'start' } });
    await ok('POST', `${base}/conversations/${c}/offerControl`, { switchboardIntegration: 'agent' });
    await ok('POST', `${base}/conversations/${c}/acceptControl`, {});
    await ok('POST', `${base}/conversations/${c}/releaseControl`, {});
    const events = await deliveredSince(from);
    expect(events.map((e) => e.type)).toEqual(['switchboard:passControl', 'switchboard:offerControl', 'switchboard:acceptControl', 'switchboard:releaseControl']);
    expect(events[0]?.payload).toMatchObject({ conversation: { id: c, activeSwitchboardIntegration: { name: 'bot' } }, metadata: { why: 'start' } });
    expect(events[1]?.payload).toMatchObject({ conversation: { pendingSwitchboardIntegration: { name: 'agent' } } });
    expect(events[2]?.payload).toMatchObject({ conversation: { activeSwitchboardIntegration: { name: 'agent' } } });
    expect(events[3]?.payload.conversation).not.toHaveProperty('activeSwitchboardIntegration');
  });

  it('conversation:join and conversation:leave on sdkGroup conversations', async () => {
    const owner = await user();
    const guest = await user();
    const c = await conversation(owner, 'sdkGroup');
    const from = await mark();
    await ok('POST', `${base}/conversations/${c}/join`, { userId: guest, subscribeSDKClient: false });
    await ok('POST', `${base}/conversations/${c}/leave`, { userId: guest });
    const events = await deliveredSince(from);
    expect(events.map((e) => e.type)).toEqual(['conversation:join', 'conversation:leave']);
    for (const e of events) expect(e.payload).toEqual({ conversation: expect.objectContaining({ id: c }), user: { id: guest, externalId: expect.any(String), authenticated: false } });
  });

  it('user:update, client:add, client:remove and user:remove', async () => {
    const u = await user();
    const c = await conversation(u);
    const integrations = await ok('GET', `${base}/integrations?filter[types]=twilio`);
    const twilio = (integrations.integrations as { id: string }[])[0]?.id;
    const from = await mark();
    await ok('PATCH', `${base}/users/${u}`, { profile: { surname: 'Lovelace' } });
    const client = await ok('POST', `${base}/users/${u}/clients`, {
      matchCriteria: { type: 'twilio', integrationId: twilio, phoneNumber: '+15145550000' },
      confirmation: { type: 'immediate' },
      target: { conversationId: c },
    });
    const clientId = (client.client as { id: string }).id;
    await ok('DELETE', `${base}/users/${u}/clients/${clientId}`);
    await ok('DELETE', `${base}/users/${u}`);
    const events = await deliveredSince(from);
    expect(events.map((e) => e.type)).toEqual(['user:update', 'client:add', 'client:remove', 'user:remove']);
    expect(events[0]?.payload).toMatchObject({ user: { id: u }, source: { type: 'api' } });
    expect(events[1]?.payload).toMatchObject({ conversation: { id: c }, user: { id: u }, client: { id: clientId, type: 'twilio', status: 'pending' }, reason: 'channelLinking' });
    expect(events[2]?.payload).toMatchObject({ user: { id: u }, client: { id: clientId }, reason: 'api' });
    expect(events[3]?.payload).toEqual({ user: { id: u, externalId: expect.any(String), authenticated: false } });
  });

  it('covered every listed event, each valid against its spec schema and signed with the secret; the unsubscribed webhook got none', async () => {
    await emu.webhooks.idle();
    const seen = new Set(subscribed.requests.flatMap((r) => r.body.events.map((e: { type: string }) => e.type)));
    expect([...seen].sort()).toEqual([...EVENTS].sort());
    for (const r of subscribed.requests) {
      expect(webhookBodyProblems(r.body), JSON.stringify(r.body)).toEqual([]);
      expect(r.headers['x-api-key']).toBe(secret);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.method).toBe('POST');
      expect(r.path).toBe('/hook');
    }
    expect(other.requests).toEqual([]);
    expect(otherSecret).not.toBe(secret);
  });
});
