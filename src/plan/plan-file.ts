/**
 * Plan files (`sunco-plan --out FILE`, `sunco-apply FILE`). A plan file is the Plan JSON:
 * no secret values (write-only and variable values are `$secret` placeholders) and the
 * config's fingerprint; applying it re-plans and refuses it as stale when the config, a
 * change or live id, or a step differs from the fresh plan (DESIGN.md "Plans"). Reading and writing the file is
 * cli/plan-file-io.ts's: plan/ does no I/O.
 */
import { UserError } from '../errors.js';
import { jsonErrorWhere } from '../json-error.js';
import { isPlainObject } from '../resources/values.js';
import type { Plan } from './types.js';

/** The text of a plan file (read and written by cli/plan-file-io.ts: plan/ does no I/O). */
export function planText(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** A plan file's text → Plan, or a clear error naming `file`. */
export function parsePlan(text: string, file: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} is not a sunco plan file: it is not valid JSON (${jsonErrorWhere(e)})`, { cause: e });
  }
  const odd = oddShape(data, MAX_DEPTH);
  if (odd) throw new UserError(`${file} is not a usable sunco plan file: ${odd}. Make a new one with sunco-plan --out.`);
  return validatePlan(data, file);
}

/**
 * What sunco-plan writes at the top level; anything else was added by hand. `liveDigests` was
 * written by earlier versions (never read: staleness re-derives the steps) and is still accepted.
 */
const TOP_LEVEL = new Set(['formatVersion', 'summary', 'changes', 'steps', 'requests', 'liveIds', 'configFingerprint', 'stateFingerprint', 'liveDigests', 'notes', 'options', 'inputs', 'target']);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** No plan nests this deep (a body's metadata is a few levels); comparing a deeper one would overflow the stack. */
const MAX_DEPTH = 100;

/**
 * Why the parsed document cannot be a plan sunco wrote, or undefined: nested too deep, a key
 * sunco never writes at the top level, or a `__proto__`/`constructor`/`prototype` key anywhere
 * (no plan has one; merged into an object it would reach Object.prototype). Iterative, so
 * that the check itself cannot overflow the stack.
 */
function oddShape(root: unknown, max: number): string | undefined {
  if (isPlainObject(root)) {
    const extra = Object.keys(root).find((k) => !TOP_LEVEL.has(k));
    if (extra !== undefined) return `it has a key ${JSON.stringify(extra)} that sunco-plan never writes`;
  }
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return `it is nested deeper than ${max} levels, deeper than any plan`;
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN.has(k)) return `it has a ${JSON.stringify(k)} key`;
      stack.push([v, depth + 1]);
    }
  }
  return undefined;
}

/** Checks the shape of a parsed plan file; a clear error names what is wrong. */
export function validatePlan(data: unknown, file = 'the plan file'): Plan {
  const bad = (what: string): never => {
    throw new UserError(`${file} is not a usable sunco plan file: ${what}. Make a new one with sunco-plan --out.`);
  };
  if (!isPlainObject(data)) return bad('expected a JSON object');
  if (data.formatVersion !== 1) return bad(`formatVersion is ${JSON.stringify(data.formatVersion)}, this sunco reads formatVersion 1`);
  for (const key of ['changes', 'steps'] as const) if (!Array.isArray(data[key])) bad(`"${key}" is missing or not an array`);
  for (const key of ['configFingerprint', 'stateFingerprint'] as const) if (typeof data[key] !== 'string') bad(`"${key}" is missing`);
  if (!isPlainObject(data.liveIds)) bad('"liveIds" is missing');
  if (!isPlainObject(data.options) || !Array.isArray(data.options.targets)) bad('"options" is missing');
  if (data.inputs !== undefined) {
    const inputs = data.inputs;
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!isPlainObject(inputs) || typeof inputs.config !== 'string' || !strings(inputs.varFiles)) {
      bad('"inputs" needs a "config" path and a "varFiles" list of paths');
    }
    // Without the digests a recorded path could name any file: it is read only when they match.
    const { digests, varFiles } = inputs as { digests?: unknown; varFiles: string[] };
    if (!isPlainObject(digests) || typeof digests.config !== 'string' || !strings(digests.varFiles) || digests.varFiles.length !== varFiles.length) {
      bad('"inputs" lacks the digests of its files');
    }
  }
  if (data.target !== undefined) {
    const t = data.target;
    if (!isPlainObject(t) || typeof t.api !== 'string' || (t.keyId !== undefined && typeof t.keyId !== 'string')) bad('"target" needs an "api" URL');
  }
  for (const [i, s] of (data.steps as unknown[]).entries()) {
    if (!isPlainObject(s) || typeof s.id !== 'string' || typeof s.path !== 'string' || typeof s.method !== 'string' || !Array.isArray(s.dependsOn)) {
      bad(`step ${i + 1} lacks id, method, path or dependsOn`);
    }
  }
  return data as unknown as Plan;
}

/** Addresses whose entries differ between two lists (JSON-equal entries are the same). */
function differing<T>(saved: readonly T[], fresh: readonly T[], addressOf: (t: T) => string): { changed: string[]; appeared: string[]; gone: string[] } {
  const group = (items: readonly T[]): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const i of items) m.set(addressOf(i), [...(m.get(addressOf(i)) ?? []), JSON.stringify(i)]);
    return m;
  };
  const before = group(saved);
  const after = group(fresh);
  return {
    changed: [...after.keys()].filter((a) => before.has(a) && JSON.stringify(before.get(a)) !== JSON.stringify(after.get(a))),
    appeared: [...after.keys()].filter((a) => !before.has(a)),
    gone: [...before.keys()].filter((a) => !after.has(a)),
  };
}

/**
 * What makes a saved plan stale, compared with a plan made now from the same config and the
 * current live state: human-readable lines; empty means the saved plan still holds. Only what
 * the plan depends on counts — the changes (managed fields, before and after), the live ids
 * and the steps — so an edit of a field the config does not manage leaves the plan valid
 * (the state fingerprint covers every field read and would refuse it). Saved steps that are
 * not the fresh ones mean the file was edited: refused too, since apply runs the fresh steps.
 */
export function checkStale(saved: Plan, fresh: Plan): string[] {
  const out: string[] = [];
  if (saved.configFingerprint !== fresh.configFingerprint) {
    out.push('the configuration changed since the plan was made (files or variable values differ)');
  }
  // JSON round trip: the saved plan came from a file, where undefined fields are absent.
  const now = JSON.parse(JSON.stringify(fresh)) as Plan;
  // Objects the config does not manage (listed as unmanaged) are no part of what the plan does:
  // one created or removed by hand meanwhile leaves the steps as they were (--prune makes them deletes, which count).
  const unmanaged = (p: Plan): Set<string> => new Set(p.changes.filter((c) => c.action === 'unmanaged').map((c) => c.address));
  const ids = (p: Plan): { address: string; id: string }[] => {
    const skip = unmanaged(p);
    return Object.entries(p.liveIds).filter(([address]) => !skip.has(address)).map(([address, id]) => ({ address, id }));
  };
  const managed = (p: Plan) => p.changes.filter((c) => c.action !== 'unmanaged');
  // A live object gone or new is named so; any other difference of a change or an id is "changed".
  const byId = differing(ids(saved), ids(now), (c) => c.address);
  const byChange = differing(managed(saved), managed(now), (c) => c.address);
  const moved = new Set([...byId.appeared, ...byId.gone]);
  const changed = [...new Set([...byId.changed, ...byChange.changed, ...byChange.appeared, ...byChange.gone])].filter((a) => !moved.has(a));
  const parts = [...changed.map((a) => `${a} changed`), ...byId.appeared.map((a) => `${a} appeared`), ...byId.gone.map((a) => `${a} is gone`)];
  // Same config and the very same live state (its fingerprint covers every field): a change
  // that differs was written into the file, not made in the account; blaming the live state
  // would send the reviewer looking in the wrong place.
  const edited = out.length === 0 && saved.stateFingerprint === fresh.stateFingerprint;
  if (parts.length > 0 && edited) {
    out.push(`the saved changes are not the ones the config and the live state give now, and neither changed (was the plan file edited?): ${[...new Set([...changed, ...byId.appeared, ...byId.gone])].join(', ')}`);
  } else if (parts.length > 0) {
    out.push(`the live state changed since the plan was made: ${[...new Set(parts)].join(', ')}`);
  } else if (out.length === 0) {
    const steps = differing(saved.steps, now.steps, (st) => (typeof st.address === 'string' ? st.address : st.id.split(':')[0]!));
    const touched = [...new Set([...steps.changed, ...steps.appeared, ...steps.gone])];
    if (touched.length > 0) out.push(`the saved steps are not the ones the config and the live state give now (was the plan file edited?): ${touched.join(', ')}`);
    // Same steps in another order, or a summary that is not the changes': still an edited file.
    else if (JSON.stringify(saved.steps) !== JSON.stringify(now.steps)) out.push('the saved steps are in another order than the config and the live state give now (was the plan file edited?)');
    else if (JSON.stringify({ ...saved.summary, unmanaged: 0 }) !== JSON.stringify({ ...now.summary, unmanaged: 0 })) out.push('the saved summary is not the one of its changes (was the plan file edited?)');
  }
  return out;
}
