/**
 * Authentication as the spec's introduction describes it ("Authentication"): Basic with
 * keyId:secret, or a Bearer JWT signed HS256 with the key's secret and `kid` in the header
 * ("Unsigned JWTs are not accepted"). The key's scope comes from where the key is stored;
 * a JWT's `scope` claim must name that same scope.
 */
import { timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { HttpError, type Principal } from './route.js';
import type { ProvisioningState } from './provisioning/state.js';

export interface StoredKey {
  secret: string;
  principal: Principal;
}

/** Finds a key by id among the account key, app keys and custom integration keys. */
export function findKey(state: ProvisioningState, keyId: string): StoredKey | undefined {
  const acct = state.accountKey;
  if (acct && acct.id === keyId) return { secret: acct.secret, principal: { scope: 'account', keyId } };
  for (const app of state.apps) {
    const k = app.keys.find((x) => x.id === keyId);
    if (k) return { secret: k.secret, principal: { scope: 'app', keyId, appId: app.id } };
    for (const integ of app.integrations) {
      const ik = integ.keys.find((x) => x.id === keyId);
      if (ik) {
        return { secret: ik.secret, principal: { scope: 'integration', keyId, appId: app.id, integrationId: integ.id } };
      }
    }
  }
  return undefined;
}

const unauthorized = (title: string) => new HttpError(401, 'unauthorized', title);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function authenticate(header: string | undefined, state: ProvisioningState): Promise<Principal> {
  if (!header) throw unauthorized('Authorization is required');
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (/^basic$/i.test(scheme)) return basic(value, state);
  if (/^bearer$/i.test(scheme)) return bearer(value, state);
  throw unauthorized('Authorization is required');
}

function basic(value: string, state: ProvisioningState): Principal {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized('Invalid credentials');
  const key = findKey(state, decoded.slice(0, colon));
  if (!key || !sameSecret(key.secret, decoded.slice(colon + 1))) throw unauthorized('Invalid credentials');
  return key.principal;
}

async function bearer(token: string, state: ProvisioningState): Promise<Principal> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'HS256') throw unauthorized('Invalid JWT: alg must be HS256');
    kid = header.kid;
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw unauthorized('Invalid JWT');
  }
  if (!kid) throw unauthorized('Invalid JWT: header must contain kid');
  const key = findKey(state, kid);
  if (!key) throw unauthorized('Invalid JWT: unknown kid');
  let scope: unknown;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), { algorithms: ['HS256'] });
    scope = payload.scope;
  } catch {
    throw unauthorized('Invalid JWT signature');
  }
  if (scope !== key.principal.scope) throw unauthorized(`Invalid JWT: scope must be '${key.principal.scope}' for this key`);
  return key.principal;
}
