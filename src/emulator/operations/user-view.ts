/**
 * The API's view of a user (GET, lists, and the webhook payloads built from it).
 */
import { compact } from './records.js';
import type { UserRecord } from './state.js';

/** components.schemas.user: the record without the clients and devices kept beside it. */
export function userView(u: UserRecord): Record<string, unknown> {
  return compact({
    id: u.id,
    externalId: u.externalId,
    zendeskId: u.zendeskId,
    brandId: u.brandId,
    authenticated: u.authenticated,
    signedUpAt: u.signedUpAt,
    toBeRetained: u.toBeRetained,
    profile: u.profile,
    metadata: u.metadata,
    identities: u.identities,
  });
}

