/**
 * The webhook events the operations routes raise, with the payloads of the spec's event
 * schemas (components.schemas.conversationMessageEvent, conversationPostbackEvent, ...).
 * Each builder renders the API views now, so the payload is what a GET answered at the
 * moment of the event. Calls made through the API have `source.type: api` and no client
 * or device: with includeFullSource those are null.
 */
import type { EmulatorStore } from '../store.js';
import type { PayloadShape } from '../webhooks/event.js';
import { shapedSource, shapedUser, truncatedConversation, truncatedUser } from '../webhooks/shape.js';
import { conversationView } from './conversation-view.js';
import { compact } from './records.js';
import type { AppOperations, ClientRecord, ConversationRecord, MessageRecord, UserRecord } from './state.js';
import { userView } from './user-view.js';

type Json = Record<string, unknown>;
const API_SOURCE = { type: 'api' } as const;

function emit(store: EmulatorStore, appId: string, type: string, conv: ConversationRecord | undefined, payload: (shape: PayloadShape) => Json): void {
  store.emit({ type, appId, ...(conv ? { conversationId: conv.id } : {}), payload });
}

/** An authorWebhook: `user` is the author's user, whole with includeFullUser. */
function author(raw: Json, user: UserRecord | undefined, shape: PayloadShape): Json {
  return compact({ ...raw, user: user ? shapedUser(shape, userView(user)) : undefined });
}

/** A postback click: a user message whose `payload` is a postback action's of an earlier business message. */
function clickedPostback(conv: ConversationRecord, message: MessageRecord): boolean {
  const payload = message.content.payload;
  if (message.author.type !== 'user' || typeof payload !== 'string') return false;
  return conv.messages.some(
    (m) => m !== message && m.author.type === 'business' && ((m.content.actions as Json[] | undefined) ?? []).some((a) => a.type === 'postback' && a.payload === payload),
  );
}

/** conversation:message for every message posted, by a user or the business; conversation:postback for a postback click. */
export function messagePosted(store: EmulatorStore, appId: string, ops: AppOperations, conv: ConversationRecord, message: MessageRecord): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  const user = ops.users.find((u) => u.id === message.author.userId);
  if (clickedPostback(conv, message)) {
    emit(store, appId, 'conversation:postback', conv, (shape) =>
      compact({
        postback: compact({ payload: message.content.payload, metadata: message.metadata ?? undefined }),
        conversation,
        user: user ? shapedUser(shape, userView(user)) : undefined,
        source: shapedSource(shape, API_SOURCE),
      }),
    );
    return;
  }
  emit(store, appId, 'conversation:message', conv, (shape) => ({
    conversation,
    message: compact({
      id: message.id,
      received: message.received,
      author: author(message.author, user, shape),
      content: message.content,
      source: shapedSource(shape, message.source),
      metadata: message.metadata ?? undefined,
    }),
  }));
}

export function conversationCreated(store: EmulatorStore, appId: string, ops: AppOperations, conv: ConversationRecord): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  // conversationCreateEvent.user: "Only present if the created conversation was of type personal".
  const user = conv.type === 'personal' ? ops.users.find((u) => u.id === conv.participants[0]?.userId) : undefined;
  // creationReason `none`: "Used primarily when a conversation is created via the Create Conversation API".
  emit(store, appId, 'conversation:create', conv, (shape) =>
    compact({ conversation, creationReason: 'none', source: shapedSource(shape, API_SOURCE), user: user ? shapedUser(shape, userView(user)) : undefined }),
  );
}

export function conversationRemoved(store: EmulatorStore, appId: string, conv: ConversationRecord): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  emit(store, appId, 'conversation:remove', conv, () => ({ conversation }));
}

/** conversation:read for conversation:read activity, conversation:typing for typing:start / typing:stop. */
export function activityPosted(store: EmulatorStore, appId: string, conv: ConversationRecord, type: string, rawAuthor: Json, user: UserRecord | undefined): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  const event = type === 'conversation:read' ? 'conversation:read' : 'conversation:typing';
  const authorRaw = compact({ type: rawAuthor.type, userId: user?.id });
  emit(store, appId, event, conv, (shape) => ({ conversation, activity: { type, author: author(authorRaw, user, shape), source: shapedSource(shape, API_SOURCE) } }));
}

/** switchboard:passControl, offerControl, acceptControl, releaseControl: the conversation after the action. */
export function controlChanged(store: EmulatorStore, appId: string, conv: ConversationRecord, action: string, metadata: Json | undefined): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  emit(store, appId, `switchboard:${action}`, conv, () => compact({ conversation, metadata }));
}

export function participantChanged(store: EmulatorStore, appId: string, conv: ConversationRecord, user: UserRecord, joined: boolean): void {
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  const truncated = truncatedUser(userView(user));
  emit(store, appId, joined ? 'conversation:join' : 'conversation:leave', conv, () => ({ conversation, user: truncated }));
}

export function userUpdated(store: EmulatorStore, appId: string, user: UserRecord): void {
  const view = userView(user);
  emit(store, appId, 'user:update', undefined, (shape) => ({ user: shapedUser(shape, view), source: shapedSource(shape, API_SOURCE) }));
}

export function userRemoved(store: EmulatorStore, appId: string, user: UserRecord): void {
  const truncated = truncatedUser(userView(user));
  emit(store, appId, 'user:remove', undefined, () => ({ user: truncated }));
}

/** client:add with reason channelLinking: CreateClient is a link request, toward `conversation`. */
export function clientAdded(store: EmulatorStore, appId: string, user: UserRecord, client: ClientRecord, conv: ConversationRecord): void {
  const view = compact({ ...client }) as Json;
  const truncated = truncatedUser(userView(user));
  const conversation = truncatedConversation(conversationView(store, appId, conv));
  emit(store, appId, 'client:add', conv, (shape) => ({ conversation, user: truncated, client: view, reason: 'channelLinking', source: shapedSource(shape, API_SOURCE) }));
}

/** client:remove with reason `api`: "directly using the API". */
export function clientRemoved(store: EmulatorStore, appId: string, user: UserRecord, client: ClientRecord): void {
  const view = compact({ ...client }) as Json;
  const truncated = truncatedUser(userView(user));
  emit(store, appId, 'client:remove', undefined, (shape) => ({ user: truncated, client: view, reason: 'api', source: shapedSource(shape, API_SOURCE) }));
}
