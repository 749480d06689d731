import { UserError } from '../errors.js';
import { type KeyScope, scopeOfKeyId } from './key-scope.js';
import type { AuthMode, Credentials } from './types.js';

export type JwtScope = KeyScope;

/** How long a signed token is valid, and how long before expiry we stop reusing it. */
export const JWT_LIFETIME_S = 3600;
export const JWT_RENEW_BEFORE_S = 60;

/**
 * The JWT `scope` claim follows from the key id's prefix: SunCo key ids are
 * act_/svc_ (account), app_ (app) and int_ (integration). Anything else cannot be signed
 * for, but it may still work with Basic auth, so say so.
 */
export function jwtScope(keyId: string): JwtScope {
  const scope = scopeOfKeyId(keyId);
  if (!scope) {
    throw new UserError(
      `Cannot tell the JWT scope of key id "${keyId}": known prefixes are act_ and svc_ (account), app_ (app) and int_ (integration). Use --auth basic for this key.`,
    );
  }
  return scope;
}

export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.keyId}:${credentials.secret}`, 'utf8').toString('base64')}`;
}

export async function signJwt(credentials: Credentials, nowMs: number, lifetimeS = JWT_LIFETIME_S): Promise<{ token: string; exp: number }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + lifetimeS;
  // jose is loaded only when a JWT is signed: Basic auth (the default) never pays for its import.
  const { SignJWT } = await import('jose');
  const token = await new SignJWT({ scope: jwtScope(credentials.keyId) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: credentials.keyId })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(credentials.secret));
  return { token, exp };
}

/**
 * Produces the Authorization header value for given credentials. JWTs are cached per
 * credentials (a client made by withCredentials shares the cache) and reused until
 * shortly before they expire, so a long apply signs once per key, not once per call.
 */
export class Authorizer {
  private readonly cache = new Map<string, { exp: number; token: Promise<string> }>();

  constructor(
    private readonly mode: AuthMode,
    private readonly now: () => number = Date.now,
  ) {}

  async header(credentials: Credentials): Promise<string> {
    if (this.mode === 'basic') return basicAuthorization(credentials);
    const key = `${credentials.keyId}\u0000${credentials.secret}`;
    const nowS = Math.floor(this.now() / 1000);
    const cached = this.cache.get(key);
    if (cached && nowS < cached.exp - JWT_RENEW_BEFORE_S) return `Bearer ${await cached.token}`;
    // Check the prefix now so the error surfaces synchronously-ish and is not cached.
    jwtScope(credentials.keyId);
    const exp = nowS + JWT_LIFETIME_S;
    const token = signJwt(credentials, this.now()).then((t) => t.token);
    this.cache.set(key, { exp, token });
    try {
      return `Bearer ${await token}`;
    } catch (err) {
      this.cache.delete(key);
      throw err;
    }
  }
}
