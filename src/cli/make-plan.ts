/**
 * The plan pipeline shared by `sunco-plan` and `sunco-apply`: read the live state of the
 * declared apps (the only I/O), then the pure diff. It sits in cli/ because the planner in
 * plan/ does no I/O: the command reads, plan/ decides. Returns both, so that the applier can
 * reuse the live state.
 */
import type { ApiClient } from '../api/types.js';
import type { LoadedConfig } from '../config/types.js';
import { recordedValues } from '../resources/sensitive-record.js';
import { secretMask } from '../secret-mask.js';
import { readLiveState } from '../state/read.js';
import type { LiveState } from '../state/types.js';
import { diff } from '../plan/diff.js';
import type { Plan } from '../plan/types.js';

export interface MakePlanOptions {
  loaded: LoadedConfig;
  client: ApiClient;
  /** --prune (the config's `prune: true`, top level or per app, is honoured as well). */
  prune?: boolean;
  targets?: string[];
  /** Requests in flight at most while reading (default 8). */
  parallelism?: number;
  /** The global key id: `app_…` keys are app-scoped (no apps list, no app keys). */
  keyId?: string;
  /** Fixed salt for new fingerprint sets (tests). */
  salt?: () => string;
}

export async function makePlan(options: MakePlanOptions): Promise<{ plan: Plan; live: LiveState }> {
  const live = await readLiveState({ loaded: options.loaded, client: options.client, parallelism: options.parallelism ?? 8, keyId: options.keyId });
  // What the apps' records name as applied from sensitive variables, as it is live (the value
  // before a rotation, an undeclared object's): masked by value in everything the plan prints.
  for (const v of recordedValues(live.apps)) secretMask().add(v);
  const plan = diff(options.loaded, live, { prune: options.prune ?? false, targets: options.targets ?? [], ...(options.salt ? { salt: options.salt } : {}) });
  return { plan, live };
}
