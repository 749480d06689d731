/**
 * How plan values read in text and markdown: references as the address they name, secrets
 * as (sensitive), JSON for the rest. Multi-line strings are shown as a unified diff.
 */
import { structuredPatch } from 'diff';
import type { FieldDiff } from '../plan/types.js';
import type { KindName } from '../resources/kind-name.js';
import { KINDS } from '../resources/registry.js';
import { isRef } from '../resources/values.js';

export const SENSITIVE = '(sensitive)';

/**
 * A reference reads as the config writes it: the logical name of the entry it names
 * (`next: agent`, `integration: bot`). One to an object that no declared entry matches carries
 * its raw id (`id:…`) or name (`name:…`).
 */
function refText(target: string): string {
  if (target.startsWith('id:')) return `(id ${target.slice(3)})`;
  if (target.startsWith('name:')) return `(switchboard integration "${target.slice(5)}")`;
  const name = target.split('.').at(-1)!;
  // A live object the config does not declare (`….integration[id]`) has no config name.
  return name.includes('[') ? target : name;
}

/**
 * The config's name of a plan field, from the kind's name map: `defaultResponderId` reads
 * `defaultResponder`, `nextSwitchboardIntegrationId` reads `next`. Nested fields keep their tail.
 */
export function configField(kind: KindName, field: string): string {
  const [head, ...rest] = field.split('.');
  const k = KINDS[kind];
  return [k ? k.configName(head!) : head, ...rest].join('.');
}

export function formatValue(v: unknown): string {
  if (v === undefined) return '(unset)';
  if (isRef(v)) return refText(v.$ref);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

export function isMultiline(f: FieldDiff): boolean {
  return !f.sensitive && ((typeof f.before === 'string' && f.before.includes('\n')) || (typeof f.after === 'string' && f.after.includes('\n')));
}

/** Unified diff lines (hunk headers and +/-/space lines) between two multi-line strings. */
export function unifiedDiff(before: unknown, after: unknown): string[] {
  const a = typeof before === 'string' ? before : '';
  const b = typeof after === 'string' ? after : '';
  const patch = structuredPatch('before', 'after', a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`, undefined, undefined, { context: 3 });
  return patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
}

/** `old → new` for an update, the value for a create, (sensitive) for secrets. */
export function fieldText(f: FieldDiff, action: 'create' | 'update'): string {
  if (f.sensitive) return action === 'create' || f.before === undefined ? SENSITIVE : `${SENSITIVE} → ${SENSITIVE}`;
  if (action === 'create') return formatValue(f.after);
  return `${formatValue(f.before)} → ${formatValue(f.after)}`;
}
