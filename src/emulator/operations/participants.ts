/**
 * Participants: join, leave and list (spec tag "Participants").
 */
import { HttpError, type Route } from '../route.js';
import { paginate } from '../paginate.js';
import type { EmulatorStore } from '../store.js';
import { linkBase } from './clients.js';
import { checkSubscribe, newParticipant } from './conversations.js';
import { bodyObject, conversationOf, requireUserRef } from './records.js';
import type { AppOperations, ParticipantRecord } from './state.js';
import { participantChanged } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];
const MAX_PARTICIPANTS = 10;

/** components.schemas.participant */
export function participantView(ops: AppOperations, p: ParticipantRecord): Record<string, unknown> {
  const user = ops.users.find((u) => u.id === p.userId);
  return {
    id: p.id,
    userId: p.userId,
    unreadCount: p.unreadCount,
    clientAssociations: [],
    userExternalId: user?.externalId ?? null,
    lastRead: p.lastRead,
  };
}

export function participantRoutes(store: EmulatorStore): Route[] {
  return [
    {
      // JoinConversation "only supports adding a participant to a sdkGroup conversation".
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/join',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const body = bodyObject(req);
        if (conv.type !== 'sdkGroup') throw new HttpError(400, 'bad_request', 'Participants can only be added to sdkGroup conversations');
        checkSubscribe(conv.type, body);
        const user = requireUserRef(ops, body);
        if (conv.participants.some((p) => p.userId === user.id)) {
          throw new HttpError(400, 'bad_request', 'User is already a participant of the conversation');
        }
        if (conv.participants.length >= MAX_PARTICIPANTS) throw new HttpError(400, 'bad_request', 'Too many participants');
        const participant = newParticipant(user);
        conv.participants.push(participant);
        store.touch();
        participantChanged(store, req.params.appId ?? '', conv, user, true);
        return { status: 201, body: { participant: participantView(ops, participant) } };
      },
    },
    {
      // participantLeaveBody: one of userId, userExternalId or participantId. Its oneOf branches
      // have no required fields, so it is checked here rather than with the schema.
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/leave',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const body = bodyObject(req);
        const given = ['userId', 'userExternalId', 'participantId'].filter((k) => typeof body[k] === 'string');
        if (given.length !== 1) throw new HttpError(400, 'bad_request', 'One of userId, userExternalId or participantId is required');
        let participant: ParticipantRecord | undefined;
        if (given[0] === 'participantId') {
          participant = conv.participants.find((p) => p.id === body.participantId);
        } else {
          const user = requireUserRef(ops, body);
          participant = conv.participants.find((p) => p.userId === user.id);
        }
        if (!participant) throw new HttpError(404, 'not_found', 'User is not a member of the conversation');
        conv.participants = conv.participants.filter((p) => p !== participant);
        store.touch();
        const left = ops.users.find((u) => u.id === participant.userId);
        if (left) participantChanged(store, req.params.appId ?? '', conv, left, false);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/conversations/:conversationId/participants',
      scopes: SCOPES,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const page = paginate(conv.participants, req.query, linkBase(req));
        return { status: 200, body: { participants: page.items.map((p) => participantView(ops, p)), meta: page.meta, links: page.links } };
      },
    },
  ];
}
