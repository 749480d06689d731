/**
 * sunco-apply's signals, from its first request to its last line (issue 14). Before any step
 * (the secrets-file check, the live read, the approval question) a SIGINT/SIGTERM/SIGHUP stops
 * the run at once with a report that nothing was applied: a default death there printed
 * nothing, and could leave the secrets file's lock or temp file behind when it came during the
 * check or the recovery. While the steps run, the executor's rules apply (src/apply/interrupt.ts).
 */
import { Interrupt, type StopSignal, watchSignals } from '../apply/interrupt.js';
import type { ApplyReport } from '../apply/types.js';
import { applyJson } from '../render/apply-report.js';
import type { CliIO, Out } from './io.js';

/** Where the run is: what a signal means depends on it. */
export type ApplyPhase = 'prepare' | 'steps' | 'finish';

/** Thrown at a checkpoint or out of a raced wait when a signal came before any step. */
export class StoppedBeforeSteps extends Error {
  constructor(readonly signal: StopSignal) {
    super(`${signal} before any step`);
  }
}

export class ApplySignals {
  readonly interrupt = new Interrupt();
  phase: ApplyPhase = 'prepare';
  private readonly signalled: Promise<void>;
  private readonly unwatch: () => void;

  constructor(io: CliIO) {
    this.signalled = new Promise((resolve) => this.interrupt.onSignal(resolve));
    this.unwatch = watchSignals(this.interrupt, (line, signal) => io.stderr.write(`${this.notice(line, signal)}\n`));
  }

  private notice(line: string, signal: StopSignal): string {
    if (this.phase === 'steps') return line;
    if (this.phase === 'finish') {
      return this.interrupt.aborted
        ? `${signal} again: exiting now; the secrets saved so far stay in the secrets file's journal, which the next run merges.`
        : `${signal}: every step has finished; saving the secrets file, then exiting (${signal === 'SIGINT' ? 'Ctrl-C' : 'a signal'} again to stop waiting for it).`;
    }
    return `${signal}: stopping before any step; nothing was applied.`;
  }

  /** `p`, unless a signal comes first: nothing was applied yet, so there is nothing to wait for. */
  race<T>(p: Promise<T>): Promise<T> {
    p.catch(() => undefined);
    return Promise.race([p, this.signalled.then((): never => this.stop())]);
  }

  /** Throws when a signal came (after a wait that was not raced: the secrets check, the recovery). */
  checkpoint(): void {
    if (this.interrupt.stopping) this.stop();
  }

  private stop(): never {
    throw new StoppedBeforeSteps(this.interrupt.signal!);
  }

  dispose(): void {
    this.unwatch();
  }
}

/** The report of a run stopped before any step: text on `out`, and the --json document on stdout. */
export function reportStoppedBeforeSteps(io: CliIO, out: Out, stopped: StoppedBeforeSteps, json: boolean, secretsOut: string | undefined, aborted: boolean): void {
  out.write(`\nInterrupted: ${stopped.signal} before any step was started; nothing was applied.\n`);
  if (json) {
    const report: ApplyReport = {
      applied: [],
      failed: [],
      skipped: [],
      lostSecrets: [],
      secretsSaved: [],
      interrupted: { signal: stopped.signal, aborted, inFlight: [], unfinished: [], notStarted: [] },
    };
    const counts = { created: 0, updated: 0, replaced: 0, deleted: 0 };
    io.stdout.write(`${JSON.stringify(applyJson(report, { counts, ...(secretsOut ? { secretsFile: secretsOut } : {}) }), null, 2)}\n`);
  }
  io.exitCode = 130;
}
