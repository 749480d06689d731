/**
 * The API's view of a conversation (GET, lists, and the webhook payloads built from it).
 */
import type { EmulatorStore } from '../store.js';
import { compact } from './records.js';
import type { ConversationRecord } from './state.js';

/** components.schemas.conversation; switchboard integrations are resolved live, so a deleted one disappears. */
export function conversationView(store: EmulatorStore, appId: string, c: ConversationRecord): Record<string, unknown> {
  const sbis = store.switchboardIntegrations(appId);
  const sbi = (id: string | undefined) => {
    const s = id === undefined ? undefined : sbis.find((x) => x.id === id);
    return s && compact({ id: s.id, name: s.name, integrationId: s.integrationId, integrationType: s.integrationType });
  };
  // DeleteSwitchboardIntegration: "If the deleted switchboard integration had an active status
  // for some conversations, the active switchboard integration will be re-selected": the default.
  const activeId = c.activeSwitchboardIntegrationId;
  const active = sbi(activeId) ?? (activeId === undefined ? undefined : sbi(store.defaultSwitchboardIntegrationId(appId)));
  return compact({
    id: c.id,
    type: c.type,
    metadata: c.metadata,
    activeSwitchboardIntegration: active,
    pendingSwitchboardIntegration: sbi(c.pendingSwitchboardIntegrationId),
    isDefault: c.isDefault,
    displayName: c.displayName,
    description: c.description,
    iconUrl: c.iconUrl,
    businessLastRead: c.businessLastRead,
    lastUpdatedAt: c.lastUpdatedAt,
    createdAt: c.createdAt,
  });
}

