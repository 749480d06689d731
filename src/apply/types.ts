/**
 * What the applier reports. Results name addresses and ids, never secret values: they are
 * printed, and with --json written to stdout (DESIGN.md, "Secrets the API generates").
 */
import type { StepOperation } from '../plan/types.js';

export interface AppliedStep {
  stepId: string;
  address: string;
  operation: StepOperation;
  /** Ids recorded by a create (or adopted after a lost response), by address. */
  ids?: Record<string, string>;
  /** The create's response was lost and the resource was found and adopted by listing. */
  adopted?: boolean;
  /** A DELETE whose target was already gone (404): counted as done. */
  alreadyGone?: boolean;
  ms: number;
}

export interface FailedStep {
  stepId: string;
  address: string;
  operation: StepOperation;
  /** The API's error code and title when the API answered; absent for local failures. */
  status?: number;
  code?: string;
  title?: string;
  message: string;
  ms: number;
}

export interface SkippedStep {
  stepId: string;
  address: string;
  operation: StepOperation;
  /** The failed step (id and address) that this one depends on, directly or not. */
  because: { stepId: string; address: string };
}

/** A generated secret that could not be saved because its create response was lost. */
export interface LostSecret {
  address: string;
  id?: string;
  recovery: string;
}

export interface StepRef {
  stepId: string;
  address: string;
  operation: StepOperation;
}

/** An apply stopped by SIGINT/SIGTERM (src/apply/interrupt.ts). */
export interface Interrupted {
  signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP';
  /** A second signal: the calls in flight were not waited for. */
  aborted: boolean;
  /** Steps whose call was in flight when the first signal came (their outcome is in applied/failed, unless aborted). */
  inFlight: StepRef[];
  /** With `aborted`: those of them whose outcome is unknown (the next plan shows what exists). */
  unfinished: StepRef[];
  /** Steps never started. */
  notStarted: StepRef[];
}

export interface ApplyReport {
  applied: AppliedStep[];
  failed: FailedStep[];
  skipped: SkippedStep[];
  lostSecrets: LostSecret[];
  /** Addresses whose secret was written to the secrets file during this run. */
  secretsSaved: string[];
  interrupted?: Interrupted;
}

export type StepEvent =
  | { type: 'applied'; result: AppliedStep }
  | { type: 'failed'; result: FailedStep }
  | { type: 'skipped'; result: SkippedStep };
