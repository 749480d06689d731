/**
 * Which fields of an API answer hold secrets, and a deep mask for answers whose shape we do
 * not know in advance (`sunco api`). Secrets are never printed: `sunco api --secrets-out FILE`
 * saves them to the file the user names, like sunco-apply does.
 */
import { sensitiveMetadataKeys } from '../../../resources/reserved-keys.js';
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

export interface FoundSecret {
  /** Dotted path in the answer, e.g. "keys.0.secret". */
  path: string;
  /** The `id` beside the secret field, when there is one (the key's or webhook's id). */
  id?: string;
  secret: string;
}

/**
 * A deep copy of `value` with every secret field at any depth reading "(hidden)" (and the app
 * metadata keys that `sunco:sensitive` names: src/resources/reserved-keys.ts), and the
 * secrets found (for --secrets-out); `count` says how many were hidden.
 */
export function maskSecretsDeep(value: unknown): { value: unknown; count: number; found: FoundSecret[] } {
  const found: FoundSecret[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    const id = (v as { id?: unknown }).id;
    // App metadata values sunco applied from sensitive variables: their keys are listed in the metadata itself.
    const listed = path.at(-1) === 'metadata' ? new Set(sensitiveMetadataKeys(v)) : undefined;
    for (const [k, field] of Object.entries(v)) {
      if ((SECRET_SET.has(k) || listed?.has(k)) && field !== null && field !== undefined && field !== '') {
        out[k] = HIDDEN;
        found.push({ path: [...path, k].join('.'), ...(typeof id === 'string' ? { id } : {}), secret: typeof field === 'string' ? field : JSON.stringify(field) });
      } else out[k] = walk(field, [...path, k]);
    }
    return out;
  };
  const masked = walk(value, []);
  return { value: masked, count: found.length, found };
}
