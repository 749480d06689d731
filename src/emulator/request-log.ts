import type { Scope } from './route.js';
import type { FaultKind } from './faults.js';

/** One handled request, for tests to assert on (secrets and bodies are never recorded). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The raw query string without '?', '' when none. */
  query: string;
  /** 0 when no response was sent (a `reset` or `lost` fault). */
  status: number;
  /** The authenticated scope, when authentication got that far. */
  scope?: Scope;
  /** Set when a fault was injected: 500, 503, reset, 429 (fault), lost, or rate_limit. */
  faulted?: FaultKind | 'rate_limit';
  /** The latency option applied to this response, in ms (0 when none). */
  latencyMs: number;
  /** Wall time spent on the request, latency included. */
  ms: number;
}

/**
 * The log as an array tests can read, bounded so that a long-running `sunco emulator`
 * (soak tests) does not grow without limit: past `limit` entries the oldest half is dropped.
 */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private total = 0;

  constructor(private readonly limit = 100_000) {}

  add(entry: RequestLogEntry): void {
    this.total += 1;
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, Math.ceil(this.limit / 2));
  }

  /** Requests received since start or the last reset, including dropped entries. */
  count(): number {
    return this.total;
  }

  reset(): void {
    this.entries.length = 0;
    this.total = 0;
  }
}
