/**
 * Plan files (`sunco-plan --out FILE`, `sunco-apply FILE`). A plan file is the Plan JSON:
 * no secret values (write-only and variable values are `$secret` placeholders), the
 * config's fingerprint and the live state's fingerprint, so that applying it after either
 * changed is refused as stale (DESIGN.md "Plans"). Reading and writing the file is
 * cli/plan-file-io.ts's: plan/ does no I/O.
 */
import { UserError } from '../errors.js';
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
    throw new UserError(`${file} is not a sunco plan file: it is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  return validatePlan(data, file);
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
    if (!isPlainObject(inputs) || typeof inputs.config !== 'string' || !Array.isArray(inputs.varFiles) || !inputs.varFiles.every((v) => typeof v === 'string')) {
      bad('"inputs" needs a "config" path and a "varFiles" list of paths');
    }
  }
  for (const [i, s] of (data.steps as unknown[]).entries()) {
    if (!isPlainObject(s) || typeof s.id !== 'string' || typeof s.path !== 'string' || typeof s.method !== 'string' || !Array.isArray(s.dependsOn)) {
      bad(`step ${i + 1} lacks id, method, path or dependsOn`);
    }
  }
  return data as unknown as Plan;
}

/**
 * What makes a saved plan stale, compared with a plan made now from the same config
 * and the current live state: human-readable lines; empty means the saved plan still holds.
 */
export function checkStale(saved: Plan, fresh: Plan): string[] {
  const out: string[] = [];
  if (saved.configFingerprint !== fresh.configFingerprint) {
    out.push('the configuration changed since the plan was made (files or variable values differ)');
  }
  if (saved.stateFingerprint !== fresh.stateFingerprint) {
    const before = saved.liveDigests ?? {};
    const after = fresh.liveDigests ?? {};
    const changed = Object.keys(after).filter((a) => a in before && before[a] !== after[a]);
    const appeared = Object.keys(after).filter((a) => !(a in before));
    const gone = Object.keys(before).filter((a) => !(a in after));
    const parts = [
      ...changed.map((a) => `${a} changed`),
      ...appeared.map((a) => `${a} appeared`),
      ...gone.map((a) => `${a} is gone`),
    ];
    out.push(parts.length > 0 ? `the live state changed since the plan was made: ${parts.join(', ')}` : 'the live state changed since the plan was made');
  }
  return out;
}
