/**
 * What a key id's prefix says about its scope (RESOURCES.md "Scopes"): act_ and svc_ keys
 * are account-scoped, app_ keys app-scoped, int_ keys integration-scoped. The JWT `scope`
 * claim (auth.ts) and the planner's scope checks (state/scope.ts) both read it here.
 */
export type KeyScope = 'account' | 'app' | 'integration';

const PREFIX_SCOPES: Readonly<Record<string, KeyScope>> = { act_: 'account', svc_: 'account', app_: 'app', int_: 'integration' };

/** The scope the prefix names; undefined for an id without a known prefix. */
export function scopeOfKeyId(keyId: string | undefined): KeyScope | undefined {
  return keyId === undefined ? undefined : PREFIX_SCOPES[keyId.slice(0, 4)];
}
