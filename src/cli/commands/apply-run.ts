/**
 * `sunco-apply [PLANFILE]`: plan (or load a saved plan and check that it is not stale), ask
 * for approval, execute, report. Loaded lazily by src/cli/commands/apply.ts.
 */
import { resolve } from 'node:path';
import type { ConnectionArgs } from '../connection-options.js';
import { getIO, useColor, type Out } from '../io.js';
import { type PlanArgs, planFlagsFrom } from '../plan-options.js';
import { loadConfig } from '../../config/index.js';
import { type ConfigArgs, configOptionsFrom } from '../../config/options.js';
import { UserError } from '../../errors.js';
import { makePlan } from '../make-plan.js';
import { configArgsFor, loadPlan } from '../plan-file-io.js';
import type { Plan } from '../../plan/types.js';
import { renderPlanText } from '../../render/plan-text.js';
import { approve } from '../approve.js';
import { connect } from '../connect.js';
import { ReadCounter } from '../live-progress.js';
import { executeAndReport } from '../execute-and-report.js';
import { requireSecretsOut } from '../../apply/preflight.js';
import { SecretsFile, secretsPath } from '../../apply/secrets-file.js';
import { LockWaitStopped } from '../../apply/file-lock.js';
import type { ApplyReport } from '../../apply/types.js';
import { recoverSecrets } from '../recover-secrets.js';
import { tidySecrets } from '../tidy-secrets.js';
import { freshPlanFor } from '../../apply/stale.js';
import { checkTarget, planTarget } from '../plan-target.js';
import { ApplySignals, StoppedBeforeSteps, reportStoppedBeforeSteps } from '../apply-signals.js';
import { unmasked } from '../../secret-mask.js';
import { secretsLockOptions } from '../lock-timeout.js';

export interface ApplyArgs extends ConfigArgs, ConnectionArgs, PlanArgs {
  planfile?: string;
  yes?: boolean;
  secretsOut?: string;
  json?: boolean;
  emulator?: boolean;
  lockTimeout?: number;
}

export async function runApply(argv: ApplyArgs): Promise<void> {
  const io = getIO();
  const flags = planFlagsFrom(argv);
  // A saved plan is checked before any request: it may need --secrets-out, and it fixes the scope.
  // `sunco-apply ""` or `sunco-apply -` (yargs gives '' for both) names no plan file: refused,
  // not read as "no plan file" (that would apply the config unreviewed, with --yes unasked).
  // An unset variable in `--secrets-out "$FILE"` must not mean "no secrets file": the secrets created
  // would have nowhere to go. First: `--secrets-out -` reaches here as an empty --secrets-out and a
  // PLANFILE of "-", and is about the secrets file.
  if (argv.secretsOut === '') throw new UserError('--secrets-out needs a file name, e.g. --secrets-out secrets.json (secrets are never written to stdout).');
  if (argv.planfile === '') throw new UserError('Missing PLANFILE: give the path of a plan file written by sunco-plan --out (a plan cannot come from stdin).');
  const planPath = argv.planfile !== undefined ? resolve(io.cwd, argv.planfile) : undefined;
  const saved = planPath ? await loadPlan(planPath, argv.planfile, { regularOnly: true }) : undefined;
  if (saved) {
    if (argv.target?.length || argv.prune) {
      throw new UserError('--target and --prune cannot be combined with a plan file: the plan file records the options it was made with.');
    }
    requireSecretsOut(saved, argv.secretsOut);
  }
  // Aborted to give up a wait for another run's lock on the secrets file (see stopLockWaits).
  const stopWaiting = new AbortController();
  // Checked with or without --secrets-out: a bad value is an error before any request either way.
  const lockOptions = secretsLockOptions(io, argv.lockTimeout, stopWaiting.signal);
  const secrets = argv.secretsOut ? new SecretsFile(secretsPath(io.cwd, argv.secretsOut), lockOptions) : undefined;
  // With --json, stdout holds only the result document; the plan and progress go to stderr.
  const out: Out = argv.json ? io.stderr : io.stdout;
  // From here on a signal no longer kills the process: the secrets file may be locked or written.
  const signals = new ApplySignals(io);
  // A signal while another run holds the lock must not wait out --lock-timeout: before any step
  // nothing is lost by giving up; after the steps the secrets are in the journal, so a second
  // signal gives up the fold (the next run folds it). A journal append is never given up.
  const stopLockWaits = () => {
    if (signals.phase === 'prepare' || (signals.phase === 'finish' && signals.interrupt.aborted)) stopWaiting.abort();
  };
  signals.interrupt.onSignal(stopLockWaits);
  try {
    await secrets?.check();
    signals.checkpoint();
    const recorded = saved && planPath ? configArgsFor(argv, saved, planPath, argv.planfile) : { args: argv };
    const loaded = await loadConfig({ ...configOptionsFrom(recorded.args, io), ...(recorded.check ? { checkInputs: recorded.check } : {}) });
    const counter = new ReadCounter(io);
    const conn = await connect(argv, io, loaded, 'apply', { onProgress: counter.onProgress });
    try {
      // Before the live read: a plan of another account is refused without a request.
      if (saved) checkTarget(saved, planTarget(conn, argv.emulator), argv.planfile!);
      const options = saved?.options ?? { prune: flags.prune, targets: flags.targets };
      counter.start();
      const { plan: fresh, live } = await signals.race(makePlan({ loaded, client: conn.client, ...options, parallelism: flags.parallelism, keyId: conn.keyId })).finally(() => counter.stop());
      // Not raced: it may be writing the secrets file; a signal during it stops the run right after.
      if (secrets) await recoverSecrets(secrets, fresh.liveIds, live, argv.secretsOut!, out);
      signals.checkpoint();
      let plan: Plan;
      if (saved) {
        plan = freshPlanFor(saved, fresh, argv.planfile!);
      } else {
        plan = fresh;
        out.write(renderPlanText(plan, { color: useColor(io) && !argv.json }));
        if (plan.steps.length > 0) {
          requireSecretsOut(plan, argv.secretsOut);
          await signals.race(approve(io, argv.yes ?? false, out));
        }
      }
      signals.checkpoint();
      signals.phase = 'steps';
      await executeAndReport({
        plan, client: conn.client, config: loaded.config, secrets, secretsOut: argv.secretsOut, parallelism: flags.parallelism, json: argv.json ?? false, out, waits: conn.waits,
        interrupt: signals.interrupt, signalsWatched: true,
        onStepsDone: () => {
          signals.phase = 'finish';
          stopLockWaits();
        },
        // Before the report, so that a signal during the tidy is in it (and in the exit code).
        ...(secrets ? { tidy: (report: ApplyReport) => tidySecrets(secrets, plan, live, report, argv.secretsOut!, out) } : {}),
      });
    } finally {
      await conn.close();
    }
  } catch (caught) {
    // A wait for the lock given up on a signal before any step is that signal's stop.
    const err = caught instanceof LockWaitStopped && signals.phase === 'prepare' && signals.interrupt.signal ? new StoppedBeforeSteps(signals.interrupt.signal) : caught;
    if (!(err instanceof StoppedBeforeSteps)) throw err;
    reportStoppedBeforeSteps(io, out, err, argv.json ?? false, argv.secretsOut, signals.interrupt.aborted);
    // Reads abandoned in flight would keep a real process alive until they answer; nothing was applied.
    if (unmasked(io.stdout) === process.stdout) process.exit(130);
  } finally {
    signals.dispose();
  }
}
