/**
 * Users: /v2/apps/{appId}/users[...] (spec tag "Users"). Users are found by id or externalId;
 * externalId is unique per app (409 conflict "User already exists").
 */
import { newId } from '../ids.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { releaseAttachments } from './attachment-store.js';
import { appOps, bodyObject, checkMetadata, nowIso, requireUser } from './records.js';
import { userView } from './user-view.js';
import { assertSchema } from './spec-schemas.js';
import type { AppOperations, ConversationRecord, UserRecord } from './state.js';
import { userRemoved, userUpdated } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

/** components.schemas.signedUpAt: "Must be ISO 8601 time format `YYYY-MM-DDThh:mm:ss.sssZ`". */
function checkSignedUpAt(value: unknown): void {
  if (typeof value !== 'string') return;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new HttpError(400, 'bad_request', 'signedUpAt must be an ISO 8601 date and time, e.g. 2020-05-21T15:53:30.197Z');
  }
}

function applyProfile(u: UserRecord, profile: unknown): void {
  if (!profile || typeof profile !== 'object') return;
  for (const [k, v] of Object.entries(profile as Record<string, unknown>)) {
    if (v === null) delete u.profile[k];
    else u.profile[k] = String(v);
  }
}

/** Deleting a user deletes its conversation history: personal conversations go, group memberships end. */
function dropUser(ops: AppOperations, user: UserRecord): void {
  ops.users = ops.users.filter((u) => u !== user);
  const personal = (c: ConversationRecord) => c.type === 'personal' && c.participants.some((p) => p.userId === user.id);
  for (const c of ops.conversations.filter(personal)) releaseAttachments(ops, { messages: c.messages, conversationId: c.id });
  ops.conversations = ops.conversations.filter((c) => !personal(c));
  for (const c of ops.conversations) c.participants = c.participants.filter((p) => p.userId !== user.id);
}

export function userRoutes(store: EmulatorStore): Route[] {
  const ops = (appId: string | undefined) => appOps(store, appId ?? '');
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/users',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const app = ops(req.params.appId);
        const body = bodyObject(req);
        assertSchema('userCreateBody', body, '');
        checkSignedUpAt(body.signedUpAt);
        const metadata = checkMetadata(body.metadata);
        const externalId = body.externalId as string | undefined;
        if (externalId !== undefined && app.users.some((u) => u.externalId === externalId)) {
          throw new HttpError(409, 'conflict', 'User already exists');
        }
        const user: UserRecord = {
          id: newId(),
          externalId,
          brandId: body.brandId as string | null | undefined,
          authenticated: false,
          signedUpAt: (body.signedUpAt as string | undefined) ?? nowIso(),
          toBeRetained: (body.toBeRetained as boolean | undefined) ?? false,
          profile: {},
          metadata: metadata ?? {},
          identities: [],
          clients: [],
          devices: [],
        };
        applyProfile(user, body.profile);
        app.users.push(user);
        store.touch();
        return { status: 201, body: { user: userView(user) } };
      },
    },
    {
      // ListUsers: "The `identities.email` filter parameter is required ... will not match
      // against emails stored in `profile.email`" (components.parameters.userFilterQuery).
      method: 'GET',
      pattern: '/v2/apps/:appId/users',
      scopes: SCOPES,
      handler: (req) => {
        const app = ops(req.params.appId);
        const email = req.query.get('filter[identities.email]');
        if (!email) throw new HttpError(400, 'bad_request', 'filter[identities.email] is required');
        const users = app.users.filter((u) => u.identities.some((i) => i.type === 'email' && i.value.toLowerCase() === email.toLowerCase()));
        return { status: 200, body: { users: users.map(userView) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId',
      scopes: SCOPES,
      handler: (req) => ({ status: 200, body: { user: userView(requireUser(ops(req.params.appId), req.params.userIdOrExternalId ?? '')) } }),
    },
    {
      method: 'PATCH',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const user = requireUser(ops(req.params.appId), req.params.userIdOrExternalId ?? '');
        const body = bodyObject(req);
        assertSchema('userUpdateBody', body, '');
        checkSignedUpAt(body.signedUpAt);
        const metadata = checkMetadata(body.metadata);
        if (body.signedUpAt !== undefined) user.signedUpAt = body.signedUpAt as string;
        if (body.toBeRetained !== undefined) user.toBeRetained = body.toBeRetained as boolean;
        if ('metadata' in body) user.metadata = metadata ?? {};
        applyProfile(user, body.profile);
        store.touch();
        userUpdated(store, req.params.appId ?? '', user);
        return { status: 200, body: { user: userView(user) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const app = ops(req.params.appId);
        const user = requireUser(app, req.params.userIdOrExternalId ?? '');
        dropUser(app, user);
        store.touch();
        userRemoved(store, req.params.appId ?? '', user);
        return { status: 200, body: {} };
      },
    },
    {
      // DeleteUserPersonalInformation: clears givenName, surname, email, avatarUrl and every
      // custom property; on each client, displayName, avatarUrl, info and raw. Answers the user.
      method: 'DELETE',
      pattern: '/v2/apps/:appId/users/:userIdOrExternalId/personalinformation',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const user = requireUser(ops(req.params.appId), req.params.userIdOrExternalId ?? '');
        for (const k of ['givenName', 'surname', 'email', 'avatarUrl']) delete user.profile[k];
        user.metadata = {};
        for (const c of user.clients) {
          c.displayName = null;
          c.avatarUrl = null;
          c.info = null;
          c.raw = null;
        }
        store.touch();
        return { status: 200, body: { user: userView(user) } };
      },
    },
    {
      // SyncUser: the emulator has no core Zendesk users to sync from, so a user with that
      // zendeskId is answered unchanged; none is user_not_found.
      method: 'POST',
      pattern: '/v2/apps/:appId/users/:zendeskId/sync',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        assertSchema('syncUserBody', bodyObject(req, true), '');
        const user = ops(req.params.appId).users.find((u) => u.zendeskId === req.params.zendeskId);
        if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
        return { status: 200, body: { user: userView(user) } };
      },
    },
  ];
}
