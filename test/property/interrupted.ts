/**
 * The interrupted apply (edit kind `interrupt`): the plan runs with the executor's Interrupt
 * triggered when the `after`-th write is answered, before the applier sees the answer, as a
 * first SIGINT does (sunco-apply routes its signals to that object); with `kill`, a second one
 * follows at once and nothing received after it is saved, as when kill -9 ends the process
 * right after a create's answer: the calls in flight still reach the server, and their secrets
 * are lost to the file. Right after it:
 * - no step starts after the signal but those in flight;
 * - with one signal, every secret received is in the secrets file (journal folded by close);
 * - its report, text and JSON, shows no sensitive value.
 * Then the scenario plans and applies normally (recovery first, as sunco-apply runs it), and
 * every invariant must hold: converged, nothing duplicated, every secret in the file.
 */
import { readFile } from 'node:fs/promises';
import { executePlan } from '../../src/apply/executor.js';
import { Interrupt } from '../../src/apply/interrupt.js';
import type { SecretsFile } from '../../src/apply/secrets-file.js';
import type { ApplyReport, StepEvent } from '../../src/apply/types.js';
import type { ApiClient } from '../../src/api/types.js';
import { recoverSecrets } from '../../src/cli/recover-secrets.js';
import { tidySecrets } from '../../src/cli/tidy-secrets.js';
import type { LoadedConfig } from '../../src/config/index.js';
import type { Plan } from '../../src/plan/types.js';
import type { LiveState } from '../../src/state/types.js';
import type { LiveNode } from '../../src/resources/types.js';
import { checkApplyOutputs, fail, type Watch } from './outputs.js';

const WRITES = new Set(['post', 'patch', 'delete']);

/**
 * A client whose calls are remembered, so that the calls a "killed" run left behind can be
 * waited for; `answered` is told of each write's answer before the applier sees it (a signal
 * then falls between a create's answer and the save of its secret, the worst moment).
 */
function tracked(api: ApiClient, calls: Set<Promise<unknown>>, answered: () => void): ApiClient {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'paginate') return v;
      const write = (args: unknown[]) => WRITES.has(String(prop)) || (prop === 'request' && args[0] !== 'GET');
      return (...args: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (!(r instanceof Promise)) return r;
        const seen = write(args) ? r.then((x: unknown) => (answered(), x)) : r;
        const settled = seen.catch(() => undefined);
        calls.add(settled);
        void settled.then(() => calls.delete(settled));
        return seen;
      };
    },
  });
}

export interface InterruptCtx { api: ApiClient; secrets: SecretsFile }

export interface InterruptOutcome { interrupted: boolean; killed: boolean }

export async function applyInterrupted(ctx: InterruptCtx, loaded: LoadedConfig, p: Plan, live: LiveState, spec: { after: number; kill: boolean }, watch: Watch): Promise<InterruptOutcome> {
  await recoverSecrets(ctx.secrets, p.liveIds, live, 'secrets.json', { write: () => true });
  const interrupt = new Interrupt();
  const calls = new Set<Promise<unknown>>();
  const events: StepEvent[] = [];
  let killed = false;
  let atSignal: number | undefined;
  const signal = () => {
    atSignal = events.length;
    interrupt.trigger('SIGINT');
    if (spec.kill) {
      killed = true;
      interrupt.trigger('SIGINT');
    }
  };
  const file = ctx.secrets;
  // After a kill nothing more reaches the file: the process is gone.
  const secrets = { path: file.path, save: (e: Parameters<SecretsFile['save']>[0]) => (killed ? Promise.resolve() : file.save(e)) };
  // Within the plan's steps, so that something is always cut short (0: before the first call).
  const after = spec.after % Math.max(1, p.steps.length);
  if (after === 0) signal();
  let answers = 0;
  const answered = () => {
    if (++answers === after) signal();
  };
  const report: ApplyReport = await executePlan({
    plan: p, client: tracked(ctx.api, calls, answered), config: loaded.config, secrets, interrupt,
    onEvent: (e) => events.push(e),
  });
  // The server finishes what it was sent, whether or not anyone waits for the answer.
  while (calls.size > 0) await Promise.all([...calls]);
  await file.idle();
  if (atSignal !== undefined) {
    const info = report.interrupted ?? fail(`the apply interrupted after ${after} answers (${p.steps.length} steps) has no interrupted report`);
    const inFlight = new Set(info.inFlight.map((s) => s.stepId));
    for (const e of events.slice(atSignal)) if (!inFlight.has(e.result.stepId) && e.type !== 'skipped') fail(`${e.result.stepId} ran after the signal, and was not in flight when it came`);
  }
  checkApplyOutputs(p, report, events, watch);
  if (killed) return { interrupted: true, killed: true };
  await tidySecrets(file, p, live, report, 'secrets.json', { write: () => true });
  await file.close();
  const saved = JSON.parse(await readFile(file.path, 'utf8').catch(() => '{}')) as Record<string, { id?: string }>;
  for (const r of report.applied) {
    for (const c of p.steps.find((s) => s.id === r.stepId)?.creates ?? []) {
      if (c.secretPath && saved[c.address]?.id !== r.ids?.[c.address]) fail(`interrupted (one signal), the secret of ${c.address} (${r.ids?.[c.address]}) was received and not saved`);
    }
  }
  return { interrupted: atSignal !== undefined, killed: false };
}

function liveIds(live: LiveState): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: LiveNode[]) => {
    for (const n of nodes) {
      out.add(n.id);
      for (const kids of Object.values(n.children)) if (kids) walk(kids);
    }
  };
  walk(live.apps);
  return out;
}

/**
 * What an interrupted replace (create, then delete) stopped between its create and its delete
 * leaves behind: the replacement or the old object, unmanaged in the next plan, beside the
 * managed one with the same natural key. Found by this property (a duplicate after an
 * interrupt, one signal or kill -9) and fixed in plan/resume-replace.ts: the ids the
 * interrupted run created, or whose replace it began, that the next plan lists as unmanaged
 * (none, now).
 */
export function orphansOf(interrupted: Plan, before: LiveState, next: Plan, after: LiveState): string[] {
  const had = liveIds(before);
  const replaced = interrupted.changes.filter((c) => c.action === 'replace' && c.liveId).map((c) => c.liveId!);
  if (replaced.length === 0) return [];
  const suspects = new Set([...[...liveIds(after)].filter((id) => !had.has(id)), ...replaced]);
  return next.changes.filter((c) => c.action === 'unmanaged' && c.liveId && suspects.has(c.liveId)).map((c) => c.liveId!);
}
