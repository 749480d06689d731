/**
 * The planner: (LoadedConfig, LiveState, options) → Plan. Pure: no HTTP, no clock.
 *
 *   desired tree ─┐
 *                 ├─ build-items (match, compare, decide) ─ api-rules ─ steps ─ order ─ targets ─ bookkeeping
 *   live tree  ───┘
 */
import type { LoadedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import type { LiveState } from '../state/types.js';
import { applyApiRules } from './api-rules.js';
import { buildItems } from './build-items.js';
import { desiredTree } from '../resources/tree.js';
import { bookkeepingStep } from './bookkeeping-step.js';
import { stateFingerprint } from '../state/digest.js';
import { derivedSalt } from './fingerprints.js';
import { type Item, walkItems } from './items.js';
import { addDataDependencies, orderSteps } from './order.js';
import { Sensitivity } from './sensitive.js';
import { itemSteps } from './steps.js';
import { isFieldChange, summarize } from './summary.js';
import { filterTargets } from './target.js';
import type { Change, Plan, PlanNote, Step } from './types.js';

export interface DiffOptions {
  /** --prune: unmanaged resources in declared apps become deletions. */
  prune?: boolean;
  /** --target addresses; empty: everything. */
  targets?: string[];
  /** Salt for a new fingerprint set (tests pass a fixed one); default: derivedSalt, deterministic. */
  salt?: (app: Item) => string;
}

export function diff(loaded: LoadedConfig, live: LiveState, options: DiffOptions = {}): Plan {
  const targets = options.targets ?? [];
  const prune = options.prune === true;
  const sensitivity = new Sensitivity(loaded);
  const { items, errors, fingerprints, bindings, notes } = buildItems(loaded, live, desiredTree(loaded.config), prune);
  applyApiRules(items, errors);

  const all = [...walkItems(items)];
  let changes: Change[] = all.flatMap((i) => (i.change ? [i.change] : []));
  let steps: Step[] = all.flatMap((i) => itemSteps(i, sensitivity));
  addDataDependencies(steps);
  if (targets.length > 0) {
    const known = new Set(all.map((i) => i.address));
    ({ steps, changes } = filterTargets(targets, known, steps, changes));
  }
  const kept = new Set(steps.map((s) => s.id));
  const booked: string[] = [];
  for (const app of items) {
    const appHasSteps = steps.some((s) => s.app === app.app);
    const salt = options.salt ?? ((a: Item) => derivedSalt(loaded.fingerprint, a.address, a.live?.id));
    const input = { app, recorded: fingerprints.get(app.app), bindings: bindings.get(app.app), appHasSteps, kept, targeted: targets.length > 0, salt, sensitivity };
    const step = bookkeepingStep(input, errors, notes);
    if (!step) continue;
    booked.push(app.address);
    // Nothing to wait for but the app's own update: that PATCH carries the bookkeeping (one call, not two).
    const update = steps.find((s) => s.id === `${app.address}:update`);
    if (update && step.dependsOn.every((d) => d === update.id)) update.body = { ...(update.body as object), metadata: (step.body as { metadata: unknown }).metadata };
    else steps.push(step);
  }
  if (booked.length > 0) notes.unshift(bookkeepingNote(booked));
  if (errors.length > 0) {
    throw new UserError(`The plan cannot be made (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}):`, { details: errors.map((e) => `  - ${e}`) });
  }

  const liveIds: Record<string, string> = {};
  for (const i of all) if (i.live) liveIds[i.address] = i.live.id;
  for (const c of changes) c.fields = c.fields.filter(isFieldChange);
  return {
    formatVersion: 1,
    summary: summarize(changes),
    changes,
    steps: orderSteps(steps),
    requests: live.requests,
    liveIds,
    configFingerprint: loaded.fingerprint,
    stateFingerprint: stateFingerprint(live),
    notes,
    options: { prune, targets },
  };
}

/** The one note for every bookkeeping write of the plan (DESIGN.md "Identity": never a field change). */
function bookkeepingNote(apps: string[]): PlanNote {
  return {
    code: 'bookkeeping',
    address: apps[0]!,
    message: `sunco records its bookkeeping (bindings of addresses to live ids, fingerprints of write-only values) in the metadata of ${apps.join(', ')}; this changes no resource and is not counted`,
  };
}
