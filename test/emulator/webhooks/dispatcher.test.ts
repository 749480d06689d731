/**
 * Delivery behaviour against a local receiver: the spec's retry policy (compressed with
 * webhookRetryBaseMs: 1), non-recoverable statuses, the timeout, loopback-only targets,
 * per-conversation order, payload shaping, the delivery log and resending.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { type Call, caller, createApp, start } from '../../helpers/emulator.js';
import { webhookBodyProblems } from './event-schema.js';
import { type Receiver, startReceiver } from './receiver.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface Setup {
  emu: RunningEmulator;
  call: Call;
  base: string;
  receiver: Receiver;
  lines: string[];
  webhook: { id: string; secret: string };
  integrationId: string;
}

async function setup(opts: { target?: (r: Receiver) => string; webhook?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<Setup> {
  const receiver = await startReceiver();
  cleanup.push(() => receiver.close());
  const lines: string[] = [];
  const emu = await start({ webhookRetryBaseMs: 1, onWebhookLine: (l) => lines.push(l), ...(opts.timeoutMs ? { webhookTimeoutMs: opts.timeoutMs } : {}) });
  cleanup.push(() => emu.close());
  const call = caller(emu);
  const base = `/v2/apps/${await createApp(call)}`;
  const target = opts.target ? opts.target(receiver) : receiver.url;
  const r = await call('POST', `${base}/integrations`, {
    body: { type: 'custom', displayName: 'Bot', webhooks: [{ target, triggers: ['conversation:message', 'user:update'], ...opts.webhook }] },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  const w = r.body.integration.webhooks[0];
  return { emu, call, base, receiver, lines, webhook: { id: w.id, secret: w.secret }, integrationId: r.body.integration.id };
}

async function userAndConversation(s: Setup, user: Record<string, unknown> = {}): Promise<{ userId: string; conversationId: string }> {
  const u = await s.call('POST', `${s.base}/users`, { body: { externalId: `x${Math.random()}`, ...user } });
  const c = await s.call('POST', `${s.base}/conversations`, { body: { type: 'personal', participants: [{ userId: u.body.user.id }] } });
  return { userId: u.body.user.id, conversationId: c.body.conversation.id };
}

async function say(s: Setup, conversationId: string, userId: string, text: string): Promise<void> {
  const r = await s.call('POST', `${s.base}/conversations/${conversationId}/messages`, { body: { author: { type: 'user', userId }, content: { type: 'text', text } } });
  expect(r.status).toBe(201);
}

describe('webhook delivery', () => {
  it('retries a 500 and succeeds on the next attempt with the same event id', async () => {
    const s = await setup();
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push(500);
    await say(s, conversationId, userId, 'hello');
    const [first, second] = await s.receiver.waitFor(2);
    await s.emu.webhooks.idle();
    expect(s.receiver.requests).toHaveLength(2);
    expect(second?.body).toEqual(first?.body);
    expect(second?.body.events[0].id).toBe(first?.body.events[0].id);
    const [d] = s.emu.webhooks.deliveries();
    expect(d).toMatchObject({ status: 'delivered', type: 'conversation:message', webhookId: s.webhook.id });
    expect(d?.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(s.lines).toHaveLength(2);
    expect(s.lines[0]).toMatch(new RegExp(`^--> conversation:message  ${s.receiver.url.replace(/[.]/g, '\\.')}  500  \\d+ ms  \\(will retry\\)$`));
    expect(s.lines[1]).toMatch(/^--> conversation:message {2}http:\/\/127\.0\.0\.1:\d+\/hook {2}200 {2}\d+ ms {2}\(attempt 2\)$/);
  });

  it.each([400, 401, 403, 404, 406])('does not retry a %i', async (status) => {
    const s = await setup();
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push(status);
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests).toHaveLength(1);
    expect(s.emu.webhooks.deliveries()[0]).toMatchObject({ status: 'failed', reason: `non-recoverable status ${status}` });
    expect(s.lines[0]).toContain(`  ${status}  `);
    expect(s.lines[0]).toMatch(/\(not retried\)$/);
  });

  it('gives up after 5 attempts', async () => {
    const s = await setup();
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push(503, 503, 503, 503, 503, 200);
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests).toHaveLength(5);
    expect(s.emu.webhooks.deliveries()[0]).toMatchObject({ status: 'failed', reason: 'gave up after 5 attempts' });
    expect(s.lines[4]).toMatch(/503 {2}\d+ ms {2}\(attempt 5, giving up\)$/);
  });

  it('treats no answer within the timeout as a failure, and retries', async () => {
    // A compressed timeout (the spec's is 20 s); the retry that follows is answered at once.
    const s = await setup({ timeoutMs: 200 });
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push('hang');
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests.length).toBeGreaterThanOrEqual(2);
    const [d] = s.emu.webhooks.deliveries();
    expect(d?.attempts[0]).toMatchObject({ error: 'no response within 200 ms' });
    expect(d?.status).toBe('delivered');
  });

  it('never contacts a target that is not a loopback address', async () => {
    // 0.0.0.0 reaches local listeners on Linux, so a call would show up at the receiver.
    const s = await setup({ target: (r) => `http://0.0.0.0:${r.port}/hook` });
    const { userId, conversationId } = await userAndConversation(s);
    await say(s, conversationId, userId, 'hello');
    await s.call('PATCH', `${s.base}/integrations/${s.integrationId}/webhooks/${s.webhook.id}`, { body: { target: `http://bot.example:${s.receiver.port}/hook` } });
    await say(s, conversationId, userId, 'again');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests).toEqual([]);
    expect(s.emu.webhooks.deliveries().map((d) => [d.status, d.reason])).toEqual([
      ['not_delivered', 'not a local address'],
      ['not_delivered', 'not a local address'],
    ]);
    expect(s.lines).toEqual([
      `--> conversation:message  http://0.0.0.0:${s.receiver.port}/hook  not delivered: not a local address`,
      `--> conversation:message  http://bot.example:${s.receiver.port}/hook  not delivered: not a local address`,
    ]);
  });

  it('masks a password in the target URL in the log line and the delivery list, and still sends it', async () => {
    const s = await setup({ target: (r) => `http://bot:pa55word@127.0.0.1:${r.port}/hook` });
    const { userId, conversationId } = await userAndConversation(s);
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('bot:pa55word').toString('base64')}`);
    expect(s.lines[0]).toContain(`http://bot:***@127.0.0.1:${s.receiver.port}/hook  200`);
    const listed = await s.call('GET', `/_emulator${s.base.replace('/v2', '')}/webhooks/deliveries`);
    expect(JSON.stringify(listed.body)).not.toContain('pa55word');
  });

  it('delivers to localhost when it resolves to loopback', async () => {
    const s = await setup({ target: (r) => `http://localhost:${r.port}/hook` });
    const { userId, conversationId } = await userAndConversation(s);
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    expect(s.receiver.requests).toHaveLength(1);
  });

  it('delivers the events of one conversation in order, even across a retry', async () => {
    const s = await setup();
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push(500, 500);
    for (const text of ['one', 'two', 'three', 'four']) await say(s, conversationId, userId, text);
    await s.emu.webhooks.idle();
    const texts = s.receiver.requests.map((r) => r.body.events[0].payload.message.content.text);
    expect(texts).toEqual(['one', 'one', 'one', 'two', 'three', 'four']);
  });

  it('shapes payloads by includeFullUser and includeFullSource', async () => {
    const lean = await setup();
    const full = await setup({ webhook: { includeFullUser: true, includeFullSource: true } });
    for (const s of [lean, full]) {
      const { userId, conversationId } = await userAndConversation(s, { profile: { givenName: 'Ada' }, metadata: { plan: 'pro' } });
      await say(s, conversationId, userId, 'hi');
      await s.emu.webhooks.idle();
    }
    const leanMsg = lean.receiver.requests[0]?.body.events[0].payload.message;
    const fullMsg = full.receiver.requests[0]?.body.events[0].payload.message;
    expect(Object.keys(leanMsg.author.user).sort()).toEqual(['authenticated', 'externalId', 'id']);
    expect(leanMsg.source).toEqual({ type: 'api' });
    expect(fullMsg.author.user).toMatchObject({ profile: { givenName: 'Ada' }, metadata: { plan: 'pro' }, identities: [] });
    expect(fullMsg.source).toEqual({ type: 'api', client: null, device: null });
    for (const s of [lean, full]) expect(webhookBodyProblems(s.receiver.requests[0]?.body)).toEqual([]);
  });

  it('resends a delivery: a new delivery of the same event', async () => {
    const s = await setup();
    const { userId, conversationId } = await userAndConversation(s);
    s.receiver.answers.push(404);
    await say(s, conversationId, userId, 'hello');
    await s.emu.webhooks.idle();
    const [failed] = s.emu.webhooks.deliveries();
    const again = s.emu.webhooks.resend(failed?.id ?? '');
    await s.emu.webhooks.idle();
    expect(again).toMatchObject({ resendOf: failed?.id, eventId: failed?.eventId, status: 'delivered' });
    expect(s.receiver.requests.map((r) => r.body)).toEqual([s.receiver.requests[0]?.body, s.receiver.requests[0]?.body]);
    expect(s.receiver.requests[1]?.headers['x-api-key']).toBe(s.webhook.secret);
    expect(() => s.emu.webhooks.resend('000000000000000000000000')).toThrow('Delivery not found');
  });

  it('the schema check can fail: a wrong type or an unknown property is reported', () => {
    const event = { id: 'e', type: 'conversation:message', createdAt: 'now', payload: { conversation: { id: 'c', type: 'bogus' }, mesage: {} } };
    const problems = webhookBodyProblems({ app: { id: 'a' }, webhook: { id: 'w', version: 'v2' }, events: [event] });
    expect(problems.some((p) => p.includes('/payload/conversation/type'))).toBe(true);
    expect(problems.some((p) => p.includes('/payload/mesage'))).toBe(true);
  });
});
