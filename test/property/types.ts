/**
 * Per integration type (all 16): the literal fields a valid create needs, the write-only
 * fields (from the field table), and fields the edits may change: `updatable` ones change in
 * place, `createOnly` ones force a replace (RESOURCES.md, src/resources/fields.ts).
 */
import { INTEGRATION_FIELDS, INTEGRATION_TYPES } from '../../src/resources/fields.js';

export interface TypeInfo {
  plain: Record<string, unknown>;
  writeOnly: string[];
  /** An updatable plain field and two values for it. */
  updatable?: [string, unknown, unknown];
  /** A field that forces replacement, with an alternative value. */
  createOnly?: [string, unknown];
}

const PLAIN: Record<string, Omit<TypeInfo, 'writeOnly'>> = {
  android: { plain: { senderId: '42' }, updatable: ['senderId', '42', '43'] },
  apple: { plain: { businessId: 'biz-1', mspId: 'msp-1' }, createOnly: ['businessId', 'biz-2'], updatable: ['authenticationMessageSecret', 'a'.repeat(88), 'b'.repeat(88)] },
  custom: { plain: {} },
  instagram: { plain: { appId: 'ig-app' }, createOnly: ['appId', 'ig-app-2'], updatable: ['storyRepliesEnabled', true, false] },
  ios: { plain: { production: false }, updatable: ['production', false, true] },
  line: { plain: { channelId: 'c1', channelSecret: 'cs', channelAccessToken: 'cat' }, createOnly: ['channelId', 'c2'] },
  mailgun: { plain: { domain: 'mg.example.com', incomingAddress: 'support@mg.example.com' }, createOnly: ['incomingAddress', 'help@mg.example.com'], updatable: ['hideUnsubscribeLink', false, true] },
  messagebird: { plain: { originator: '+15550001111' }, createOnly: ['originator', '+15550002222'] },
  messenger: { plain: { pageAccessToken: 'fb-token', appId: 'fb-app' }, createOnly: ['appId', 'fb-app-2'], updatable: ['pageAccessToken', 'fb-token', 'fb-token-2'] },
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
