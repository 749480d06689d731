/**
 * `sunco secrets pull`'s signals (issue 14: every exit path reports, exits 130 and leaves no
 * lock or temp file). Until the merge starts a SIGINT/SIGTERM/SIGHUP stops the command at once,
 * a wait for another run's lock included: nothing was written yet. Once the merge has started,
 * a first signal lets it finish (a few milliseconds under the lock) and a second one only gives
 * up a wait for the lock before the fold: the secrets are in the journal by then.
 */
import { LockWaitStopped } from '../apply/file-lock.js';
import { Interrupt, type StopSignal, watchSignals } from '../apply/interrupt.js';
import type { CliIO } from './io.js';

class StoppedBeforeWrite extends Error {
  constructor(readonly signal: StopSignal) {
    super(`${signal} before the merge`);
  }
}

export class PullSignals {
  private readonly interrupt = new Interrupt();
  private readonly abort = new AbortController();
  private readonly signalled: Promise<void>;
  private readonly unwatch: () => void;
  /** Set when the merge into the file starts. */
  merging = false;

  constructor(io: CliIO, shown: string) {
    this.signalled = new Promise((resolve) => this.interrupt.onSignal(resolve));
    this.unwatch = watchSignals(this.interrupt, (_line, signal) => {
      if (!this.merging || this.interrupt.aborted) this.abort.abort();
      io.stderr.write(
        !this.merging
          ? `${signal}: stopping; nothing is written to ${shown}.\n`
          : this.interrupt.aborted
            ? `${signal} again: not waiting for the lock any longer; what was saved stays in the journal.\n`
            : `${signal}: finishing the merge into ${shown}, then exiting.\n`,
      );
    });
  }

  /** Aborted when a wait for the lock may be given up. */
  get stopWaiting(): AbortSignal {
    return this.abort.signal;
  }

  get signal(): StopSignal | undefined {
    return this.interrupt.signal;
  }

  /** `p`, unless a signal comes first (only before the merge: nothing to lose then). */
  race<T>(p: Promise<T>): Promise<T> {
    p.catch(() => undefined);
    return Promise.race([p, this.signalled.then((): never => this.stop())]);
  }

  checkpoint(): void {
    if (this.interrupt.stopping && !this.merging) this.stop();
  }

  /** The signal that stopped the command before the merge, when `err` is that stop; else undefined. */
  stopped(err: unknown): StopSignal | undefined {
    if (err instanceof StoppedBeforeWrite) return err.signal;
    if (err instanceof LockWaitStopped && !this.merging) return this.interrupt.signal;
    return undefined;
  }

  private stop(): never {
    throw new StoppedBeforeWrite(this.interrupt.signal!);
  }

  dispose(): void {
    this.unwatch();
  }
}
