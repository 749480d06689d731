/**
 * Which fields of an API answer hold secrets, and a deep mask for answers whose shape we do
 * not know in advance (`sunco api`). Secrets are never printed: `sunco api --secrets-out FILE`
 * saves them to the file the user names, like sunco-apply does.
 */
import { type SensitiveRecord, maskRecorded, mergeRecords } from '../../../resources/sensitive-record.js';
import { MASK } from '../../../secret-mask.js';
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
 * A deep copy of `value` with every secret field at any depth reading "(hidden)", and the
 * secrets found (for --secrets-out); `count` says how many were hidden. The fields that the
 * apps' records name as fed by sensitive variables (resources/sensitive-record.ts: the
 * records of the apps in the answer, and `records`, those of the app the answer belongs to)
 * read "(sensitive)"; `sensitive` says how many. Those are the config's own values, so they
 * are not saved.
 */
export function maskSecretsDeep(value: unknown, records: SensitiveRecord[] = []): { value: unknown; count: number; found: FoundSecret[]; sensitive: number } {
  const found: FoundSecret[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    const id = (v as { id?: unknown }).id;
    for (const [k, field] of Object.entries(v)) {
      if (SECRET_SET.has(k) && field !== null && field !== undefined && field !== '') {
        out[k] = HIDDEN;
        found.push({ path: [...path, k].join('.'), ...(typeof id === 'string' ? { id } : {}), secret: typeof field === 'string' ? field : JSON.stringify(field) });
      } else out[k] = walk(field, [...path, k]);
    }
    return out;
  };
  let sensitive = 0;
  const masked = maskRecorded(walk(value, []), mergeRecords(records), () => {
    sensitive++;
    return MASK;
  });
  return { value: masked, count: found.length, found, sensitive };
}
