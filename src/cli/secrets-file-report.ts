/**
 * `sunco-plan --secrets-out FILE`: the plan checks the secrets file against the live objects it
 * has just read and says, in a note, which managed keys and webhooks have no entry or a stale
 * one (another id) — what `sunco-apply --secrets-out FILE` would recover. Plan only reads: no
 * lock (a lock file is a write, and a plan job may have a read-only checkout), no chmod, no
 * journal fold. A note, not a change: steps and --detailed-exitcode stay as they are, as a
 * Terraform warning would. Only addresses are named; values read are registered with the mask.
 */
import { readFile, stat } from 'node:fs/promises';
import { recoverableSecrets } from '../apply/recover-secrets.js';
import { parseSecretsText } from '../apply/secrets-file.js';
import { readJournal, type SecretEntries } from '../apply/secrets-journal.js';
import { UserError } from '../errors.js';
import type { Plan, PlanNote, SecretsFileReport } from '../plan/types.js';
import { secretMask } from '../secret-mask.js';
import type { LiveState } from '../state/types.js';

/** The file's entries (journal of a killed run included), or undefined when there is no file. */
export async function readSecretsEntries(path: string, shown: string): Promise<SecretEntries | undefined> {
  let text: string;
  try {
    // A FIFO or a device would be read for ever (or, /dev/zero, without end): only a regular file is a secrets file.
    const st = await stat(path);
    if (!st.isFile() && !st.isDirectory()) throw new UserError(`--secrets-out ${shown} is not a regular file: give the secrets file's path`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new UserError(`--secrets-out ${shown} is a directory: give the secrets file's path`);
    throw new UserError(`cannot read the secrets file ${shown}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  const entries = parseSecretsText(text, shown);
  const journal = await readJournal(path).catch(() => undefined);
  if (journal) secretMask().add(journal);
  return { ...entries, ...journal };
}

function list(addresses: string[]): string {
  return addresses.join(', ');
}

/** The report and, when something is missing or stale, the note that says so. */
export function secretsFileReport(plan: Plan, live: LiveState, saved: SecretEntries | undefined, shown: string): { report: SecretsFileReport; note?: PlanNote } {
  const found = recoverableSecrets(plan.liveIds, live, saved ?? {});
  const missing = found.filter((f) => f.reason === 'missing').map((f) => f.address);
  const stale = found.filter((f) => f.reason === 'stale').map((f) => f.address);
  const report: SecretsFileReport = { path: shown, exists: saved !== undefined, missing, stale };
  if (found.length === 0) return { report };
  const parts: string[] = [];
  const n = missing.length;
  if (n > 0) {
    const where = saved === undefined ? `${shown}, which does not exist` : shown;
    parts.push(`${n} managed ${n === 1 ? 'object has' : 'objects have'} no entry in ${where} (${list(missing)})`);
  }
  const m = stale.length;
  if (m > 0) parts.push(`${m} ${m === 1 ? 'entry is' : 'entries are'} stale, under another id than the live object (${list(stale)})`);
  const message = `Secrets: ${parts.join('; ')}: sunco-apply --secrets-out ${shown} or sunco secrets pull --secrets-out ${shown} will recover ${found.length === 1 ? 'it' : 'them'}`;
  return { report, note: { code: 'secrets-file', address: found[0]!.address, message } };
}
