/**
 * Lookups shared by the operations routes: the app's operations data, users by id or
 * externalId, conversations, and the checks every body goes through (metadata rules).
 */
import { METADATA_LIMIT_BYTES, metadataBytes } from '../../resources/metadata.js';
import { HttpError } from '../route.js';
import type { EmuRequest } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { type AppOperations, type ConversationRecord, type Metadata, type UserRecord, emptyAppOperations } from './state.js';

export function nowIso(): string {
  return new Date().toISOString();
}

/** The app's operations data (created on first use); 404 app_not_found for an unknown app. */
export function appOps(store: EmulatorStore, appId: string): AppOperations {
  store.requireApp(appId);
  const apps = store.state.operations.apps;
  let ops = apps[appId];
  if (!ops) {
    ops = emptyAppOperations();
    apps[appId] = ops;
  }
  return ops;
}

export function findUser(ops: AppOperations, idOrExternalId: string): UserRecord | undefined {
  // The path parameter is `userIdOrExternalId` (components.parameters.userIdOrExternalId): id first.
  return ops.users.find((u) => u.id === idOrExternalId) ?? ops.users.find((u) => u.externalId === idOrExternalId);
}

export function requireUser(ops: AppOperations, idOrExternalId: string): UserRecord {
  const user = findUser(ops, idOrExternalId);
  if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
  return user;
}

/** A user named by `userId` or `userExternalId` in a body (participantSubSchema, author). */
export function requireUserRef(ops: AppOperations, ref: { userId?: unknown; userExternalId?: unknown }): UserRecord {
  const hasId = typeof ref.userId === 'string';
  const hasExt = typeof ref.userExternalId === 'string';
  if (hasId === hasExt) throw new HttpError(400, 'bad_request', 'One of userId or userExternalId is required, but not both');
  const user = hasId ? ops.users.find((u) => u.id === ref.userId) : ops.users.find((u) => u.externalId === ref.userExternalId);
  if (!user) throw new HttpError(404, 'user_not_found', 'User not found');
  return user;
}

export function requireConversation(ops: AppOperations, id: string, notFound = { code: 'conversation_not_found', title: 'Conversation not found' }): ConversationRecord {
  const conv = ops.conversations.find((c) => c.id === id);
  if (!conv) throw new HttpError(404, notFound.code, notFound.title);
  return conv;
}

/** The request's app and conversation, in one call. */
export function conversationOf(store: EmulatorStore, req: EmuRequest): { ops: AppOperations; conv: ConversationRecord } {
  const ops = appOps(store, req.params.appId ?? '');
  return { ops, conv: requireConversation(ops, req.params.conversationId ?? '') };
}

/** The request body as an object; 400 when it is missing or not a JSON object. */
export function bodyObject(req: EmuRequest, optional = false): Record<string, unknown> {
  const b = req.body;
  if (b === undefined && optional) return {};
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'bad_request', 'Request body must be a JSON object');
  return b as Record<string, unknown>;
}

/**
 * components.schemas.metadata: "Flat object containing custom properties. Strings, numbers
 * and booleans are the only supported format ... limited to 4KB in size."
 */
export function checkMetadata(value: unknown, label = 'metadata'): Metadata | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'bad_request', `${label} must be an object`);
  for (const [k, v] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw new HttpError(400, 'bad_request', `${label}.${k}: only strings, numbers and booleans are supported`);
    }
  }
  if (metadataBytes(value) > METADATA_LIMIT_BYTES) throw new HttpError(400, 'bad_request', `${label} is limited to ${METADATA_LIMIT_BYTES} bytes in size`);
  return value as Metadata;
}

/** Drops undefined properties so that responses carry only what is set. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
