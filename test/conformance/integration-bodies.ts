/**
 * One valid create body per integration type, built with the official client's model
 * classes (their constructors take the type's required fields), filled per the spec's
 * per-type schemas (components.schemas.<type>, "required" lists), and one update body per
 * type built from the type's `*Update` model where the client has one.
 */
import { SunCo, type Loose } from './sdk.js';

// WebhookCreateBody's constructor ignores its arguments (an allOf model), so the fields are assigned.
const webhook = () => Object.assign(new SunCo.WebhookCreateBody(), { target: 'https://bot.example.com/sunco', triggers: ['conversation:message'] });

/** Create bodies, keyed by type; the write-only fields of each are listed for the read-back checks. */
export const CREATE: Record<string, { body: () => Loose; writeOnly: string[] }> = {
  android: {
    body: () => Object.assign(new SunCo.Android('android'), { projectId: 'p1', clientEmail: 'fcm@example.com', privateKey: 'pk', senderId: '42' }),
    writeOnly: ['projectId', 'clientEmail', 'privateKey'],
  },
  apple: { body: () => new SunCo.Apple('apple', 'biz-1', 'apple-secret', 'msp-1'), writeOnly: ['apiSecret'] },
  custom: { body: () => new SunCo.Custom('custom', [webhook()]), writeOnly: [] },
  instagram: { body: () => new SunCo.Instagram('instagram', 'ig-token', 'ig-app', 'ig-secret'), writeOnly: ['pageAccessToken', 'appSecret'] },
  ios: {
    body: () => Object.assign(new SunCo.Ios('ios'), { certificate: 'Y2VydA==', password: 'pw', production: false }),
    writeOnly: ['certificate', 'password'],
  },
  line: { body: () => Object.assign(new SunCo.Line('line'), { channelId: 'c1', channelSecret: 'cs', channelAccessToken: 'cat' }), writeOnly: [] },
  mailgun: { body: () => new SunCo.Mailgun('mailgun', 'mg-key', 'mg.example.com', 'support@mg.example.com'), writeOnly: ['apiKey'] },
  messagebird: { body: () => new SunCo.Messagebird('messagebird', 'mb-key', 'mb-sign', '+15550001111'), writeOnly: ['accessKey', 'signingKey'] },
  messenger: { body: () => new SunCo.Messenger('messenger', 'fb-token', 'fb-app', 'fb-secret'), writeOnly: ['appSecret'] },
  telegram: { body: () => new SunCo.Telegram('telegram', 'tg-token'), writeOnly: ['token'] },
  // twilio: "One of messagingServiceSid or phoneNumberSid must be provided when creating a Twilio integration."
  twilio: { body: () => Object.assign(new SunCo.Twilio('twilio', 'AC0123456789', 'tw-token'), { phoneNumberSid: 'PN0123456789' }), writeOnly: ['authToken'] },
  twitter: { body: () => new SunCo.Twitter('twitter', 'enterprise', 'ck', 'cs', 'atk', 'ats'), writeOnly: ['consumerKey', 'consumerSecret', 'accessTokenKey', 'accessTokenSecret'] },
  unity: { body: () => Object.assign(new SunCo.Unity('unity'), { canUserSeeConversationList: true }), writeOnly: [] },
  viber: { body: () => new SunCo.Viber('viber', 'vb-token'), writeOnly: ['token'] },
  web: { body: () => Object.assign(new SunCo.Web('web'), { brandColor: '112233', originWhitelist: ['https://acme.example'] }), writeOnly: [] },
  // The v14 Whatsapp model also offers `deploymentId`; the 17.12.1 spec has no such field, so it is left out.
  whatsapp: { body: () => Object.assign(new SunCo.Whatsapp('whatsapp'), { hsmFallbackLanguage: 'fr_FR' }), writeOnly: [] },
};

export const TYPES = Object.keys(CREATE);

/** Client update models per type (`IntegrationUpdate` for the types without their own). */
const UPDATE_MODEL: Record<string, string> = {
  android: 'AndroidUpdate', apple: 'AppleUpdate', custom: 'CustomUpdate', instagram: 'InstagramUpdate', ios: 'IosUpdate',
  line: 'LineUpdate', mailgun: 'MailgunUpdate', messagebird: 'MessageBirdUpdate', messenger: 'MessengerUpdate',
  telegram: 'TelegramUpdate', twilio: 'TwilioUpdate', twitter: 'TwitterUpdate', unity: 'UnityUpdate', viber: 'ViberUpdate',
  web: 'WebUpdate', whatsapp: 'WhatsAppUpdate',
};

/** An update body that renames the integration, built with the type's own update model. */
export function renameBody(type: string, displayName: string): Loose {
  const Model = SunCo[UPDATE_MODEL[type]] ?? SunCo.IntegrationUpdate;
  return Object.assign(new Model(), { displayName });
}
