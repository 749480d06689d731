/**
 * Messages: post, list, delete one, delete all (spec tag "Messages").
 */
import { newId } from '../ids.js';
import { readCursors } from '../paginate.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { linkBase } from './clients.js';
import { releaseAttachments } from './attachment-store.js';
import { parseMessagePost } from './message-body.js';
import { appOps, bodyObject, compact, conversationOf, nowIso, requireConversation } from './records.js';
import type { ConversationRecord, MessageRecord } from './state.js';
import { messagePosted } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

/** "Conversations are limited to 30,000 messages" (spec introduction, Conversation Size Limits). */
export const DEFAULT_MESSAGE_LIMIT = 30_000;
let messageLimit = DEFAULT_MESSAGE_LIMIT;

/** Lowers (or restores, without an argument) the per-conversation limit, so tests need not post 30,000 messages. */
export function setMessageLimit(limit: number = DEFAULT_MESSAGE_LIMIT): void {
  messageLimit = limit;
}

/** ListMessages: "The page size limit is fixed at 100 messages per page" (page[size] does not apply). */
const PAGE = 100;

function messageView(m: MessageRecord): Record<string, unknown> {
  return compact({ id: m.id, received: m.received, author: m.author, content: m.content, source: m.source, metadata: m.metadata ?? undefined });
}

/**
 * ListMessages pages *backwards*: without a cursor the most recent 100 messages, oldest
 * first; `hasMore` tells whether more exist in the direction being paged (page[after] goes
 * forward). The cursor toward older messages is beforeCursor / links.prev.
 */
function listPage(conv: ConversationRecord, query: URLSearchParams, base: string): Record<string, unknown> {
  const { after, before } = readCursors(query);
  const all = conv.messages;
  let start: number;
  let end: number;
  if (after !== null) {
    const i = all.findIndex((m) => m.id === after);
    start = i < 0 ? all.length : i + 1;
    end = Math.min(all.length, start + PAGE);
  } else {
    const i = before === null ? all.length : all.findIndex((m) => m.id === before);
    end = i < 0 ? 0 : i;
    start = Math.max(0, end - PAGE);
  }
  const items = all.slice(start, end);
  const older = start > 0;
  const newer = end < all.length;
  const link = (key: string, id: string) => {
    const u = new URL(base);
    u.searchParams.delete('page[after]');
    u.searchParams.delete('page[before]');
    u.searchParams.set(`page[${key}]`, id);
    return u.toString();
  };
  const meta: Record<string, unknown> = { hasMore: after !== null ? newer : older };
  const links: Record<string, string> = {};
  const first = items[0];
  const last = items[items.length - 1];
  if (first && older) {
    meta.beforeCursor = first.id;
    links.prev = link('before', first.id);
  }
  if (last && newer) {
    meta.afterCursor = last.id;
    links.next = link('after', last.id);
  }
  return { messages: items.map(messageView), meta, links };
}

export function messageRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/messages',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const parsed = parseMessagePost(ops, bodyObject(req));
        if (conv.messages.length >= messageLimit) {
          throw new HttpError(423, 'locked', `Message limit of ${messageLimit} per conversation reached.`);
        }
        const received = nowIso();
        const message: MessageRecord = {
          id: newId(),
          received,
          author: parsed.author,
          content: parsed.content,
          source: { type: 'api' },
          metadata: parsed.metadata,
        };
        conv.messages.push(message);
        conv.lastUpdatedAt = received;
        // switchboard.defaultSwitchboardIntegrationId is "given control when a new conversation
        // begins" and "also used for conversations that existed before the switchboard was
        // enabled"; releaseControl nullifies the state. Either way, the user's next message
        // hands the conversation to the enabled switchboard's default.
        const fallback = store.defaultSwitchboardIntegrationId(req.params.appId ?? '');
        const active = conv.activeSwitchboardIntegrationId;
        if (parsed.author.type === 'user' && fallback && !store.switchboardIntegrations(req.params.appId ?? '').some((s) => s.id === active)) {
          conv.activeSwitchboardIntegrationId = fallback;
          delete conv.pendingSwitchboardIntegrationId;
        }
        for (const p of conv.participants) if (p.userId !== parsed.authorUserId) p.unreadCount += 1;
        store.touch();
        messagePosted(store, req.params.appId ?? '', ops, conv, message);
        return { status: 201, body: { messages: [messageView(message)] } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/conversations/:conversationId/messages',
      scopes: SCOPES,
      handler: (req) => {
        // The spec documents 404 not_found "Resource not found" for this operation.
        const ops = appOps(store, req.params.appId ?? '');
        const conv = requireConversation(ops, req.params.conversationId ?? '', { code: 'not_found', title: 'Resource not found' });
        return { status: 200, body: listPage(conv, req.query, linkBase(req)) };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/conversations/:conversationId/messages',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        releaseAttachments(ops, { messages: conv.messages });
        conv.messages = [];
        for (const p of conv.participants) p.unreadCount = 0;
        store.touch();
        return { status: 200, body: {} };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/conversations/:conversationId/messages/:messageId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const message = conv.messages.find((m) => m.id === req.params.messageId);
        if (!message) throw new HttpError(404, 'message_not_found', 'Message not found');
        conv.messages = conv.messages.filter((m) => m !== message);
        releaseAttachments(ops, { messages: [message] });
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
