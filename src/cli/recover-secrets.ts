/**
 * Before apply: secrets of managed keys and webhooks that the --secrets-out file lacks (or
 * holds under another id) are copied from the live state just read, so a lost create
 * response or a killed run loses nothing (issue 14). Only the addresses are printed.
 */
import { recoverableSecrets } from '../apply/recover-secrets.js';
import type { SecretsFile } from '../apply/secrets-file.js';
import type { LiveState } from '../state/types.js';
import { secretMask } from '../secret-mask.js';

export async function recoverSecrets(file: SecretsFile, liveIds: Record<string, string>, live: LiveState, shownPath: string, out: { write(s: string): unknown }): Promise<number> {
  const found = recoverableSecrets(liveIds, live, await file.entries());
  if (found.length === 0) return 0;
  for (const f of found) secretMask().add(f.secret);
  await file.save(Object.fromEntries(found.map((f) => [f.address, { id: f.id, secret: f.secret }])));
  await file.close();
  out.write(`Secrets: recovered ${found.length} ${found.length === 1 ? 'secret' : 'secrets'} into ${shownPath} from the live objects: ${found.map((f) => f.address).join(', ')}\n`);
  return found.length;
}
