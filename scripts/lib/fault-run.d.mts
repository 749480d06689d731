// Types for fault-run.mjs, so that test/reliability (TypeScript) can drive it with src modules.
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunSummary {
  code: number;
  /** Why the run failed, per failed step ("create 500 internal_error") or "error: …". */
  kinds: string[];
  lostSecrets: { address: string; id?: string; recovery: string }[];
  /** Creates whose response was lost and whose object was found and adopted. */
  adopted: number;
  /** Set when the run broke the CLI's contract (exit code, report, stack trace). */
  problem?: string;
}

export interface FaultRunResult {
  seed: number;
  runs: RunSummary[];
  converged: boolean;
  /** Injected faults by kind, from the emulator's request log. */
  faults: Record<string, number>;
  replan: { code: number; summary?: { create: number; update: number; replace: number; delete: number; unmanaged: number }; stderr: string };
  duplicates: string[];
  missing: string[];
  secretProblems: string[];
  lostSecrets: RunSummary['lostSecrets'];
  savedSecrets: number;
  requestLog: { method: string; path: string; status: number; faulted?: string }[];
}

export interface FaultRunOptions {
  seed: number;
  faultRate?: number;
  maxRuns?: number;
  apps?: number;
  /** --parallelism of each apply; 1 makes a seed replay exactly (default 8). */
  parallelism?: number;
  dir: string;
  // The emulator and client modules are passed in (src in tests, dist in the soak script).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  startEmulator: (options: any) => Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createClient: (options: any) => any;
  cli: (args: string[], env: Record<string, string>) => Promise<CliOutcome>;
}

export const ADOPTED_APP: string;
export function faultRun(options: FaultRunOptions): Promise<FaultRunResult>;
export function violations(result: FaultRunResult): string[];
