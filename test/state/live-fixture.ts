/**
 * An emulator state that is exactly what the design config (test/plan/design-config.ts)
 * declares, as an apply would leave it (fingerprint of the twilio token included).
 */
import type { EmulatorState } from '../../src/emulator/index.js';
import { FINGERPRINT_KEY, fingerprint, fingerprintKey, formatFingerprints } from '../../src/plan/fingerprints.js';

export const TOKEN_REF = 'app.support.integration.sms#authToken';
const SALT = 'fixture1';

export function designLiveState(token = 'tok-1'): EmulatorState {
  const fp = formatFingerprints({ salt: SALT, entries: new Map([[fingerprintKey(TOKEN_REF), fingerprint(SALT, TOKEN_REF, token)]]) });
  return {
    version: 1,
    provisioning: {
      apps: [
        {
          id: 'a00000000000000000000001',
          displayName: 'Acme Support',
          settings: { multiConvoEnabled: true, conversationRetentionSeconds: 2592000, echoPostback: false },
          metadata: { team: 'support', [FINGERPRINT_KEY]: fp },
          keys: [
            { id: 'app_000000000000000000000001', displayName: 'CI deployer', secret: 'app-secret-1' },
            { id: 'app_000000000000000000000002', displayName: 'someone else', secret: 'app-secret-2' },
          ],
          integrations: [
            { id: 'i00000000000000000000001', type: 'web', status: 'active', displayName: 'Website', fields: { brandColor: '65758e', originWhitelist: ['https://acme.example'] }, generated: { attachmentsEnabled: true }, defaultResponderId: 's00000000000000000000001', webhooks: [], keys: [] },
            { id: 'i00000000000000000000002', type: 'twilio', status: 'active', displayName: 'SMS', fields: { accountSid: 'AC0123456789', authToken: token, phoneNumberSid: 'PN0123456789' }, generated: {}, webhooks: [], keys: [] },
            {
              id: 'i00000000000000000000003', type: 'custom', status: 'active', displayName: 'Support bot', fields: {}, generated: {},
              webhooks: [
                { id: 'w00000000000000000000001', version: 'v2', target: 'https://bot.acme.example/sunco', triggers: ['conversation:postback', 'conversation:message'], secret: 'wh1', includeFullUser: true, includeFullSource: false },
                { id: 'w00000000000000000000002', version: 'v2', target: 'https://audit.acme.example/hook', triggers: ['conversation:create'], secret: 'wh2', includeFullUser: false, includeFullSource: false },
              ],
              keys: [{ id: 'int_000000000000000000000001', displayName: 'bot runtime', secret: 'int-secret' }],
            },
          ],
          switchboard: {
            id: 'b00000000000000000000001',
            enabled: true,
            defaultSwitchboardIntegrationId: 's00000000000000000000001',
            integrations: [
              { id: 's00000000000000000000001', name: 'bot', integrationId: 'i00000000000000000000003', integrationType: 'custom', deliverStandbyEvents: false, nextSwitchboardIntegrationId: 's00000000000000000000002' },
              { id: 's00000000000000000000002', name: 'agent', integrationType: 'zd:agentWorkspace', deliverStandbyEvents: false, nextSwitchboardIntegrationId: 's00000000000000000000001', messageHistoryCount: 10 },
            ],
          },
        },
        {
          id: 'a00000000000000000000002',
          displayName: 'Acme Marketing',
          settings: {},
          metadata: { team: 'growth', tier: 2 },
          keys: [],
          integrations: [{ id: 'i00000000000000000000004', type: 'web', status: 'active', displayName: 'Landing', fields: { actionColor: 'ff0000' }, generated: {}, webhooks: [], keys: [] }],
        },
        // Another team's app: never read beyond the apps list.
        { id: 'a00000000000000000000003', displayName: 'Other team', settings: {}, metadata: null, keys: [], integrations: [] },
      ],
    },
    operations: { apps: {} },
  };
}
