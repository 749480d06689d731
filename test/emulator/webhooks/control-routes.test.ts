/**
 * The /_emulator webhook control routes: trigger builds each event from real API calls and
 * reports its deliveries; deliveries lists them per app (or for the account); resend sends
 * one again. Same authentication and scopes as the app's own routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { FIXTURES } from '../../../src/emulator/webhooks/trigger-fixtures.js';
import { type Call, caller, createApp, start } from '../../helpers/emulator.js';
import { webhookBodyProblems } from './event-schema.js';
import { type Receiver, startReceiver } from './receiver.js';

let emu: RunningEmulator;
let call: Call;
let appId: string;
let bot: string;
let other: string;
let receiver: Receiver;
let intKey: { keyId: string; secret: string };

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await start({ webhookRetryBaseMs: 1 });
  call = caller(emu);
  appId = await createApp(call, 'Triggers');
  const base = `/v2/apps/${appId}`;
  const integ = await call('POST', `${base}/integrations`, { body: { type: 'custom', displayName: 'Bot', webhooks: [{ target: receiver.url, triggers: Object.keys(FIXTURES) }] } });
  bot = integ.body.integration.id;
  const second = await call('POST', `${base}/integrations`, { body: { type: 'custom', displayName: 'Other', webhooks: [{ target: receiver.url, triggers: ['conversation:message'] }] } });
  other = second.body.integration.id;
  const key = await call('POST', `${base}/integrations/${bot}/keys`, { body: { displayName: 'bot' } });
  intKey = { keyId: key.body.key.id, secret: key.body.key.secret };
  const board = await call('POST', `${base}/switchboards`);
  const sbis = `${base}/switchboards/${board.body.switchboard.id}/switchboardIntegrations`;
  await call('POST', sbis, { body: { name: 'bot', integrationId: bot } });
  await call('POST', sbis, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } });
  await call('POST', `${base}/integrations`, { body: { type: 'twilio', displayName: 'SMS', accountSid: 'AC1', authToken: 't', phoneNumberSid: 'PN1' } });
});

afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const trigger = (event: string, extra: Record<string, unknown> = {}, auth?: { keyId: string; secret: string }) =>
  call('POST', `/_emulator/apps/${appId}/webhooks/trigger`, { body: { event, ...extra }, ...(auth ? { auth } : {}) });

describe('POST /_emulator/apps/{appId}/webhooks/trigger', () => {
  it.each(Object.keys(FIXTURES))('%s: built from real calls, delivered, valid against the spec', async (event) => {
    const r = await trigger(event, { integrationId: bot });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const mine = (r.body.deliveries as { type: string; status: string; attempts: { status: number }[]; body: unknown }[]).filter((d) => d.type === event);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'delivered', attempts: [{ status: 200 }] });
    expect(webhookBodyProblems(mine[0]?.body)).toEqual([]);
  });

  it('uses and reports real objects: -d user and text reach the message', async () => {
    await call('POST', `/v2/apps/${appId}/users`, { body: { externalId: 'ada' } });
    const r = await trigger('conversation:message', { data: { user: 'ada', text: 'from a test' } });
    expect(r.status).toBe(201);
    const { userId, conversationId } = r.body.objects;
    const messages = await call('GET', `/v2/apps/${appId}/conversations/${conversationId}/messages`);
    expect(messages.body.messages.at(-1)).toMatchObject({ author: { type: 'user', userId }, content: { text: 'from a test' } });
    // Without --integration every subscribed webhook of the app receives it: both integrations here.
    expect(new Set(r.body.deliveries.filter((d: { type: string }) => d.type === 'conversation:message').map((d: { integrationId: string }) => d.integrationId))).toEqual(new Set([bot, other]));
  });

  it('refuses unknown events and fields, and a switchboard event without a switchboard', async () => {
    expect((await trigger('conversation:bogus')).body.errors[0].title).toContain('cannot trigger conversation:bogus');
    expect((await trigger('conversation:message', { data: { colour: 'red' } })).body.errors[0].title).toBe('conversation:message takes no field colour (fields: user, conversation, text, author)');
    const bare = await createApp(call, 'Bare');
    const r = await call('POST', `/_emulator/apps/${bare}/webhooks/trigger`, { body: { event: 'switchboard:passControl' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].title).toContain('need a switchboard');
  });

  it('with an integration key, triggers and lists only that integration', async () => {
    const r = await trigger('conversation:message', {}, intKey);
    expect(r.status).toBe(201);
    expect(r.body.deliveries.every((d: { integrationId: string }) => d.integrationId === bot)).toBe(true);
    expect((await trigger('conversation:message', { integrationId: other }, intKey)).status).toBe(403);
    const list = await call('GET', `/_emulator/apps/${appId}/webhooks/deliveries`, { auth: intKey });
    expect(list.body.deliveries.length).toBeGreaterThan(0);
    expect(list.body.deliveries.every((d: { integrationId: string }) => d.integrationId === bot)).toBe(true);
    expect((await call('GET', '/_emulator/webhooks/deliveries', { auth: intKey })).status).toBe(403);
    expect((await call('GET', `/_emulator/apps/${appId}/webhooks/deliveries`, { auth: null })).status).toBe(401);
  });
});

describe('deliveries and resend', () => {
  it('lists recent deliveries and resends one with the same event', async () => {
    await emu.webhooks.idle();
    const list = await call('GET', `/_emulator/apps/${appId}/webhooks/deliveries?limit=2`);
    expect(list.status).toBe(200);
    expect(list.body.deliveries).toHaveLength(2);
    const all = await call('GET', '/_emulator/webhooks/deliveries');
    expect(all.body.deliveries.at(-1).id).toBe(list.body.deliveries.at(-1).id);
    const last = list.body.deliveries.at(-1);
    const before = receiver.requests.length;
    const again = await call('POST', `/_emulator/apps/${appId}/webhooks/deliveries/${last.id}/resend`);
    expect(again.status).toBe(201);
    expect(again.body.delivery).toMatchObject({ resendOf: last.id, eventId: last.eventId, status: 'delivered' });
    expect(receiver.requests[before]?.body).toEqual(last.body);
    expect((await call('POST', `/_emulator/apps/${appId}/webhooks/deliveries/000000000000000000000000/resend`)).status).toBe(404);
  });
});
