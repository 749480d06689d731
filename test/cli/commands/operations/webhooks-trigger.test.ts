/**
 * `sunco webhooks trigger` and `sunco webhooks deliveries` against `sunco emulator` with a
 * local receiver, and `trigger --to URL` with no emulator at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../../src/emulator/index.js';
import { webhookBodyProblems } from '../../../emulator/webhooks/event-schema.js';
import { type Receiver, startReceiver } from '../../../emulator/webhooks/receiver.js';
import { type RunOptions, runCli } from '../../../helpers/cli.js';

let emu: RunningEmulator;
let receiver: Receiver;
let appId: string;
let botId: string;
let secret: string;
const env = () => ({ SUNCO_API_URL: emu.url, SUNCO_KEY_ID: 'act_cli', SUNCO_KEY_SECRET: 'cli-secret' });
const sunco = (args: string[], opts: RunOptions = {}) => runCli(args, { ...opts, env: { ...env(), ...opts.env } });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, inspected by assertions
async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('act_cli:cli-secret').toString('base64')}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

beforeAll(async () => {
  receiver = await startReceiver();
  emu = await startEmulator({ port: 0, key: 'act_cli:cli-secret', webhookRetryBaseMs: 1 });
  appId = (await api('POST', '/v2/apps', { displayName: 'Trigger app' })).app.id;
  const integ = await api('POST', `/v2/apps/${appId}/integrations`, { type: 'custom', displayName: 'Bot', webhooks: [{ target: receiver.url, triggers: ['conversation:message'] }] });
  botId = integ.integration.id;
  secret = integ.integration.webhooks[0].secret;
});

afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe('sunco webhooks trigger', () => {
  it('conversation:message reaches the local receiver, built from a real user and conversation', async () => {
    const before = receiver.requests.length;
    const r = await sunco(['webhooks', 'trigger', 'conversation:message', '--app', appId, '-d', 'text=hello bot'], { stdoutIsTTY: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^--> conversation:message  ${receiver.url.replace(/[.]/g, '\\.')}  200  \\d+ ms\\n$`));
    const got = receiver.requests[before];
    expect(got?.headers['x-api-key']).toBe(secret);
    expect(webhookBodyProblems(got?.body)).toEqual([]);
    const payload = got?.body.events[0].payload;
    expect(payload.message.content.text).toBe('hello bot');
    // The objects are real: the conversation and its message are in the emulator.
    const messages = await api('GET', `/v2/apps/${appId}/conversations/${payload.conversation.id}/messages`);
    expect(messages.messages.at(-1)).toMatchObject({ id: payload.message.id, author: { type: 'user', userId: payload.message.author.userId } });
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('--integration limits delivery; --json prints the result; an event nobody subscribes to says so', async () => {
    const json = await sunco(['webhooks', 'trigger', 'conversation:message', '--app', appId, '--integration', botId, '--json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.deliveries).toHaveLength(1);
    expect(doc.deliveries[0]).toMatchObject({ integrationId: botId, status: 'delivered' });
    const none = await sunco(['webhooks', 'trigger', 'user:update', '--app', appId]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no webhook of the app subscribes to user:update');
    const bad = await sunco(['webhooks', 'trigger', 'conversation:message', '--app', appId, '-d', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('-d nope: give field=value');
  });

  it('against a server without the control routes, says they are an emulator feature', async () => {
    const plain = await startEmulator({ port: 0, key: 'act_cli:cli-secret' });
    // A router without /_emulator routes is what the real API looks like; simulate with a wrong prefix.
    const r = await runCli(['webhooks', 'trigger', 'conversation:message', '--app', appId], { env: { ...env(), SUNCO_API_URL: `${plain.url}/nothing-here` } });
    await plain.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a feature of `sunco emulator`');
  });
});

describe('sunco webhooks trigger --to URL', () => {
  it('sends the spec sample, signed, with no emulator and no credentials', async () => {
    const before = receiver.requests.length;
    const r = await runCli(['webhooks', 'trigger', 'conversation:message', '--to', receiver.url, '--secret', 'handler-secret', '-d', 'message.content.text=ping'], { stdoutIsTTY: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^--> conversation:message {2}http:\/\/127\.0\.0\.1:\d+\/hook {2}200 {2}\d+ ms\n$/);
    const got = receiver.requests[before];
    expect(got?.headers['x-api-key']).toBe('handler-secret');
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.body.events[0]).toMatchObject({ type: 'conversation:message', payload: { message: { content: { type: 'text', text: 'ping' } } } });
    expect(got?.body.events[0].id).not.toBe('5f74a0d52b5315fc007e798a');
    expect(webhookBodyProblems(got?.body, { extras: false })).toEqual([]);
  });

  it('refuses a non-local URL without contacting it, an unknown event, and a missing secret', async () => {
    const far = await runCli(['webhooks', 'trigger', 'conversation:message', '--to', `http://0.0.0.0:${receiver.port}/hook`, '--secret', 's']);
    expect(far.code).toBe(1);
    expect(far.stderr).toContain('not delivered: not a local address');
    const unknown = await runCli(['webhooks', 'trigger', 'conversation:nope', '--to', receiver.url, '--secret', 's']);
    expect(unknown.stderr).toContain('No sample for conversation:nope');
    const noSecret = await runCli(['webhooks', 'trigger', 'conversation:message', '--to', receiver.url]);
    expect(noSecret.stderr).toContain('--secret SECRET or SUNCO_WEBHOOK_SECRET');
    const env2 = await runCli(['webhooks', 'trigger', 'user:update', '--to', receiver.url], { env: { SUNCO_WEBHOOK_SECRET: 'from-env' } });
    expect(env2.code).toBe(0);
    expect(receiver.requests.at(-1)?.headers['x-api-key']).toBe('from-env');
    expect(receiver.requests.filter((q) => q.body.events[0].type === 'conversation:nope')).toEqual([]);
  });
});

describe('sunco webhooks deliveries', () => {
  it('lists recent deliveries (per app and for the account) and --resend sends one again', async () => {
    await emu.webhooks.idle();
    const list = await sunco(['webhooks', 'deliveries', '--app', appId, '--json']);
    expect(list.code).toBe(0);
    const deliveries = JSON.parse(list.stdout);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d: { appId: string }) => d.appId === appId)).toBe(true);
    const table = await sunco(['webhooks', 'deliveries'], { stdoutIsTTY: true });
    expect(table.stdout.split('\n')[0]).toMatch(/^ID {2,}CREATED {2,}EVENT {2,}TARGET {2,}STATUS {2,}ATTEMPTS {2,}LAST$/);
    expect(table.stdout).toContain('conversation:message');
    const last = deliveries.at(-1);
    const before = receiver.requests.length;
    const resent = await sunco(['webhooks', 'deliveries', '--app', appId, '--resend', last.id], { stdoutIsTTY: true });
    expect(resent.code, resent.stderr).toBe(0);
    expect(resent.stdout).toMatch(/^--> conversation:message {2}http:\/\/127\.0\.0\.1:\d+\/hook {2}200 {2}\d+ ms\n$/);
    expect(receiver.requests[before]?.body.events[0].id).toBe(last.eventId);
    const missing = await sunco(['webhooks', 'deliveries', '--app', appId, '--resend', '000000000000000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Delivery not found');
  });
});
