/**
 * Flags that name users and authors, shared by several nouns. Light: no API code here.
 */
import type { Argv } from 'yargs';
import { UserError } from '../../../errors.js';
import { looksLikeId } from '../../app-resolve.js';

export interface UserFlags {
  user?: string;
  externalId?: string;
}

export function userFlags<T>(y: Argv<T>, what: string): Argv<T & UserFlags> {
  return y
    .option('user', { type: 'string', describe: `${what}: user id` })
    .option('external-id', { type: 'string', describe: `${what}: user externalId` })
    .conflicts('user', 'external-id');
}

/** `{userId}` or `{userExternalId}`, the shape the API's bodies use (participantSubSchema). */
export function userRef(argv: UserFlags): { userId: string } | { userExternalId: string } {
  if (argv.user) return { userId: argv.user };
  if (argv.externalId) return { userExternalId: argv.externalId };
  throw new UserError('Name the user: --user ID or --external-id ID.');
}

export function conversationFlag<T>(y: Argv<T>): Argv<T & { conversation: string }> {
  return y.option('conversation', { alias: 'c', type: 'string', demandOption: true, describe: 'Conversation id' }) as Argv<T & { conversation: string }>;
}

/**
 * `--as business` (default) or `--as user:ID`, where ID is a user id (24 hex) or an
 * externalId (components.schemas.author: userId / userExternalId, only for type user).
 */
export function authorFromAs(as: string | undefined): Record<string, unknown> {
  const value = (as ?? 'business').trim();
  if (value === 'business') return { type: 'business' };
  const m = /^user:(.+)$/.exec(value);
  if (!m?.[1]) throw new UserError(`--as must be "business" or "user:ID" (a user id or externalId), not "${value}".`);
  return looksLikeId(m[1]) ? { type: 'user', userId: m[1] } : { type: 'user', userExternalId: m[1] };
}
