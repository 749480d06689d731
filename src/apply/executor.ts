/**
 * Runs Plan.steps exactly: in dependency order, independent steps concurrently up to
 * `parallelism`. When a step fails, nothing that depends on it (transitively) starts; steps
 * in flight finish and independent steps continue, as Terraform does.
 *
 * Scheduling is a ready queue with dependency counts, O(steps + edges) apart from the heap:
 * a step becomes ready when its last dependency settles, and the ready step with the longest
 * chain of steps after it starts first, so the critical path is never left waiting behind
 * short work (issue 18). A step frees its slot when its call returns; its dependents wait
 * until the secrets it returned are durable.
 */
import TinyQueue from 'tinyqueue';
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import type { SuncoConfig } from '../config/types.js';
import { StepGraphError, stepGraph, type WorkCounter } from '../plan/step-graph.js';
import type { Plan, Step } from '../plan/types.js';
import { UserError } from '../errors.js';
import type { Interrupt } from './interrupt.js';
import { IdTable } from './placeholders.js';
import { runStep, type StepContext, type StepOutcome } from './run-step.js';
import type { SecretsFile } from './secrets-file.js';
import type { ApplyReport, FailedStep, StepEvent, StepRef } from './types.js';

export interface ExecuteOptions {
  plan: Plan;
  client: ApiClient;
  /** The re-loaded config: `$secret` values and per-app credentials come from it. */
  config?: SuncoConfig;
  secrets?: Pick<SecretsFile, 'save' | 'path'>;
  parallelism?: number;
  /** POST attempts for a lost create whose object was not found by listing (default 3). */
  maxCreateAttempts?: number;
  onEvent?: (event: StepEvent) => void;
  /** Stops scheduling on a first signal, stops waiting on a second. */
  interrupt?: Interrupt;
  /** Counts the scheduler's work (steps and edges touched), for the linearity test. */
  work?: WorkCounter;
}

type Status = 'pending' | 'running' | 'saving' | 'done' | 'failed' | 'skipped';

/** A plan whose dependsOn names unknown steps, or is not acyclic, is refused before any call. */
export function checkStepGraph(steps: Step[], work?: WorkCounter): ReturnType<typeof stepGraph> {
  try {
    return stepGraph(steps, work);
  } catch (err) {
    if (err instanceof StepGraphError) throw new UserError(`the plan is invalid: ${err.message}`);
    throw err;
  }
}

const ref = (s: Step): StepRef => ({ stepId: s.id, address: s.address, operation: s.operation });

export async function executePlan(opts: ExecuteOptions): Promise<ApplyReport> {
  const { plan, interrupt } = opts;
  const work = opts.work;
  const graph = checkStepGraph(plan.steps, work);
  const steps = plan.steps;
  const report: ApplyReport = { applied: [], failed: [], skipped: [], lostSecrets: [], secretsSaved: [] };
  const ctx = stepContext(opts, report);
  const parallelism = Math.max(1, opts.parallelism ?? 8);
  const emit = (e: StepEvent) => opts.onEvent?.(e);

  const status: Status[] = steps.map(() => 'pending');
  const waitingOn = [...graph.indegree];
  /** For a failed or skipped step: the failed step at the root of it. */
  const rootCause: (number | undefined)[] = steps.map(() => undefined);
  const ready = new TinyQueue<number>(
    graph.order.filter((i) => waitingOn[i] === 0),
    (a, b) => graph.chain[b]! - graph.chain[a]! || a - b,
  );
  let slotsUsed = 0;
  /** Steps started and not yet settled (call or save still running). */
  let unsettled = 0;
  let inFlightAtSignal: number[] | undefined;
  /** Set when the loop returns: after a second signal, calls still in flight settle into nothing (their secrets are still saved by runStep). */
  let finished = false;

  // One promise the loop sleeps on, resolved by anything that may let it make progress.
  let wake: () => void = () => undefined;
  const woken = () => new Promise<void>((r) => (wake = r));
  const unsubscribe = interrupt?.onSignal(() => {
    inFlightAtSignal ??= status.flatMap((s, i) => (s === 'running' || s === 'saving' ? [i] : []));
    wake();
  });

  const settle = (i: number, outcome: StepOutcome | undefined, err: unknown, t0: number): void => {
    if (finished) return;
    const step = steps[i]!;
    const ms = Math.round(performance.now() - t0);
    unsettled--;
    if (outcome) {
      status[i] = 'done';
      const { saved: _saved, ...rest } = outcome;
      const result = { ...ref(step), ...rest, ms };
      report.applied.push(result);
      emit({ type: 'applied', result });
      for (const j of graph.dependents[i]!) {
        if (work) work.visits++;
        if (status[j] === 'pending' && --waitingOn[j]! === 0) ready.push(j);
      }
    } else {
      status[i] = 'failed';
      rootCause[i] = i;
      const result = failure(step, err, ms);
      report.failed.push(result);
      emit({ type: 'failed', result });
      skipDependents(i);
    }
    wake();
  };

  // Depth-first over dependents; each step is skipped once, so failures cost O(steps + edges) in all.
  const skipDependents = (failed: number): void => {
    const stack = [failed];
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (const j of graph.dependents[i]!) {
        if (work) work.visits++;
        if (status[j] !== 'pending') continue;
        status[j] = 'skipped';
        rootCause[j] = rootCause[i];
        const root = steps[rootCause[j]!]!;
        const result = { ...ref(steps[j]!), because: { stepId: root.id, address: root.address } };
        report.skipped.push(result);
        emit({ type: 'skipped', result });
        stack.push(j);
      }
    }
  };

  const start = (i: number): void => {
    if (work) work.visits++;
    status[i] = 'running';
    slotsUsed++;
    unsettled++;
    const t0 = performance.now();
    void runStep(steps[i]!, ctx).then(
      (outcome) => {
        slotsUsed--;
        if (!outcome.saved) return settle(i, outcome, undefined, t0);
        status[i] = 'saving';
        wake();
        outcome.saved.then(
          () => settle(i, outcome, undefined, t0),
          (err: unknown) => settle(i, undefined, err, t0),
        );
      },
      (err: unknown) => {
        slotsUsed--;
        settle(i, undefined, err, t0);
      },
    );
  };

  try {
    for (;;) {
      while (!interrupt?.stopping && slotsUsed < parallelism && ready.length > 0) start(ready.pop()!);
      if (unsettled === 0 || interrupt?.aborted) break;
      await woken();
    }
  } finally {
    finished = true;
    unsubscribe?.();
  }

  if (interrupt?.stopping) {
    const unfinished = status.flatMap((s, i) => (s === 'running' || s === 'saving' ? [ref(steps[i]!)] : []));
    report.interrupted = {
      signal: interrupt.signal!,
      aborted: interrupt.aborted,
      inFlight: (inFlightAtSignal ?? []).map((i) => ref(steps[i]!)),
      unfinished,
      notStarted: status.flatMap((s, i) => (s === 'pending' ? [ref(steps[i]!)] : [])),
    };
  }
  return report;
}

function stepContext(opts: ExecuteOptions, report: ApplyReport): StepContext {
  const clients = new Map<string, ApiClient>();
  return {
    clientFor(app) {
      let c = clients.get(app);
      if (!c) {
        const creds = opts.config?.apps[app]?.credentials;
        c = creds ? opts.client.withCredentials(creds) : opts.client;
        clients.set(app, c);
      }
      return c;
    },
    ids: new IdTable(opts.plan.liveIds),
    config: opts.config,
    secrets: opts.secrets,
    lostSecrets: report.lostSecrets,
    secretsSaved: report.secretsSaved,
    maxCreateAttempts: opts.maxCreateAttempts ?? 3,
  };
}

function failure(step: Step, err: unknown, ms: number): FailedStep {
  const base = { ...ref(step), ms };
  if (err instanceof ApiError) {
    return { ...base, status: err.status, code: err.code, title: err.title, message: err.message };
  }
  return { ...base, message: err instanceof Error ? err.message : String(err) };
}
