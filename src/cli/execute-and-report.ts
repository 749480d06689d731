/**
 * Runs a plan that was approved and prints progress and the result (text, or the --json
 * document on stdout). A failed apply sets exit code 1 after printing its report.
 */
import { unmasked } from '../secret-mask.js';
import type { ApiClient } from '../api/types.js';
import { getIO, useColor, type Out } from './io.js';
import type { SuncoConfig } from '../config/types.js';
import type { Plan } from '../plan/types.js';
import { progressLine } from '../render/apply-progress.js';
import { applyJson, renderApplyReport, waitsLine } from '../render/apply-report.js';
import { executePlan } from '../apply/executor.js';
import { Interrupt, watchSignals } from '../apply/interrupt.js';
import type { SecretsFile } from '../apply/secrets-file.js';
import { LockWaitStopped } from '../apply/file-lock.js';
import { journalPath } from '../apply/secrets-journal.js';
import { countApplied } from '../apply/summary.js';
import type { ApplyReport } from '../apply/types.js';
import type { WaitTally } from '../apply/waits.js';

export interface ExecuteAndReportOptions {
  plan: Plan;
  client: ApiClient;
  config: SuncoConfig;
  secrets: SecretsFile | undefined;
  secretsOut: string | undefined;
  parallelism: number;
  json: boolean;
  /** Where text goes: stdout, or stderr with --json. */
  out: Out;
  /** The client's retry waits, read when the report is printed so that they cover the whole run. */
  waits?: Pick<WaitTally, 'totals'>;
  /** Tests may pass their own; by default SIGINT/SIGTERM trigger it while the plan runs. */
  interrupt?: Interrupt;
  /** The caller routes the signals to `interrupt` already (sunco-apply watches them from its first request on). */
  signalsWatched?: boolean;
  /** Called when the executor has returned (then only the secrets file and the report remain). */
  onStepsDone?: () => void;
  /** Run after the secrets file is saved and before the report (sunco-apply tidies the file). */
  tidy?: (report: ApplyReport) => Promise<unknown>;
}

export async function executeAndReport(o: ExecuteAndReportOptions): Promise<ApplyReport> {
  const io = getIO();
  const color = useColor(io) && !o.json;
  let report: ApplyReport;
  if (o.plan.steps.length === 0) {
    report = { applied: [], failed: [], skipped: [], lostSecrets: [], secretsSaved: [] };
    o.out.write('No changes to apply.\n');
    const waited = waitsLine(o.waits?.totals);
    if (waited) o.out.write(`${waited}\n`);
    await tidy(o, report);
    if (o.interrupt) markInterruptedAfterSteps(report, o.interrupt);
  } else {
    const addresses = o.plan.steps.flatMap((s) => [s.address, ...(s.creates ?? []).map((c) => c.address)]);
    const width = addresses.reduce((w, a) => Math.min(60, Math.max(w, a.length)), 0);
    o.out.write('\n');
    const interrupt = o.interrupt ?? new Interrupt();
    // Until the report is printed, a signal no longer kills the process: the secrets come first.
    const unwatch = o.signalsWatched ? () => undefined : watchSignals(interrupt, (line) => io.stderr.write(`${line}\n`));
    // On a terminal each line says how far the run is ([n/N]) and how long it has taken.
    const counted = (o.json ? io.stderrIsTTY : io.stdoutIsTTY) === true;
    const started = Date.now();
    let done = 0;
    try {
      report = await executePlan({
        plan: o.plan,
        client: o.client,
        config: o.config,
        ...(o.secrets ? { secrets: o.secrets } : {}),
        parallelism: o.parallelism,
        interrupt,
        onEvent: (e) => {
          const line = progressLine(e, width, color);
          if (line === null) return;
          if (!counted) return void o.out.write(`${line}\n`);
          done++;
          o.out.write(`${withCounter(line, done, o.plan.steps.length, Date.now() - started)}\n`);
        },
      });
      o.onStepsDone?.();
      await closeSecrets(o.secrets, report, o.out);
      await tidy(o, report);
      markInterruptedAfterSteps(report, interrupt);
      return finish(o, report, color, interrupt);
    } finally {
      unwatch();
    }
  }
  return finish(o, report, color, o.interrupt);
}

/**
 * A signal that came after the last step (while the secrets file was saved or tidied) still
 * interrupted the run: the report says so and the exit code is 130, as for any first signal.
 */
function markInterruptedAfterSteps(report: ApplyReport, interrupt: Interrupt): void {
  if (!interrupt.stopping || report.interrupted) return;
  report.interrupted = { signal: interrupt.signal!, aborted: interrupt.aborted, inFlight: [], unfinished: [], notStarted: [] };
}

/** The caller's tidy of the secrets file; a wait for its lock given up on a signal only leaves entries that the next tidy may remove. */
async function tidy(o: ExecuteAndReportOptions, report: ApplyReport): Promise<void> {
  try {
    await o.tidy?.(report);
  } catch (err) {
    if (!(err instanceof LockWaitStopped)) throw err;
    o.out.write(`Warning: the secrets file ${o.secretsOut ?? err.path} was not tidied (${err.message}); entries of objects this run deleted may remain in it.\n`);
  }
}

/** `[n/N] ` before a step's first line and its elapsed time after it; a created webhook's line is indented to match. */
function withCounter(line: string, n: number, total: number, elapsedMs: number): string {
  const tag = `[${n}/${total}] `;
  const [first, ...rest] = line.split('\n');
  return [`${tag}${first}  ${(elapsedMs / 1000).toFixed(1)} s`, ...rest.map((l) => `${' '.repeat(tag.length)}${l}`)].join('\n');
}

/** Folds the journal into the secrets file. If that fails the secrets are still safe in the journal, which the next run folds. */
async function closeSecrets(secrets: SecretsFile | undefined, report: ApplyReport, out: Out): Promise<void> {
  if (!secrets) return;
  try {
    await secrets.close();
  } catch (err) {
    out.write(`Warning: ${report.secretsSaved.length} secret(s) are saved in ${journalPath(secrets.path)} but could not be merged into ${secrets.path} (${(err as Error).message}); the next sunco-apply merges them.\n`);
  }
}

function finish(o: ExecuteAndReportOptions, report: ApplyReport, color: boolean, interrupt: Interrupt | undefined): ApplyReport {
  const io = getIO();
  const ctx = { counts: countApplied(o.plan, report), ...(o.secretsOut ? { secretsFile: o.secretsOut } : {}), ...(o.waits ? { waited: o.waits.totals } : {}) };
  if (o.plan.steps.length > 0) o.out.write(`\n${renderApplyReport(report, { ...ctx, color })}`);
  if (o.json) io.stdout.write(`${JSON.stringify(applyJson(report, ctx), null, 2)}\n`);
  if (report.failed.length > 0) io.exitCode = 1;
  if (report.interrupted && interrupt) {
    io.exitCode = interrupt.exitCode;
    // A second signal means now: calls still in flight would otherwise keep the process alive.
    if (report.interrupted.aborted && unmasked(io.stdout) === process.stdout) process.exit(io.exitCode);
  }
  return report;
}
