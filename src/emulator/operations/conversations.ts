/**
 * Conversations: /v2/apps/{appId}/conversations[/{conversationId}] (spec tag "Conversations").
 */
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import { paginate } from '../paginate.js';
import type { EmulatorStore } from '../store.js';
import { releaseAttachments } from './attachment-store.js';
import { linkBase } from './clients.js';
import { conversationView } from './conversation-view.js';
import { appOps, bodyObject, checkMetadata, conversationOf, nowIso, requireUserRef } from './records.js';
import { assertSchema } from './spec-schemas.js';
import type { ConversationRecord, ParticipantRecord, UserRecord } from './state.js';
import { conversationCreated, conversationRemoved } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

export function newParticipant(user: UserRecord): ParticipantRecord {
  return { id: newId(), userId: user.id, unreadCount: 0, lastRead: null };
}

/** `subscribeSDKClient` "is required if the conversation is of type `sdkGroup`" (participantSubSchema). */
export function checkSubscribe(type: ConversationRecord['type'], p: Record<string, unknown>): void {
  if (type === 'sdkGroup' && typeof p.subscribeSDKClient !== 'boolean') {
    throw new HttpError(400, 'bad_request', 'subscribeSDKClient is required for participants of sdkGroup conversations');
  }
}

export function conversationRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const appId = req.params.appId ?? '';
        const ops = appOps(store, appId);
        const body = bodyObject(req);
        assertSchema('conversationCreateBody', body, '');
        const metadata = checkMetadata(body.metadata);
        const type = body.type as ConversationRecord['type'];
        const refs = (body.participants as Record<string, unknown>[] | undefined) ?? [];
        // conversationCreateBody.participants: exactly 1 for personal, at most 10 for sdkGroup.
        if (type === 'personal' && refs.length !== 1) {
          throw new HttpError(400, 'bad_request', 'A personal conversation requires exactly one participant');
        }
        const users = refs.map((p) => {
          checkSubscribe(type, p);
          return requireUserRef(ops, p);
        });
        if (new Set(users.map((u) => u.id)).size !== users.length) throw new HttpError(400, 'bad_request', 'Duplicate participants');
        const first = users[0];
        // isDefault: "true for the first personal conversation created for the user".
        const isDefault =
          type === 'personal' && first !== undefined && !ops.conversations.some((c) => c.type === 'personal' && c.participants.some((p) => p.userId === first.id));
        const now = nowIso();
        // With an enabled switchboard, a new conversation is controlled by its default
        // switchboard integration (spec: conversation.activeSwitchboardIntegration).
        const active = store.defaultSwitchboardIntegrationId(appId);
        const conv: ConversationRecord = {
          id: newId(),
          type,
          isDefault,
          displayName: body.displayName as string | undefined,
          description: body.description as string | undefined,
          iconUrl: body.iconUrl as string | undefined,
          metadata: metadata ?? {},
          businessLastRead: null,
          lastUpdatedAt: now,
          createdAt: now,
          participants: users.map(newParticipant),
          messages: [],
          ...(active ? { activeSwitchboardIntegrationId: active } : {}),
        };
        ops.conversations.push(conv);
        store.touch();
        conversationCreated(store, appId, ops, conv);
        return { status: 201, body: { conversation: conversationView(store, appId, conv) } };
      },
    },
    {
      // ListConversations: one of filter[userId] / filter[userExternalId], not both (conversationFilterQuery).
      method: 'GET',
      pattern: '/v2/apps/:appId/conversations',
      scopes: SCOPES,
      handler: (req) => {
        const appId = req.params.appId ?? '';
        const ops = appOps(store, appId);
        const userId = req.query.get('filter[userId]') ?? undefined;
        const userExternalId = req.query.get('filter[userExternalId]') ?? undefined;
        if ((userId === undefined) === (userExternalId === undefined)) {
          throw new HttpError(400, 'bad_request', 'One of filter[userId] or filter[userExternalId] is required, but not both');
        }
        const user = requireUserRef(ops, { userId, userExternalId });
        const mine = ops.conversations.filter((c) => c.participants.some((p) => p.userId === user.id));
        const page = paginate(mine, req.query, linkBase(req));
        return {
          status: 200,
          body: { conversations: page.items.map((c) => conversationView(store, appId, c)), meta: page.meta, links: page.links },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/conversations/:conversationId',
      scopes: SCOPES,
      handler: (req) => ({ status: 200, body: { conversation: conversationView(store, req.params.appId ?? '', conversationOf(store, req).conv) } }),
    },
    {
      method: 'PATCH',
      pattern: '/v2/apps/:appId/conversations/:conversationId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { conv } = conversationOf(store, req);
        const body = bodyObject(req);
        assertSchema('conversationUpdateBody', body, '');
        const metadata = checkMetadata(body.metadata);
        for (const k of ['displayName', 'description', 'iconUrl'] as const) {
          if (k in body) conv[k] = (body[k] as string | null) ?? undefined;
        }
        if ('metadata' in body) conv.metadata = metadata ?? {};
        store.touch();
        return { status: 200, body: { conversation: conversationView(store, req.params.appId ?? '', conv) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/conversations/:conversationId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        if (conv.isDefault) {
          throw new HttpError(400, 'bad_request', `Conversation ${conv.id} cannot be deleted because it is the default.`);
        }
        conversationRemoved(store, req.params.appId ?? '', conv);
        ops.conversations = ops.conversations.filter((c) => c !== conv);
        releaseAttachments(ops, { messages: conv.messages, conversationId: conv.id });
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
