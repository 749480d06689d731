/**
 * Payload pieces that depend on the webhook's options, shared by every event builder.
 * Field names are the spec's webhook schemas (userTruncated, user, sourceWebhook,
 * conversationTruncated); values come from the emulator's own API views so that a
 * payload says what a GET would.
 */
import type { PayloadShape } from './event.js';

type Json = Record<string, unknown>;

const pick = (o: Json, keys: readonly string[]): Json => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** components.schemas.userTruncated: what every payload shows of a user. */
export function truncatedUser(user: Json): Json {
  return pick(user, ['id', 'externalId', 'zendeskId', 'brandId', 'authenticated']);
}

/**
 * A `user` typed components.schemas.user in an event: the whole user (profile, metadata,
 * identities) only with includeFullUser, else the truncated form, as the spec's examples show.
 */
export function shapedUser(shape: PayloadShape, user: Json): Json {
  return shape.fullUser ? user : truncatedUser(user);
}

export interface SourceParts {
  type: string;
  integrationId?: string;
  client?: Json | null;
  device?: Json | null;
}

/** components.schemas.sourceWebhook: `client` and `device` "only present if includeFullSource is enabled". */
export function shapedSource(shape: PayloadShape, source: SourceParts): Json {
  const base = pick(source as unknown as Json, ['type', 'integrationId']);
  return shape.fullSource ? { ...base, client: source.client ?? null, device: source.device ?? null } : base;
}

/** components.schemas.conversationTruncated, from the API's conversation view. */
export function truncatedConversation(conversation: Json): Json {
  return pick(conversation, ['id', 'type', 'metadata', 'activeSwitchboardIntegration', 'pendingSwitchboardIntegration']);
}
