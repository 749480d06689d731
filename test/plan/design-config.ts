/** The DESIGN.md example config (as a loaded config), used by several tests. */
import type { SuncoConfig } from '../../src/config/types.js';

export function designConfig(): SuncoConfig {
  return {
    version: 1,
    apps: {
      support: {
        displayName: 'Acme Support',
        settings: { multiConvoEnabled: true, conversationRetentionSeconds: 2592000 },
        metadata: { team: 'support' },
        keys: { deployer: { displayName: 'CI deployer' } },
        integrations: {
          website: { type: 'web', displayName: 'Website', brandColor: '65758e', originWhitelist: ['https://acme.example'], defaultResponder: 'bot' },
          sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC0123456789', authToken: 'tok-1', phoneNumberSid: 'PN0123456789', ignoreChanges: ['displayName'] },
          bot: {
            type: 'custom',
            displayName: 'Support bot',
            webhooks: {
              main: { target: 'https://bot.acme.example/sunco', triggers: ['conversation:message', 'conversation:postback'], includeFullUser: true },
              audit: { target: 'https://audit.acme.example/hook', triggers: ['conversation:create'] },
            },
            keys: { runtime: { displayName: 'bot runtime' } },
          },
        },
        switchboard: {
          enabled: true,
          default: 'bot',
          integrations: {
            bot: { integration: 'bot', deliverStandbyEvents: false, next: 'agent' },
            agent: { integrationType: 'zd:agentWorkspace', messageHistoryCount: 10, next: 'bot' },
          },
        },
      },
      marketing: {
        displayName: 'Acme Marketing',
        metadata: { team: 'growth', tier: 2 },
        integrations: { web: { type: 'web', displayName: 'Landing', actionColor: 'ff0000' } },
      },
    },
  };
}
