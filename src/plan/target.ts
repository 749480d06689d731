/**
 * `--target ADDRESS` (repeatable): only that resource, its descendants, and the steps they
 * depend on. Unknown addresses are errors (a typo must not silently plan nothing).
 */
import { UserError } from '../errors.js';
import type { Change, Step } from './types.js';

export function inTarget(address: string, target: string): boolean {
  return address === target || address.startsWith(`${target}.`) || address.startsWith(`${target}[`);
}

export function filterTargets(targets: string[], known: Set<string>, steps: Step[], changes: Change[]): { steps: Step[]; changes: Change[] } {
  const unknown = targets.filter((t) => ![...known].some((a) => inTarget(a, t)));
  if (unknown.length > 0) {
    throw new UserError(`Unknown --target ${unknown.map((t) => `"${t}"`).join(', ')}: no declared or live resource has that address.`, {
      details: ['  Addresses look like app.support, app.support.integration.bot, app.support.switchboard.integration.agent.'],
    });
  }
  const selected = (addr: string): boolean => targets.some((t) => inTarget(addr, t));
  const byId = new Map(steps.map((s) => [s.id, s]));
  const keep = new Set<string>();
  const visit = (id: string): void => {
    if (keep.has(id)) return;
    keep.add(id);
    for (const d of byId.get(id)?.dependsOn ?? []) visit(d);
  };
  for (const s of steps) if (selected(s.address) || s.creates?.some((c) => selected(c.address))) visit(s.id);
  const keptSteps = steps.filter((s) => keep.has(s.id));
  const stepAddresses = new Set(keptSteps.flatMap((s) => [s.address, ...(s.creates ?? []).map((c) => c.address)]));
  return { steps: keptSteps, changes: changes.filter((c) => selected(c.address) || stepAddresses.has(c.address)) };
}
