/**
 * After apply: entries of the secrets file for objects the apply deleted, or left under an old
 * address by a rename, are removed (apply/obsolete-secrets.ts), as Terraform drops the state
 * of what it destroys. Only the addresses are printed.
 */
import { obsoleteSecret } from '../apply/obsolete-secrets.js';
import type { SecretsFile } from '../apply/secrets-file.js';
import type { ApplyReport } from '../apply/types.js';
import type { Plan } from '../plan/types.js';
import type { LiveState } from '../state/types.js';

export async function tidySecrets(file: SecretsFile, plan: Plan, live: LiveState, report: ApplyReport, shownPath: string, out: { write(s: string): unknown }): Promise<string[]> {
  const deleted = new Set(report.applied.filter((a) => a.operation === 'delete').flatMap((a) => (plan.liveIds[a.address] ? [plan.liveIds[a.address]!] : [])));
  const removed = await file.remove(obsoleteSecret(plan.liveIds, live, deleted));
  if (removed.length > 0) {
    out.write(`Secrets: removed ${removed.length} ${removed.length === 1 ? 'entry' : 'entries'} from ${shownPath} whose object was deleted or is now managed under another address: ${removed.join(', ')}\n`);
  }
  return removed;
}
