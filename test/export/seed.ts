/**
 * Live state made with raw API calls (not with sunco), for the export round trips: every
 * kind, all 16 integration types, two integrations of one type, display names that collide
 * when slugged, metadata with sunco's reserved keys, and a switchboard with a `next` cycle,
 * a default and a per-integration defaultResponder. Every secret value starts with S3CR3T so
 * a test can look for leaks.
 */
import { createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';

type Raw = Record<string, unknown>;

/** One create body per integration type (spec components.schemas.<type>), plus a second telegram and web. */
export const INTEGRATIONS: Raw[] = [
  { type: 'android', displayName: 'Android app', projectId: 'S3CR3T-project', clientEmail: 'S3CR3T-fcm@example.com', privateKey: 'S3CR3T-android-pk', senderId: '42', canUserSeeConversationList: false },
  { type: 'apple', displayName: 'Apple Messages', businessId: 'biz-1', apiSecret: 'S3CR3T-apple-api', mspId: 'msp-1', authenticationMessageSecret: 'S3CR3T-apple-auth-'.padEnd(88, 'x') },
  { type: 'custom', displayName: 'Support bot', webhooks: [{ target: 'https://bot.acme.example/sunco', triggers: ['conversation:message', 'conversation:postback'], includeFullUser: true }] },
  { type: 'instagram', displayName: 'Instagram', pageAccessToken: 'S3CR3T-ig-page', appId: 'ig-app', appSecret: 'S3CR3T-ig-app', storyMentionsEnabled: false },
  { type: 'ios', displayName: 'iOS app', certificate: 'S3CR3T-Y2VydA==', password: 'S3CR3T-ios-pw', production: true },
  { type: 'line', displayName: 'LINE', channelId: 'c1', channelSecret: 'S3CR3T-line-secret', channelAccessToken: 'S3CR3T-line-token' },
  { type: 'mailgun', displayName: 'Email', apiKey: 'S3CR3T-mg-key', domain: 'mg.example.com', incomingAddress: 'support@mg.example.com', signingKey: 'S3CR3T-mg-signing', hideUnsubscribeLink: true },
  { type: 'messagebird', displayName: 'MessageBird', accessKey: 'S3CR3T-mb-access', signingKey: 'S3CR3T-mb-signing', originator: '+15550001111' },
  { type: 'messenger', displayName: 'Messenger', pageAccessToken: 'S3CR3T-fb-page', appId: 'fb-app', appSecret: 'S3CR3T-fb-app' },
  { type: 'telegram', displayName: 'Telegram', token: 'S3CR3T-tg-1' },
  { type: 'telegram', displayName: 'Telegram EU', token: 'S3CR3T-tg-2' },
  { type: 'twilio', displayName: 'SMS', accountSid: 'AC0123456789', authToken: 'S3CR3T-twilio', phoneNumberSid: 'PN0123' },
  { type: 'twitter', displayName: 'Twitter', tier: 'enterprise', consumerKey: 'S3CR3T-ck', consumerSecret: 'S3CR3T-cs', accessTokenKey: 'S3CR3T-atk', accessTokenSecret: 'S3CR3T-ats' },
  { type: 'unity', displayName: 'Unity game', canUserSeeConversationList: true },
  { type: 'viber', displayName: 'Viber', token: 'S3CR3T-viber' },
  { type: 'web', displayName: 'Website', brandColor: '112233', originWhitelist: ['https://acme.example'], showAIDisclaimer: false },
  // Slugs to `website` too: exported as website-2.
  { type: 'web', displayName: 'website!', displayStyle: 'tab' },
  { type: 'whatsapp', displayName: 'WhatsApp', hsmFallbackLanguage: 'fr_FR', accountId: 'wa-1', accountManagementAccessToken: 'S3CR3T-wa-token' },
];

export interface Seeded {
  emu: RunningEmulator;
  client: ApiClient;
  env: NodeJS.ProcessEnv;
  appId: string;
  otherAppId: string;
  /** Integration ids by displayName. */
  integrations: Record<string, string>;
}

export async function seed(): Promise<Seeded> {
  const emu = await startEmulator({ port: 0 });
  const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
  const post = async (path: string, body?: unknown): Promise<Raw> => client.post<Raw>(path, body);

  const app = (await post('/v2/apps', {
    displayName: 'Acme Support',
    settings: { multiConvoEnabled: true, conversationRetentionSeconds: 86400 },
    metadata: { team: 'support', tier: 3, 'sunco:fingerprints': '1.abcdefgh.', 'sunco:bindings': 'x' },
  })).app as Raw;
  const appId = app.id as string;
  const base = `/v2/apps/${appId}`;
  await post(`${base}/keys`, { displayName: 'CI deployer' });
  await post(`${base}/keys`, { displayName: 'ci deployer!' });

  const integrations: Record<string, string> = {};
  for (const body of INTEGRATIONS) integrations[body.displayName as string] = ((await post(`${base}/integrations`, body)).integration as Raw).id as string;
  const bot = integrations['Support bot']!;
  await post(`${base}/integrations/${bot}/webhooks`, { target: 'https://audit.acme.example/events', triggers: ['conversation:create'] });
  await post(`${base}/integrations/${bot}/keys`, { displayName: 'bot runtime' });

  const sb = ((await post(`${base}/switchboards`)).switchboard as Raw).id as string;
  const sis = `${base}/switchboards/${sb}/switchboardIntegrations`;
  const botSi = ((await post(sis, { name: 'bot', integrationId: bot, deliverStandbyEvents: false })).switchboardIntegration as Raw).id as string;
  const agentSi = ((await post(sis, { name: 'agent', integrationType: 'zd:agentWorkspace', messageHistoryCount: 10, nextSwitchboardIntegrationId: botSi })).switchboardIntegration as Raw).id as string;
  await client.patch(`${sis}/${botSi}`, { nextSwitchboardIntegrationId: agentSi });
  await client.patch(`${base}/switchboards/${sb}`, { enabled: true, defaultSwitchboardIntegrationId: botSi });
  // A per-integration override: the website goes to the agent first.
  await client.patch(`${base}/integrations/${integrations.Website}`, { defaultResponderId: agentSi });

  const other = (await post('/v2/apps', { displayName: 'Billing' })).app as Raw;
  await post(`/v2/apps/${other.id as string}/integrations`, { type: 'web', displayName: 'Billing widget' });

  const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
  return { emu, client, env, appId, otherAppId: other.id as string, integrations };
}
