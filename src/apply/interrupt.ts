/**
 * Ctrl-C during an apply (DESIGN.md "Interrupts", issue 14). The first SIGINT/SIGTERM stops
 * scheduling: calls in flight finish and their secrets are saved. A second one stops waiting
 * for them. The executor reads this object; only watchSignals() touches the process.
 */
/** SIGHUP too: a closed terminal or an ssh session dropped mid-apply must save its secrets as Ctrl-C does. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export class Interrupt {
  /** The first signal received, once one was. */
  signal: StopSignal | undefined;
  /** A second signal arrived: stop waiting for calls in flight. */
  aborted = false;
  private listeners: (() => void)[] = [];

  /**
   * 130 for SIGINT and SIGTERM alike (DESIGN.md "Interrupts"): an interrupted apply is one
   * outcome, with its report, whichever signal stopped it; scripts test one code.
   */
  get exitCode(): number {
    return 130;
  }

  get stopping(): boolean {
    return this.signal !== undefined;
  }

  trigger(signal: StopSignal): void {
    if (this.signal === undefined) this.signal = signal;
    else this.aborted = true;
    for (const l of this.listeners) l();
  }

  /** Called on every signal; returns the function that unsubscribes. */
  onSignal(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}

/**
 * Routes SIGINT and SIGTERM to `interrupt` until the returned function is called. While it is
 * installed the process no longer dies on them: the apply decides when to exit. `notice` is
 * told about each signal, to say what happens next.
 */
export function watchSignals(interrupt: Interrupt, notice: (line: string, signal: StopSignal) => void): () => void {
  const on = (signal: StopSignal) => () => {
    interrupt.trigger(signal);
    notice(
      interrupt.aborted
        ? `${signal} again: not waiting for the calls in flight; saving the secrets received so far.`
        : `${signal}: starting no new step; waiting for the calls in flight (${signal === 'SIGINT' ? 'Ctrl-C' : 'a signal'} again to stop waiting).`,
      signal,
    );
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, on(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
