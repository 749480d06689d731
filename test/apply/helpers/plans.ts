/** Hand-written plans for executor unit tests (src/plan/types.ts is the contract). */
import type { Plan, Step } from '../../../src/plan/types.js';

export function plan(steps: Step[], liveIds: Record<string, string> = {}, changes: Plan['changes'] = []): Plan {
  return {
    formatVersion: 1,
    summary: { create: 0, update: 0, replace: 0, delete: 0, unmanaged: 0 },
    changes,
    steps,
    requests: 0,
    liveIds,
    configFingerprint: 'cfg',
    stateFingerprint: 'state',
    options: { prune: false, targets: [] },
  };
}

export function step(partial: Partial<Step> & Pick<Step, 'id' | 'address' | 'method' | 'path'>): Step {
  return {
    kind: 'integration',
    operation: partial.method === 'POST' ? 'create' : partial.method === 'DELETE' ? 'delete' : 'update',
    dependsOn: [],
    app: 'support',
    ...partial,
  };
}
