/**
 * Apps carry their own binding: a reserved key of their own metadata (APP_BINDING_KEY)
 * holds the logical name they were last applied as (`support` for app.support). When the
 * account lists apps, this lets an app's displayName change as an update instead of a new
 * app (DESIGN.md "Identity").
 *
 * One account may hold several instances of one config: staging and production apps from
 * the same file, with the same logical names and different display-name prefixes. Their
 * bindings are then equal, and nothing sunco records tells the instances apart without a
 * state file: the variable values that differ between them (prefixes, tokens) are exactly
 * what a rename or a rotation changes. So:
 *
 * - exactly one live app bound to the name: it is the entry's object (a rename is an update);
 * - two or more: the bindings are not trusted alone. The natural key decides among the bound
 *   apps (the one whose displayName is the declared one), and when none has it, no binding is
 *   used (the entry falls back to its natural key over all apps) and a note says why and asks
 *   for an `id` pin to rename such an app in place. Never guess between instances.
 *
 * What this cannot see: the first apply of a second instance into an account that holds
 * one instance already finds exactly one bound app and plans to rename it. The plan shows
 * that as a displayName update with a note naming the binding, and an `id` pin (or distinct
 * logical names per instance) avoids it.
 */
import { appBindingOf } from '../resources/bindings.js';
import { APP_BINDING_KEY } from '../resources/reserved-keys.js';
import { ROOT_KIND } from '../resources/registry.js';
import type { DesiredNode, LiveNode } from '../resources/types.js';
import type { PlanNote } from './types.js';

/**
 * `sensitiveName`: the entry's displayName comes from a variable declared sensitive. Its notes
 * then name the live apps by id only: their displayNames are that variable's values, the one
 * before a rotation included, which the run's mask does not know.
 */
export function appBindings(desired: DesiredNode[], live: LiveNode[], sensitiveName: (d: DesiredNode) => boolean = () => false): { bound: (d: DesiredNode) => string | undefined; notes: PlanNote[] } {
  const chosen = new Map<DesiredNode, string>();
  const notes: PlanNote[] = [];
  for (const d of desired) {
    const candidates = live.filter((l) => appBindingOf(l) === d.name);
    const named = (l: LiveNode, open = '(', close = ')') => (sensitiveName(d) ? l.id : `${l.id} ${open}${ROOT_KIND.label(l.raw)}${close}`);
    if (candidates.length === 1) {
      const only = candidates[0]!;
      chosen.set(d, only.id);
      const want = d.entry.displayName;
      if (typeof want === 'string' && typeof d.entry.id !== 'string' && only.raw.displayName !== want) {
        notes.push({
          code: 'app-binding', address: d.address,
          message: `${d.address} is matched to live app ${named(only)} by its binding (metadata ${APP_BINDING_KEY}: ${d.name}), so its displayName change is an update; if that app belongs to another instance of this configuration, pin \`id\` instead`,
        });
      }
      continue;
    }
    if (candidates.length < 2) continue;
    const same = candidates.filter((l) => l.raw.displayName === d.entry.displayName);
    if (same.length === 1) {
      chosen.set(d, same[0]!.id);
      continue;
    }
    if (typeof d.entry.id === 'string') continue;
    notes.push({
      code: 'app-binding', address: d.address,
      message: `${candidates.length} live apps are bound to ${d.address} (${candidates.map((c) => named(c, '', '')).join(', ')}): this account holds several instances of this configuration, so ${d.address} is matched by displayName only; to rename one of them in place, pin it with \`id\``,
    });
  }
  return { bound: (d) => chosen.get(d), notes };
}
