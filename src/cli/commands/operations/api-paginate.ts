/**
 * `sunco api GET PATH --paginate`: every page of a list answer, merged into one array.
 *
 * Cursor pagination (spec "API Pagination and Records Limits"): `meta.afterCursor` points to
 * the next page and is absent on the last one; `meta.beforeCursor` points to the previous one.
 * Most lists start at the first page and go forward. ListMessages starts at the newest page
 * and pages *backwards* (its first answer has a beforeCursor and no afterCursor), so there we
 * follow page[before] and put older pages first: the result reads oldest to newest either way.
 */
import { type CursorMeta, type Direction, cursorPages } from '../../../api/paginate.js';
import type { QueryValue } from '../../../api/types.js';
import { UserError } from '../../../errors.js';
import type { OpsContext } from './context.js';

function direction(query: Record<string, QueryValue>, meta: CursorMeta | undefined): Direction {
  if (query['page[before]'] !== undefined) return 'before';
  if (query['page[after]'] !== undefined || meta?.afterCursor) return 'after';
  return meta?.beforeCursor ? 'before' : 'after';
}

export async function paginateAll(ctx: OpsContext, path: string, query: Record<string, QueryValue>): Promise<unknown[]> {
  let pages: unknown[][] = [];
  let dir: Direction = 'after';
  const answers = cursorPages<Record<string, unknown>>(
    (cursor) => ctx.client.get<Record<string, unknown>>(path, {
      query: cursor ? { ...query, 'page[after]': undefined, 'page[before]': undefined, [`page[${cursor.direction}]`]: cursor.value } : query,
    }),
    // A repeated cursor would loop for ever: stop rather than trust a misbehaving server.
    { direction: (first) => (dir = direction(query, first.meta as CursorMeta | undefined)), label: `GET ${path}` },
  );
  for await (const page of answers) {
    const key = Object.keys(page).find((k) => Array.isArray(page[k]));
    if (!key) throw new UserError(`--paginate: the answer of GET ${path} holds no list.`);
    const items = page[key] as unknown[];
    pages = dir === 'after' ? [...pages, items] : [items, ...pages];
  }
  return pages.flat();
}
