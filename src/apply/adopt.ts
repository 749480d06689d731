/**
 * Lost create responses. A POST that failed with a network error, a timeout or a 5xx may have
 * been committed before its response was lost, so it is never blindly retried: list the
 * collection and look for the object (Plan's AdoptQuery). Exactly one match is adopted; none
 * means the POST can be retried; two or more fail the step, because guessing could bind the
 * config to someone else's object.
 */
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import type { SuncoConfig } from '../config/types.js';
import type { Step } from '../plan/types.js';
import { type IdTable, resolveBody, resolvePath } from './placeholders.js';
import { deepEqual } from '../resources/values.js';
import { getPath } from './response-path.js';

/** True when the request may have been executed although no success answer arrived. */
export function mayHaveCommitted(err: unknown): boolean {
  // 429 is excluded on purpose: it means "not processed" (RESOURCES.md "Errors"), and the
  // client retries it itself.
  return err instanceof ApiError && (err.status === 0 || err.status >= 500);
}

export class AmbiguousAdoptError extends Error {}

/** The single live item the lost create produced, or undefined when there is none. */
export async function findLostCreate(
  step: Step,
  client: ApiClient,
  ids: IdTable,
  config: SuncoConfig | undefined,
): Promise<Record<string, unknown> | undefined> {
  const adopt = step.adopt;
  if (!adopt) return undefined;
  const match = resolveBody(adopt.match, ids, config) as Record<string, unknown>;
  const exclude = new Set([...(adopt.excludeIds ?? []), ...ids.knownIds()]);
  const items = await client.listAll<Record<string, unknown>>(resolvePath(adopt.listPath, ids), adopt.itemsKey);
  const found = items.filter(
    (item) =>
      !exclude.has(String(item.id)) && Object.entries(match).every(([field, want]) => deepEqual(getPath(item, field), want)),
  );
  if (found.length > 1) {
    throw new AmbiguousAdoptError(
      `the create response was lost and ${found.length} live objects match ${JSON.stringify(match)} ` +
        `(ids ${found.map((f) => String(f.id)).join(', ')}); not guessing: delete the duplicate or pin one with \`id:\` and re-run`,
    );
  }
  return found[0];
}

/**
 * Where a create's ResponsePath points inside a listed item: the create answers
 * `{"integration": {...}}` while the list yields the inner object, so the first segment goes.
 */
export function itemPath(responsePath: string): string {
  const dot = responsePath.indexOf('.');
  return dot < 0 ? responsePath : responsePath.slice(dot + 1);
}
