/**
 * Which fields of an API answer hold secrets, and a deep mask for answers whose shape we do
 * not know in advance (`sunco api`). Secrets are never printed unless the user asks.
 */
import { HIDDEN } from '../../output.js';

/**
 * Fields that hold credentials in any answer: key and webhook `secret`, the channel
 * credentials of every integration type (RESOURCES.md, per-type tables; e.g. LINE
 * channelSecret, WhatsApp accountManagementAccessToken), and a device's push token
 * (components.schemas.client / device `pushNotificationToken`).
 */
export const SECRET_FIELDS = [
  'secret',
  'webhookSecret',
  'pageAccessToken',
  'channelSecret',
  'channelAccessToken',
  'switcherSecret',
  'accountManagementAccessToken',
  'authenticationMessageSecret',
  'signingKey',
  'apiKey',
  'apiSecret',
  'appSecret',
  'accessKey',
  'authToken',
  'token',
  'privateKey',
  'serverKey',
  'certificate',
  'password',
  'consumerKey',
  'consumerSecret',
  'accessTokenKey',
  'accessTokenSecret',
  'pushNotificationToken',
] as const;

const SECRET_SET: ReadonlySet<string> = new Set(SECRET_FIELDS);

/** A deep copy of `value` with every secret field at any depth reading "(hidden)"; `count` says how many. */
export function maskSecretsDeep(value: unknown): { value: unknown; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, field] of Object.entries(v)) {
      if (SECRET_SET.has(k) && field !== null && field !== undefined && field !== '') {
        out[k] = HIDDEN;
        count++;
      } else out[k] = walk(field);
    }
    return out;
  };
  return { value: walk(value), count };
}
