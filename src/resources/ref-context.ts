/**
 * The RefContext of one live app, for the planner and export alike: ids map to the addresses
 * they were matched or named to, and a `defaultResponder` read back by name (spec schema
 * defaultResponder has the switchboard integration's name, not its id) is looked up among
 * the app's switchboard integrations.
 */
import type { LiveNode, RefContext } from './types.js';

export function refContextFor(app: LiveNode | undefined, addressOfId: (id: string) => string | undefined): RefContext {
  const sis = app?.children.switchboard?.[0]?.children['switchboard-integration'] ?? [];
  return {
    addressOfId,
    switchboardIntegrationIdByName: (name) => sis.find((s) => s.raw.name === name)?.id,
  };
}
