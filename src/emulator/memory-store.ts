import { emptyOperationsState } from './operations/state.js';
import { emptyProvisioningState } from './provisioning/state.js';
import { HttpError } from './route.js';
import type { EmulatorState, EmulatorStore, SwitchboardIntegrationView } from './store.js';
import type { EventSink } from './webhooks/event.js';

export function emptyState(): EmulatorState {
  return { version: 1, provisioning: emptyProvisioningState(), operations: emptyOperationsState() };
}

/**
 * Fill in halves missing from an older or hand-written state file, so that route
 * modules can rely on `state.provisioning.apps` and `state.operations.apps` existing.
 */
export function normalizeState(raw: unknown): EmulatorState {
  const base = emptyState();
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Partial<EmulatorState>;
  return {
    version: 1,
    provisioning: { ...base.provisioning, ...(r.provisioning ?? {}) },
    operations: { ...base.operations, ...(r.operations ?? {}) },
  };
}

/** The EmulatorStore over one in-memory state; `onTouch` schedules persistence, `onEvent` delivers webhooks. */
export function createStore(state: EmulatorState, onTouch: () => void = () => {}, onEvent: EventSink = () => {}): EmulatorStore {
  return {
    state,
    requireApp(appId: string) {
      const app = state.provisioning.apps.find((a) => a.id === appId);
      if (!app) throw new HttpError(404, 'app_not_found', 'App not found');
      return app;
    },
    switchboardIntegrations(appId: string): SwitchboardIntegrationView[] {
      const app = state.provisioning.apps.find((a) => a.id === appId);
      return (app?.switchboard?.integrations ?? []).map((si) => ({
        id: si.id,
        name: si.name,
        ...(si.integrationId !== undefined ? { integrationId: si.integrationId } : {}),
        ...(si.integrationType !== undefined ? { integrationType: si.integrationType } : {}),
        ...(si.nextSwitchboardIntegrationId ? { nextSwitchboardIntegrationId: si.nextSwitchboardIntegrationId } : {}),
      }));
    },
    defaultSwitchboardIntegrationId(appId: string): string | undefined {
      const sb = state.provisioning.apps.find((a) => a.id === appId)?.switchboard;
      return sb?.enabled ? sb.defaultSwitchboardIntegrationId : undefined;
    },
    touch: onTouch,
    emit: onEvent,
  };
}
