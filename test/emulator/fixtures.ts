/** A valid create body per integration type, and a field whose absence (or wrong type) makes it invalid. */
export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  android: { type: 'android', displayName: 'Android', projectId: 'proj', clientEmail: 'a@b.example', privateKey: 'PRIVATE-KEY' },
  apple: { type: 'apple', businessId: 'biz', apiSecret: 'APPLE-SECRET', mspId: 'msp' },
  custom: { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/hook', triggers: ['conversation:message'] }] },
  instagram: { type: 'instagram', pageAccessToken: 'IG-PAGE-TOKEN', appId: 'ig-app', appSecret: 'IG-APP-SECRET' },
  ios: { type: 'ios', certificate: 'IOS-CERT', password: 'IOS-PASSWORD', production: true },
  line: { type: 'line', channelId: 'ch', channelSecret: 'line-secret', channelAccessToken: 'line-token' },
  mailgun: { type: 'mailgun', apiKey: 'MAILGUN-KEY', domain: 'mg.example', incomingAddress: 'in@mg.example' },
  messagebird: { type: 'messagebird', accessKey: 'MB-ACCESS', signingKey: 'MB-SIGNING', originator: '+15550001' },
  messenger: { type: 'messenger', pageAccessToken: 'page-token', appId: 'fb-app', appSecret: 'FB-APP-SECRET' },
  telegram: { type: 'telegram', token: 'TELEGRAM-TOKEN' },
  twilio: { type: 'twilio', accountSid: 'AC123', authToken: 'TWILIO-TOKEN', phoneNumberSid: 'PN123' },
  twitter: {
    type: 'twitter',
    tier: 'enterprise',
    consumerKey: 'TW-CK',
    consumerSecret: 'TW-CS',
    accessTokenKey: 'TW-ATK',
    accessTokenSecret: 'TW-ATS',
  },
  unity: { type: 'unity', canUserSeeConversationList: true },
  viber: { type: 'viber', token: 'VIBER-TOKEN' },
  web: { type: 'web', displayName: 'Website', originWhitelist: ['https://acme.example'] },
  whatsapp: { type: 'whatsapp', accountId: 'wa-acct' },
};

/**
 * How to break each body: drop a required field, or (for types whose schema requires
 * nothing beyond `type`) give a field the wrong type. `title` is the expected error title.
 */
export const INVALID: Record<string, { drop?: string; set?: Record<string, unknown>; title: RegExp }> = {
  android: { set: { canUserSeeConversationList: 'yes' }, title: /canUserSeeConversationList should be boolean/ },
  apple: { drop: 'apiSecret', title: /should have required property 'apiSecret'/ },
  custom: { drop: 'webhooks', title: /should have required property 'webhooks'/ },
  instagram: { drop: 'appSecret', title: /should have required property 'appSecret'/ },
  ios: { set: { production: 'yes' }, title: /production should be boolean/ },
  line: { set: { channelId: 42 }, title: /channelId should be string/ },
  mailgun: { drop: 'domain', title: /should have required property 'domain'/ },
  messagebird: { drop: 'originator', title: /should have required property 'originator'/ },
  messenger: { drop: 'pageAccessToken', title: /should have required property 'pageAccessToken'/ },
  telegram: { drop: 'token', title: /should have required property 'token'/ },
  twilio: { drop: 'authToken', title: /should have required property 'authToken'/ },
  twitter: { drop: 'consumerSecret', title: /should have required property 'consumerSecret'/ },
  unity: { set: { canUserCreateMoreConversations: 1 }, title: /canUserCreateMoreConversations should be boolean/ },
  viber: { drop: 'token', title: /should have required property 'token'/ },
  web: { set: { originWhitelist: 'https://acme.example' }, title: /originWhitelist should be array/ },
  whatsapp: { set: { accountId: 7 }, title: /accountId should be string/ },
};

export function invalidBody(type: string): Record<string, unknown> {
  const body = { ...VALID_BODIES[type] };
  const how = INVALID[type];
  if (how?.drop) delete body[how.drop];
  Object.assign(body, how?.set ?? {});
  return body;
}
