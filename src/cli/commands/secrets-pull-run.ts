/**
 * `sunco secrets pull`: read the live state of the declared apps as sunco-plan does, and merge
 * the live secret of every managed key and webhook (or of the --target ones) into the secrets
 * file under its lock. The API returns these secrets on GET and list (spec
 * components.schemas.appKey / webhook, messagebird `webhookSecret` is readOnly, not writeOnly),
 * so a secret lost by a killed apply or deleted from the file is never gone for good.
 * Only addresses, ids and counts are printed; every secret is registered with the mask first.
 */
import { liveSecrets } from '../../apply/recover-secrets.js';
import { SecretsFile, secretsPath } from '../../apply/secrets-file.js';
import type { SecretEntries } from '../../apply/secrets-journal.js';
import { loadConfig } from '../../config/index.js';
import { configOptionsFrom } from '../../config/options.js';
import type { LoadedConfig } from '../../config/types.js';
import { UserError } from '../../errors.js';
import { inTarget } from '../../plan/target.js';
import { KINDS } from '../../resources/registry.js';
import { desiredTree, walk } from '../../resources/tree.js';
import { secretMask } from '../../secret-mask.js';
import { connect } from '../connect.js';
import { getIO } from '../io.js';
import { ReadCounter } from '../live-progress.js';
import { makePlan } from '../make-plan.js';
import { planFlagsFrom } from '../plan-options.js';
import type { SecretsPullArgs } from './operations/secrets-pull.js';
import { LockWaitStopped } from '../../apply/file-lock.js';
import { journalPath } from '../../apply/secrets-journal.js';
import { unmasked } from '../../secret-mask.js';
import { PullSignals } from '../pull-signals.js';
import { secretsLockOptions } from '../lock-timeout.js';

export type PullStatus = 'new' | 'updated' | 'unchanged';

export interface PulledSecret {
  address: string;
  id: string;
  /** new: the file had no entry; updated: its entry had another id or value; unchanged: it held this one. */
  status: PullStatus;
}

/** The secrets the targets select; a target that selects none is an error naming it. */
function selected<T extends { address: string }>(all: T[], targets: string[], loaded: LoadedConfig): T[] {
  if (targets.length === 0) return all;
  const bad = targets.filter((t) => !all.some((s) => inTarget(s.address, t)));
  if (bad.length > 0) {
    // A declared key or webhook that does not exist yet has no secret to pull: say so rather than "unknown".
    const pending = [...walk(desiredTree(loaded.config))].filter((n) => KINDS[n.kind].generatedSecret?.(n.entry) && bad.some((t) => inTarget(n.address, t)));
    const why = pending.length > 0 ? `; ${pending.map((n) => n.address).join(', ')} ${pending.length === 1 ? 'is' : 'are'} declared but not created yet (sunco-apply --secrets-out saves a new secret)` : '';
    throw new UserError(`Nothing to pull for --target ${bad.join(', ')}: no live key or webhook of the config has that address or is under it${why}.`);
  }
  return all.filter((s) => targets.some((t) => inTarget(s.address, t)));
}

function statusOf(saved: SecretEntries, s: { address: string; id: string; secret: string }): PullStatus {
  const entry = saved[s.address];
  if (!entry) return 'new';
  return entry.id === s.id && entry.secret === s.secret ? 'unchanged' : 'updated';
}

function report(pulled: PulledSecret[], shown: string): string {
  if (pulled.length === 0) return `No secrets to pull: no managed key or webhook exists yet (sunco-apply --secrets-out ${shown} saves the secrets it creates).\n`;
  const count = (st: PullStatus) => pulled.filter((p) => p.status === st).length;
  const lines = [`Pulled ${pulled.length} ${pulled.length === 1 ? 'secret' : 'secrets'} into ${shown}: ${count('new')} new, ${count('updated')} updated, ${count('unchanged')} unchanged.`];
  for (const p of pulled) lines.push(`  ${p.status.padEnd(9)} ${p.address}`);
  return `${lines.join('\n')}\n`;
}

export async function runSecretsPull(argv: SecretsPullArgs): Promise<void> {
  const io = getIO();
  const { targets, parallelism } = planFlagsFrom({ target: argv.target, parallelism: argv.parallelism });
  const shown = argv.secretsOut;
  // Before any request: a bad path, an invalid file or a lock that stays held fails at once.
  const signals = new PullSignals(io, shown);
  const file = new SecretsFile(secretsPath(io.cwd, argv.secretsOut), secretsLockOptions(io, argv.lockTimeout, signals.stopWaiting));
  try {
    await file.check();
    signals.checkpoint();
    const loaded = await loadConfig(configOptionsFrom(argv, io));
    const counter = new ReadCounter(io);
    const conn = await connect(argv, io, loaded, 'plan', { onProgress: counter.onProgress });
    try {
      counter.start();
      const { plan, live } = await signals.race(makePlan({ loaded, client: conn.client, parallelism, keyId: conn.keyId })).finally(() => counter.stop());
      const all = liveSecrets(plan.liveIds, live);
      for (const s of all) secretMask().add(s.secret);
      const chosen = selected(all, targets, loaded);
      const saved = await file.entries();
      signals.checkpoint();
      const pulled = chosen.map((s): PulledSecret => ({ address: s.address, id: s.id, status: statusOf(saved, s) }));
      const changed = chosen.filter((_, i) => pulled[i]!.status !== 'unchanged');
      if (changed.length > 0) {
        // Merged under the lock with what the file holds (and what another run saves meanwhile).
        // A signal from here on lets the merge finish (it is the point of the command).
        signals.merging = true;
        await file.save(Object.fromEntries(changed.map((s) => [s.address, { id: s.id, secret: s.secret }])));
        await file.close().catch((err: unknown) => {
          // A second signal gave up waiting for the lock: the secrets are in the journal, which the next run folds.
          if (!(err instanceof LockWaitStopped)) throw err;
          io.stderr.write(`Warning: the pulled secrets are saved in ${journalPath(file.path)} but not yet merged into ${shown} (${err.message}); the next sunco-apply or secrets pull merges them.\n`);
        });
      }
      if (argv.json) {
        const count = (st: PullStatus) => pulled.filter((p) => p.status === st).length;
        const interrupted = signals.signal ? { interrupted: { signal: signals.signal, written: true } } : {};
        io.stdout.write(`${JSON.stringify({ file: shown, pulled: pulled.length, new: count('new'), updated: count('updated'), unchanged: count('unchanged'), secrets: pulled, ...interrupted }, null, 2)}\n`);
      } else io.stdout.write(report(pulled, shown));
      if (signals.signal) {
        io.stderr.write(`Interrupted: ${signals.signal} after the live read; the pull was completed (${changed.length} written to ${shown}).\n`);
        io.exitCode = 130;
      }
    } finally {
      await conn.close();
    }
  } catch (caught) {
    const stopped = signals.stopped(caught);
    if (!stopped) throw caught;
    if (argv.json) io.stdout.write(`${JSON.stringify({ file: shown, pulled: 0, new: 0, updated: 0, unchanged: 0, secrets: [], interrupted: { signal: stopped, written: false } }, null, 2)}\n`);
    io.stderr.write(`Interrupted: ${stopped} before any secret was written; ${shown} is as it was.\n`);
    io.exitCode = 130;
    // Reads abandoned in flight would keep a real process alive until they answer; nothing was written.
    if (unmasked(io.stdout) === process.stdout) process.exit(130);
  } finally {
    signals.dispose();
  }
}
