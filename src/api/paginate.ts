import { UserError } from '../errors.js';
import type { QueryValue, RequestOptions } from './types.js';

/** SunCo's largest page (spec schema `page`: size maximum 100): fewest round trips. */
export const PAGE_SIZE = 100;

interface Page {
  meta?: { hasMore?: boolean; afterCursor?: string };
  [key: string]: unknown;
}

/**
 * Cursor pagination as the spec describes it (`page[after]`, `page[size]`, response
 * `meta.hasMore` / `meta.afterCursor`). A list without `meta` is a single page.
 * Guards against a server that says "more" without a new cursor, which would loop forever.
 */
export async function* paginate<T>(
  get: (path: string, options: RequestOptions) => Promise<unknown>,
  path: string,
  itemsKey: string,
  options: RequestOptions = {},
): AsyncGenerator<T> {
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const query: Record<string, QueryValue> = { ...options.query, 'page[size]': String(PAGE_SIZE) };
    if (after !== undefined) query['page[after]'] = after;
    const page = (await get(path, { ...options, query })) as Page | undefined;
    const items = page?.[itemsKey];
    if (!Array.isArray(items)) {
      throw new UserError(`GET ${path.split('?')[0]}: the response has no "${itemsKey}" list (keys: ${Object.keys(page ?? {}).join(', ') || 'none'}).`);
    }
    for (const item of items) yield item as T;
    if (!page?.meta?.hasMore) return;
    const cursor = page.meta.afterCursor;
    if (!cursor || seen.has(cursor)) {
      throw new UserError(`GET ${path.split('?')[0]}: the API said more pages follow but gave ${cursor ? 'a cursor it already gave' : 'no afterCursor'}; stopping.`);
    }
    seen.add(cursor);
    after = cursor;
  }
}
