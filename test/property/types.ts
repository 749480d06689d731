/**
 * Per integration type (all 16): the literal fields a valid create needs, the write-only
 * fields (from the field table), and fields the edits may change: `updatable` ones change in
 * place, `createOnly` ones force a replace (RESOURCES.md, src/resources/fields.ts).
 */
import { INTEGRATION_FIELDS, INTEGRATION_TYPES } from '../../src/resources/fields.js';

export interface TypeInfo {
  plain: Record<string, unknown>;
  writeOnly: string[];
  /** Credentials the API reads back, set with generated values (so that a leak of one is found). */
  credentials?: string[];
  /** An updatable plain field and two values for it. */
  updatable?: [string, unknown, unknown];
  /** A field that forces replacement, with an alternative value. */
  createOnly?: [string, unknown];
}

const PLAIN: Record<string, Omit<TypeInfo, 'writeOnly'>> = {
  android: { plain: { senderId: '42' }, updatable: ['senderId', '42', '43'] },
  apple: { plain: { businessId: 'biz-1', mspId: 'msp-1' }, createOnly: ['businessId', 'biz-2'], credentials: ['authenticationMessageSecret'] },
  custom: { plain: {} },
  instagram: { plain: { appId: 'ig-app' }, createOnly: ['appId', 'ig-app-2'], updatable: ['storyRepliesEnabled', true, false] },
  ios: { plain: { production: false }, updatable: ['production', false, true] },
  line: { plain: { channelId: 'c1' }, createOnly: ['channelId', 'c2'], credentials: ['channelSecret', 'channelAccessToken'] },
  mailgun: { plain: { domain: 'mg.example.com', incomingAddress: 'support@mg.example.com' }, createOnly: ['incomingAddress', 'help@mg.example.com'], updatable: ['hideUnsubscribeLink', false, true] },
  messagebird: { plain: { originator: '+15550001111' }, createOnly: ['originator', '+15550002222'] },
  messenger: { plain: { appId: 'fb-app' }, createOnly: ['appId', 'fb-app-2'], credentials: ['pageAccessToken'] },
  telegram: { plain: {} },
  twilio: { plain: { accountSid: 'AC0123456789', phoneNumberSid: 'PN0123' }, createOnly: ['accountSid', 'AC999'] },
  twitter: { plain: { tier: 'enterprise' } },
  unity: { plain: { canUserSeeConversationList: true }, updatable: ['canUserSeeConversationList', true, false] },
  viber: { plain: {} },
  web: { plain: { brandColor: '112233', originWhitelist: ['https://acme.example'] }, updatable: ['brandColor', '112233', 'aabbcc'] },
  whatsapp: { plain: { hsmFallbackLanguage: 'fr_FR' }, updatable: ['hsmFallbackLanguage', 'fr_FR', 'de_DE'] },
};

/** Write-only fields a create of the type requires, or that it takes (android, ios): from the field table. */
function writeOnly(type: string): string[] {
  const rows = INTEGRATION_FIELDS[type as keyof typeof INTEGRATION_FIELDS];
  return rows.filter((r) => r.writeOnly && (r.role ?? 'field') === 'field' && (r.create === 'required' || ['android', 'ios'].includes(type))).map((r) => r.name)
    .filter((f) => !(type === 'android' && f === 'serverKey'));
}

export const TYPES: Record<string, TypeInfo> = Object.fromEntries(INTEGRATION_TYPES.map((t) => [t, { ...PLAIN[t]!, writeOnly: writeOnly(t) }]));

export const ALL_TYPES: readonly string[] = INTEGRATION_TYPES;

/**
 * The credentials the API reads back, as issue 14 lists them: written here and not taken from
 * the field table, so that a field that loses its `credential: true` there is still a secret
 * to the no-leak invariant (and the leak is found).
 */
const KNOWN_CREDENTIALS: Record<string, string[]> = {
  apple: ['authenticationMessageSecret'],
  line: ['channelSecret', 'channelAccessToken', 'switcherSecret'],
  mailgun: ['signingKey'],
  messenger: ['pageAccessToken'],
  whatsapp: ['accountManagementAccessToken'],
};

/** Whether a field of the type holds a secret: write-only, or a credential the API reads back. */
export function isSecretField(type: string, field: string): boolean {
  if (KNOWN_CREDENTIALS[type]?.includes(field)) return true;
  const rows = INTEGRATION_FIELDS[type as keyof typeof INTEGRATION_FIELDS] ?? [];
  return rows.some((r) => r.name === field && (r.writeOnly === true || r.credential === true));
}

/** A credential value: apple's must be 88 characters long (spec apple: minLength 88). */
export function credentialValue(type: string, token: string): string {
  return type === 'apple' ? `cred-${token}`.padEnd(88, 'q') : `cred-${token}`;
}
