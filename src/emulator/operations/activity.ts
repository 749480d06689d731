/**
 * PostActivity: typing:start, typing:stop and conversation:read (spec tag "Activities").
 */
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { bodyObject, conversationOf, nowIso, requireUserRef } from './records.js';
import { assertSchema } from './spec-schemas.js';
import type { UserRecord } from './state.js';
import { activityPosted } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

export function activityRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/activity',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const { ops, conv } = conversationOf(store, req);
        const body = bodyObject(req);
        assertSchema('activityPost', body, '');
        const author = body.author as Record<string, unknown>;
        const now = nowIso();
        let user: UserRecord | undefined;
        if (author.type === 'user') {
          // activityTypes.type: "If the author type is `user`, only `conversation:read` is supported."
          if (body.type !== 'conversation:read') {
            throw new HttpError(400, 'bad_request', 'Only conversation:read is supported when the author type is user');
          }
          user = requireUserRef(ops, author);
          const participant = conv.participants.find((p) => p.userId === user?.id);
          if (participant) {
            participant.lastRead = now;
            participant.unreadCount = 0;
          }
        } else if (body.type === 'conversation:read') {
          conv.businessLastRead = now;
        }
        store.touch();
        activityPosted(store, req.params.appId ?? '', conv, body.type as string, author, user);
        return { status: 200, body: {} };
      },
    },
  ];
}
