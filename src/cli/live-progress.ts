/**
 * Progress a person watches, on stderr and only when stderr is a terminal: while the live state
 * is read, one line rewritten in place (`reading live state… 180/281 requests`), erased when the
 * read ends. Off a terminal (CI logs, pipes) it writes nothing, so logs hold no \r noise.
 */
import type { CliIO } from './io.js';

const ERASE_LINE = '\r\u001b[2K';

export class ReadCounter {
  private active = false;
  private shown = '';

  constructor(private readonly io: CliIO) {}

  /** ClientOptions.onProgress: requests sent so far and ended so far. */
  readonly onProgress = (sent: number, ended: number): void => {
    if (!this.active) return;
    const text = `reading live state… ${ended}/${sent} requests`;
    if (text === this.shown) return;
    this.shown = text;
    this.io.stderr.write(`${ERASE_LINE}${text}`);
  };

  start(): void {
    this.active = this.io.stderrIsTTY === true;
  }

  /** Erases the counter, so that what is printed next starts on a clean line. */
  stop(): void {
    if (this.active && this.shown !== '') this.io.stderr.write(ERASE_LINE);
    this.active = false;
    this.shown = '';
  }
}
