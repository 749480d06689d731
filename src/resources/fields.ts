/**
 * Field rules per resource kind and per integration type, transcribed from
 * RESOURCES.md (derived from the official spec 17.12.1). The planner and the config schema
 * read this one table through the kinds (src/resources/common.ts derives what each needs).
 * Names are the API's; a row whose config name differs says so (`configName`).
 *
 * create:     'required' | 'optional' | 'none' (read-only, never sent)
 * update:     'yes' (PATCHable) | 'replace' (changing it forces delete + create) | 'none' (read-only)
 * readBack:   whether GET returns it; writeOnly fields are never returned (tokens, passwords)
 * default:    the value the API fills in when the field is omitted
 * generated:  the server makes it on create and returns it (a secret; GET and list return it too)
 * credential: a secret that GET returns (LINE channelSecret, messenger pageAccessToken, …):
 *             sensitive like a write-only value, though it can be compared
 * role:       what the row is; absent means 'field', a plain value of the entry:
 *   'reference'  an id of another entry of the same app (`refTo`), named in the config by
 *                the logical name of that entry under `configName`;
 *   'child'      child resources sent inline with the create (kind `of`), planned as
 *                resources of their own, not as a field;
 *   'read-shape' how GET returns the write-only field `of` (compared through this shape);
 *   'name'       filled from the entry's logical name (the map key) unless the entry declares it.
 */
import type { KindName } from './kind-name.js';

export interface FieldSpec {
  name: string;
  type: 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object';
  create: 'required' | 'optional' | 'none';
  update: 'yes' | 'replace' | 'none';
  readBack: boolean;
  writeOnly?: true;
  default?: string | number | boolean;
  generated?: true;
  credential?: true;
  role?: 'field' | 'reference' | 'child' | 'read-shape' | 'name';
  /** role 'reference': the config's name for it (e.g. `next` for nextSwitchboardIntegrationId). */
  configName?: string;
  /** role 'reference': the kind of the entry it names. */
  refTo?: KindName;
  /** role 'child': the child kind; role 'read-shape': the write-only field it reads back. */
  of?: string;
  /**
   * A boolean the spec calls one-way: once true it cannot be set back to false. The value is
   * the spec's words, quoted when the planner and the emulator refuse the change.
   */
  irreversible?: string;
}

export const KIND_FIELDS = {
  app: [
    { name: 'displayName', type: 'string', create: 'required', update: 'yes', readBack: true },
    { name: 'settings', type: 'object', create: 'optional', update: 'yes', readBack: true },
    { name: 'metadata', type: 'object', create: 'optional', update: 'yes', readBack: true },
  ],
  appSettings: [
    { name: 'conversationRetentionSeconds', type: 'integer', create: 'optional', update: 'yes', readBack: true },
    { name: 'maskCreditCardNumbers', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'useAnimalNames', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'echoPostback', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'ignoreAutoConversationStart', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    // spec appSettings.multiConvoEnabled; the spec names no other one-way setting ("irreversible", "cannot be undone": only this one).
    { name: 'multiConvoEnabled', type: 'boolean', create: 'optional', update: 'yes', readBack: true, irreversible: 'Enabling `multiConvo` is **irreversible**.' },
    { name: 'appLocalizationEnabled', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'endSessionEnabled', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'disableConversationReopen', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
  ],
  appKey: [
    { name: 'displayName', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'secret', type: 'string', create: 'none', update: 'none', readBack: true, generated: true },
  ],
  webhook: [
    { name: 'version', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'target', type: 'string', create: 'required', update: 'yes', readBack: true },
    { name: 'triggers', type: 'array', create: 'required', update: 'yes', readBack: true },
    { name: 'secret', type: 'string', create: 'none', update: 'none', readBack: true, generated: true },
    { name: 'includeFullUser', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: false },
    { name: 'includeFullSource', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: false },
  ],
  integrationKey: [
    { name: 'displayName', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'secret', type: 'string', create: 'none', update: 'none', readBack: true, generated: true },
  ],
  switchboard: [
    { name: 'enabled', type: 'boolean', create: 'none', update: 'yes', readBack: true },
    { name: 'defaultSwitchboardIntegrationId', type: 'string', create: 'none', update: 'yes', readBack: true, role: 'reference', configName: 'default', refTo: 'switchboard-integration' },
  ],
  switchboardIntegration: [
    { name: 'name', type: 'string', create: 'required', update: 'yes', readBack: true, role: 'name' },
    { name: 'integrationId', type: 'string', create: 'optional', update: 'yes', readBack: true, role: 'reference', configName: 'integration', refTo: 'integration' },
    { name: 'integrationType', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'deliverStandbyEvents', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: true },
    { name: 'nextSwitchboardIntegrationId', type: 'string', create: 'optional', update: 'yes', readBack: true, role: 'reference', configName: 'next', refTo: 'switchboard-integration' },
    { name: 'messageHistoryCount', type: 'integer', create: 'optional', update: 'yes', readBack: true },
  ],
} satisfies Record<string, FieldSpec[]>;

/** Every integration type has a displayName. */
const DISPLAY_NAME: FieldSpec[] = [
  { name: 'displayName', type: 'string', create: 'optional', update: 'yes', readBack: true },
];

/**
 * Every channel type (all but custom) ends with these: the default responder is written as
 * `defaultResponderId` and read back as the `defaultResponder` object (spec schema
 * defaultResponder), so it is compared through that shape.
 */
const RESPONDER: FieldSpec[] = [
  { name: 'showAIDisclaimer', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: true },
  { name: 'defaultResponderId', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true, role: 'reference', configName: 'defaultResponder', refTo: 'switchboard-integration' },
  { name: 'defaultResponder', type: 'object', create: 'none', update: 'none', readBack: true, role: 'read-shape', of: 'defaultResponderId' },
];

/** The SDK channels (android, ios, unity, web) share the conversation-list rows. */
const SDK_CONVERSATIONS: FieldSpec[] = [
  { name: 'canUserSeeConversationList', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
  { name: 'canUserCreateMoreConversations', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
  { name: 'attachmentsEnabled', type: 'boolean', create: 'none', update: 'none', readBack: true },
];

function channel(rows: FieldSpec[], ...shared: FieldSpec[][]): FieldSpec[] {
  return [...DISPLAY_NAME, ...rows, ...shared.flat(), ...RESPONDER];
}

export const INTEGRATION_FIELDS = {
  android: channel([
    { name: 'projectId', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'clientEmail', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'privateKey', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'serverKey', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'senderId', type: 'string', create: 'optional', update: 'yes', readBack: true },
  ], SDK_CONVERSATIONS),
  apple: channel([
    { name: 'businessId', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'apiSecret', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'mspId', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'authenticationMessageSecret', type: 'string', create: 'optional', update: 'yes', readBack: true, credential: true },
  ]),
  custom: [
    ...DISPLAY_NAME,
    { name: 'webhooks', type: 'array', create: 'required', update: 'replace', readBack: true, role: 'child', of: 'webhook' },
  ],
  instagram: channel([
    { name: 'pageAccessToken', type: 'string', create: 'required', update: 'yes', readBack: false, writeOnly: true },
    { name: 'appId', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'appSecret', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'businessName', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'businessUsername', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'pageId', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'businessId', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'username', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'userId', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'storyRepliesEnabled', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: true },
    { name: 'storyMentionsEnabled', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: true },
  ]),
  ios: channel([
    { name: 'certificate', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'password', type: 'string', create: 'optional', update: 'yes', readBack: false, writeOnly: true },
    { name: 'production', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'autoUpdateBadge', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
  ], SDK_CONVERSATIONS),
  line: channel([
    { name: 'channelId', type: 'string', create: 'optional', update: 'replace', readBack: true },
    { name: 'channelSecret', type: 'string', create: 'optional', update: 'replace', readBack: true, credential: true },
    { name: 'channelAccessToken', type: 'string', create: 'optional', update: 'replace', readBack: true, credential: true },
    { name: 'serviceCode', type: 'string', create: 'optional', update: 'replace', readBack: true },
    { name: 'switcherSecret', type: 'string', create: 'optional', update: 'replace', readBack: true, credential: true },
    { name: 'qrCodeUrl', type: 'string', create: 'optional', update: 'replace', readBack: true },
    { name: 'lineId', type: 'string', create: 'none', update: 'none', readBack: true },
  ]),
  mailgun: channel([
    { name: 'apiKey', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'signingKey', type: 'string', create: 'optional', update: 'replace', readBack: true, credential: true },
    { name: 'domain', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'incomingAddress', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'hideUnsubscribeLink', type: 'boolean', create: 'optional', update: 'yes', readBack: true },
    { name: 'fromAddress', type: 'string', create: 'optional', update: 'yes', readBack: true },
  ]),
  messagebird: channel([
    { name: 'accessKey', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'signingKey', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'originator', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'webhookSecret', type: 'string', create: 'none', update: 'none', readBack: true, generated: true },
  ]),
  messenger: channel([
    { name: 'pageAccessToken', type: 'string', create: 'required', update: 'yes', readBack: true, credential: true },
    { name: 'appId', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'appSecret', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'pageId', type: 'number', create: 'optional', update: 'replace', readBack: true },
    { name: 'pageName', type: 'string', create: 'optional', update: 'replace', readBack: true },
  ]),
  telegram: channel([
    { name: 'token', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'username', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'botId', type: 'string', create: 'none', update: 'none', readBack: true },
  ]),
  twilio: channel([
    { name: 'accountSid', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'authToken', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'phoneNumberSid', type: 'string', create: 'optional', update: 'replace', readBack: true },
    { name: 'messagingServiceSid', type: 'string', create: 'optional', update: 'replace', readBack: true },
  ]),
  twitter: channel([
    { name: 'tier', type: 'string', create: 'required', update: 'replace', readBack: true },
    { name: 'envName', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'consumerKey', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'consumerSecret', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'accessTokenKey', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'accessTokenSecret', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
  ]),
  unity: channel([

  ], SDK_CONVERSATIONS),
  viber: channel([
    { name: 'token', type: 'string', create: 'required', update: 'replace', readBack: false, writeOnly: true },
    { name: 'uri', type: 'string', create: 'none', update: 'none', readBack: true },
    { name: 'accountId', type: 'string', create: 'none', update: 'none', readBack: true },
  ]),
  web: channel([
    { name: 'brandColor', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "65758e" },
    { name: 'fixedIntroPane', type: 'boolean', create: 'optional', update: 'yes', readBack: true, default: false },
    { name: 'conversationColor', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "0099ff" },
    { name: 'actionColor', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "0099ff" },
    { name: 'displayStyle', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "button" },
    { name: 'buttonIconUrl', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'buttonWidth', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "58" },
    { name: 'buttonHeight', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "58" },
    { name: 'integrationOrder', type: 'array', create: 'optional', update: 'yes', readBack: true },
    { name: 'businessName', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'businessIconUrl', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'backgroundImageUrl', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'originWhitelist', type: 'array', create: 'optional', update: 'yes', readBack: true },
    { name: 'prechatCapture', type: 'object', create: 'optional', update: 'yes', readBack: true },
  ], SDK_CONVERSATIONS),
  whatsapp: channel([
    { name: 'hsmFallbackLanguage', type: 'string', create: 'optional', update: 'yes', readBack: true, default: "en_US" },
    { name: 'accountId', type: 'string', create: 'optional', update: 'yes', readBack: true },
    { name: 'accountManagementAccessToken', type: 'string', create: 'optional', update: 'yes', readBack: true, credential: true },
    { name: 'phoneNumber', type: 'string', create: 'none', update: 'none', readBack: true },
  ]),
} satisfies Record<string, FieldSpec[]>;

export type IntegrationType = keyof typeof INTEGRATION_FIELDS;

/** The integration types, in table order: the one list the schema, the kinds and the emulator use. */
export const INTEGRATION_TYPES = Object.keys(INTEGRATION_FIELDS) as readonly IntegrationType[];

export function isIntegrationType(t: unknown): t is IntegrationType {
  return typeof t === 'string' && Object.hasOwn(INTEGRATION_FIELDS, t);
}
