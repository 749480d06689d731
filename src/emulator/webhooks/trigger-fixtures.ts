/**
 * `sunco webhooks trigger EVENT`: each event is raised by the API calls that raise it for
 * real, on real objects, the way stripe fixtures do. A user and a conversation are made when
 * none is named (`user`, `conversation`) and reused afterwards; other fields (`-d key=value`)
 * fill the calls. Side events (a conversation:create while making the conversation) are
 * delivered too, as the API would.
 */
import { HttpError } from '../route.js';
import type { InternalCall } from './internal-call.js';

type Json = Record<string, unknown>;
type Data = Record<string, string>;

interface Ctx {
  call: InternalCall;
  base: string;
  data: Data;
}

/** The user named by `user` (id or externalId), else the trigger's own, made once. */
function user(ctx: Ctx, key = 'user', fallback = 'sunco-trigger-user'): string {
  const ref = ctx.data[key] ?? fallback;
  try {
    return (ctx.call('GET', `${ctx.base}/users/${encodeURIComponent(ref)}`).user as Json).id as string;
  } catch (err) {
    if (ctx.data[key] !== undefined || !(err instanceof HttpError) || err.status !== 404) throw err;
    return (ctx.call('POST', `${ctx.base}/users`, { externalId: ref, profile: { givenName: 'Trigger', surname: 'User' } }).user as Json).id as string;
  }
}

/** The conversation named by `conversation`, else the user's first personal one, made when there is none. */
function conversation(ctx: Ctx, userId: string): string {
  if (ctx.data.conversation !== undefined) return ctx.data.conversation;
  const list = (ctx.call('GET', `${ctx.base}/conversations?filter[userId]=${encodeURIComponent(userId)}`).conversations as Json[]) ?? [];
  const personal = list.find((c) => c.type === 'personal');
  return personal ? (personal.id as string) : newConversation(ctx, userId, 'personal');
}

function newConversation(ctx: Ctx, userId: string, type: 'personal' | 'sdkGroup'): string {
  const participants = [{ userId, ...(type === 'sdkGroup' ? { subscribeSDKClient: false } : {}) }];
  return (ctx.call('POST', `${ctx.base}/conversations`, { type, participants }).conversation as Json).id as string;
}

const conv = (ctx: Ctx, id: string) => `${ctx.base}/conversations/${encodeURIComponent(id)}`;

function control(ctx: Ctx, action: string, body: Json): { userId: string; conversationId: string } {
  const userId = user(ctx);
  const conversationId = conversation(ctx, userId);
  ctx.call('POST', `${conv(ctx, conversationId)}/${action}`, body);
  return { userId, conversationId };
}

/** A switchboard integration other than the conversation's active one (offerControl refuses the active one). */
function otherSwitchboardIntegration(ctx: Ctx, conversationId: string): string {
  if (ctx.data.switchboardIntegration !== undefined) return ctx.data.switchboardIntegration;
  const boards = (ctx.call('GET', `${ctx.base}/switchboards`).switchboards as Json[]) ?? [];
  const board = boards[0];
  if (!board) throw new HttpError(400, 'bad_request', 'switchboard events need a switchboard with integrations in the app (declare `switchboard:` in the config)');
  const sbis = (ctx.call('GET', `${ctx.base}/switchboards/${board.id as string}/switchboardIntegrations`).switchboardIntegrations as Json[]) ?? [];
  const active = ((ctx.call('GET', conv(ctx, conversationId)).conversation as Json).activeSwitchboardIntegration as Json | undefined)?.id;
  const other = sbis.find((s) => s.id !== active);
  if (!other) throw new HttpError(400, 'bad_request', 'switchboard events need at least two switchboard integrations');
  return other.name as string;
}

/** The first integration a client can be linked through (clientCreate matchCriteria types). */
function linkable(ctx: Ctx): Json {
  const types = ['twilio', 'messagebird', 'whatsapp', 'mailgun'];
  const all = (ctx.call('GET', `${ctx.base}/integrations`).integrations as Json[]) ?? [];
  const found = all.find((i) => types.includes(i.type as string));
  if (!found) throw new HttpError(400, 'bad_request', `client events need a ${types.join(', ')} integration in the app to link a client through`);
  const type = found.type as string;
  return { type, integrationId: found.id, ...(type === 'mailgun' ? { address: ctx.data.address ?? 'trigger@example.com' } : { phoneNumber: ctx.data.phoneNumber ?? '+15145550100' }) };
}

function addClient(ctx: Ctx): { userId: string; conversationId: string; clientId: string } {
  const userId = user(ctx);
  const conversationId = conversation(ctx, userId);
  const body = { matchCriteria: linkable(ctx), confirmation: { type: 'immediate' }, target: { conversationId } };
  const client = ctx.call('POST', `${ctx.base}/users/${userId}/clients`, body).client as Json;
  return { userId, conversationId, clientId: client.id as string };
}

type Fixture = { fields: string[]; run: (ctx: Ctx) => Json };

export const FIXTURES: Record<string, Fixture> = {
  'conversation:message': {
    fields: ['user', 'conversation', 'text', 'author'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      const author = ctx.data.author === 'business' ? { type: 'business' } : { type: 'user', userId };
      ctx.call('POST', `${conv(ctx, conversationId)}/messages`, { author, content: { type: 'text', text: ctx.data.text ?? 'Hello from sunco webhooks trigger' } });
      return { userId, conversationId };
    },
  },
  'conversation:postback': {
    fields: ['user', 'conversation', 'payload', 'text'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      const payload = ctx.data.payload ?? 'TRIGGER';
      const text = ctx.data.text ?? 'Choose';
      ctx.call('POST', `${conv(ctx, conversationId)}/messages`, { author: { type: 'business' }, content: { type: 'text', text, actions: [{ type: 'postback', text, payload }] } });
      ctx.call('POST', `${conv(ctx, conversationId)}/messages`, { author: { type: 'user', userId }, content: { type: 'text', text, payload } });
      return { userId, conversationId };
    },
  },
  'conversation:create': {
    fields: ['user'],
    run: (ctx) => {
      const userId = user(ctx);
      return { userId, conversationId: newConversation(ctx, userId, 'personal') };
    },
  },
  'conversation:remove': {
    fields: ['user'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = newConversation(ctx, userId, 'sdkGroup');
      ctx.call('DELETE', conv(ctx, conversationId));
      return { userId, conversationId };
    },
  },
  'conversation:read': {
    fields: ['user', 'conversation'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      ctx.call('POST', `${conv(ctx, conversationId)}/activity`, { author: { type: 'user', userId }, type: 'conversation:read' });
      return { userId, conversationId };
    },
  },
  'conversation:typing': {
    fields: ['user', 'conversation', 'type'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      ctx.call('POST', `${conv(ctx, conversationId)}/activity`, { author: { type: 'business' }, type: ctx.data.type ?? 'typing:start' });
      return { userId, conversationId };
    },
  },
  'conversation:join': {
    fields: ['user', 'guest'],
    run: (ctx) => {
      const userId = user(ctx);
      const guest = user(ctx, 'guest', 'sunco-trigger-guest');
      const conversationId = newConversation(ctx, userId, 'sdkGroup');
      ctx.call('POST', `${conv(ctx, conversationId)}/join`, { userId: guest, subscribeSDKClient: false });
      return { userId: guest, conversationId };
    },
  },
  'conversation:leave': {
    fields: ['user', 'guest'],
    run: (ctx) => {
      const joined = FIXTURES['conversation:join']!.run(ctx);
      ctx.call('POST', `${conv(ctx, joined.conversationId as string)}/leave`, { userId: joined.userId });
      return joined;
    },
  },
  'switchboard:passControl': {
    fields: ['user', 'conversation', 'switchboardIntegration'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      ctx.data.conversation = conversationId;
      return control(ctx, 'passControl', { switchboardIntegration: otherSwitchboardIntegration(ctx, conversationId) });
    },
  },
  'switchboard:offerControl': {
    fields: ['user', 'conversation', 'switchboardIntegration'],
    run: (ctx) => {
      const userId = user(ctx);
      const conversationId = conversation(ctx, userId);
      ctx.data.conversation = conversationId;
      return control(ctx, 'offerControl', { switchboardIntegration: otherSwitchboardIntegration(ctx, conversationId) });
    },
  },
  'switchboard:acceptControl': {
    fields: ['user', 'conversation', 'switchboardIntegration'],
    run: (ctx) => {
      const offered = FIXTURES['switchboard:offerControl']!.run(ctx);
      ctx.call('POST', `${conv(ctx, offered.conversationId as string)}/acceptControl`, {});
      return offered;
    },
  },
  'switchboard:releaseControl': {
    fields: ['user', 'conversation'],
    run: (ctx) => control(ctx, 'releaseControl', {}),
  },
  'user:update': {
    fields: ['user', 'givenName', 'surname', 'email'],
    run: (ctx) => {
      const userId = user(ctx);
      const profile = Object.fromEntries(['givenName', 'surname', 'email'].filter((k) => ctx.data[k] !== undefined).map((k) => [k, ctx.data[k]]));
      ctx.call('PATCH', `${ctx.base}/users/${userId}`, { profile: Object.keys(profile).length > 0 ? profile : { givenName: 'Triggered' } });
      return { userId };
    },
  },
  'user:remove': {
    fields: ['user'],
    run: (ctx) => {
      const userId = user(ctx, 'user', `sunco-trigger-removed-${Date.now()}`);
      ctx.call('DELETE', `${ctx.base}/users/${userId}`);
      return { userId };
    },
  },
  'client:add': {
    fields: ['user', 'conversation', 'phoneNumber', 'address'],
    run: (ctx) => addClient(ctx),
  },
  'client:remove': {
    fields: ['user', 'conversation', 'phoneNumber', 'address'],
    run: (ctx) => {
      const added = addClient(ctx);
      ctx.call('DELETE', `${ctx.base}/users/${added.userId}/clients/${added.clientId}`);
      return added;
    },
  },
};

/** Runs the fixture of `event` in app `appId`; HttpError 400 for an unknown event or field. */
export function runFixture(call: InternalCall, appId: string, event: string, data: Data): Json {
  const fixture = FIXTURES[event];
  if (!fixture) throw new HttpError(400, 'bad_request', `cannot trigger ${event}: one of ${Object.keys(FIXTURES).join(', ')}`);
  const unknown = Object.keys(data).filter((k) => !fixture.fields.includes(k));
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `${event} takes no field ${unknown.join(', ')} (fields: ${fixture.fields.join(', ')})`);
  return fixture.run({ call, base: `/v2/apps/${encodeURIComponent(appId)}`, data: { ...data } });
}
