/**
 * Runs Plan.steps exactly: in dependency order, independent steps concurrently up to
 * `parallelism`. When a step fails, nothing that depends on it (transitively) starts; steps
 * in flight finish and independent steps continue, as Terraform does.
 */
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import type { SuncoConfig } from '../config/types.js';
import type { Plan, Step } from '../plan/types.js';
import { UserError } from '../errors.js';
import { IdTable } from './placeholders.js';
import { runStep, type StepContext } from './run-step.js';
import type { SecretsFile } from './secrets-file.js';
import type { ApplyReport, FailedStep, StepEvent } from './types.js';

export interface ExecuteOptions {
  plan: Plan;
  client: ApiClient;
  /** The re-loaded config: `$secret` values and per-app credentials come from it. */
  config?: SuncoConfig;
  secrets?: SecretsFile;
  parallelism?: number;
  /** POST attempts for a lost create whose object was not found by listing (default 3). */
  maxCreateAttempts?: number;
  onEvent?: (event: StepEvent) => void;
}

/** A plan whose dependsOn names unknown steps, or is not acyclic, is refused before any call. */
export function checkStepGraph(steps: Step[]): void {
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) throw new UserError(`the plan is invalid: step ${s.id} appears twice`);
    ids.add(s.id);
  }
  for (const s of steps) {
    for (const d of s.dependsOn) {
      if (!ids.has(d)) throw new UserError(`the plan is invalid: step ${s.id} depends on unknown step ${d}`);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(steps.map((s) => [s.id, s]));
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new UserError(`the plan is invalid: its steps depend on each other in a cycle through ${id}`);
    state.set(id, 'visiting');
    for (const d of byId.get(id)!.dependsOn) visit(d);
    state.set(id, 'done');
  };
  for (const s of steps) visit(s.id);
}

export async function executePlan(opts: ExecuteOptions): Promise<ApplyReport> {
  const { plan } = opts;
  checkStepGraph(plan.steps);
  const report: ApplyReport = { applied: [], failed: [], skipped: [], lostSecrets: [], secretsSaved: [] };
  const clients = new Map<string, ApiClient>();
  const ctx: StepContext = {
    clientFor(app) {
      let c = clients.get(app);
      if (!c) {
        const creds = opts.config?.apps[app]?.credentials;
        c = creds ? opts.client.withCredentials(creds) : opts.client;
        clients.set(app, c);
      }
      return c;
    },
    ids: new IdTable(plan.liveIds),
    config: opts.config,
    secrets: opts.secrets,
    lostSecrets: report.lostSecrets,
    secretsSaved: report.secretsSaved,
    maxCreateAttempts: opts.maxCreateAttempts ?? 3,
  };
  const parallelism = Math.max(1, opts.parallelism ?? 8);
  const status = new Map<string, 'pending' | 'running' | 'done' | 'failed' | 'skipped'>(plan.steps.map((s) => [s.id, 'pending']));
  /** For a failed or skipped step: the failed step at the root of it. */
  const rootCause = new Map<string, Step>();
  const running = new Set<Promise<void>>();
  const emit = (e: StepEvent) => opts.onEvent?.(e);

  const start = (step: Step): void => {
    status.set(step.id, 'running');
    const t0 = performance.now();
    const p: Promise<void> = runStep(step, ctx).then(
      (out) => {
        status.set(step.id, 'done');
        const result = { stepId: step.id, address: step.address, operation: step.operation, ...out, ms: Math.round(performance.now() - t0) };
        report.applied.push(result);
        emit({ type: 'applied', result });
      },
      (err: unknown) => {
        status.set(step.id, 'failed');
        rootCause.set(step.id, step);
        const result = failure(step, err, Math.round(performance.now() - t0));
        report.failed.push(result);
        emit({ type: 'failed', result });
      },
    ).finally(() => running.delete(p));
    running.add(p);
  };

  for (;;) {
    // Plan order is normally topological, so one pass settles everything it can; passes repeat
    // until nothing changes in case it is not.
    let changed = true;
    while (changed) {
      changed = false;
      for (const step of plan.steps) {
        if (status.get(step.id) !== 'pending') continue;
        const blocker = step.dependsOn.find((d) => status.get(d) === 'failed' || status.get(d) === 'skipped');
        if (blocker !== undefined) {
          status.set(step.id, 'skipped');
          const root = rootCause.get(blocker)!;
          rootCause.set(step.id, root);
          const result = { stepId: step.id, address: step.address, operation: step.operation, because: { stepId: root.id, address: root.address } };
          report.skipped.push(result);
          emit({ type: 'skipped', result });
          changed = true;
        } else if (running.size < parallelism && step.dependsOn.every((d) => status.get(d) === 'done')) {
          start(step);
          changed = true;
        }
      }
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  return report;
}

function failure(step: Step, err: unknown, ms: number): FailedStep {
  const base = { stepId: step.id, address: step.address, operation: step.operation, ms };
  if (err instanceof ApiError) {
    return { ...base, status: err.status, code: err.code, title: err.title, message: err.message };
  }
  return { ...base, message: err instanceof Error ? err.message : String(err) };
}
