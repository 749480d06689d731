import { UserError } from '../errors.js';
import type { QueryValue, RequestOptions } from './types.js';

/** SunCo's largest page (spec schema `page`: size maximum 100): fewest round trips. */
export const PAGE_SIZE = 100;

/** Spec "API Pagination and Records Limits": `meta` of a cursor-paginated list. */
export interface CursorMeta {
  hasMore?: boolean;
  afterCursor?: string;
  beforeCursor?: string;
}

export type Direction = 'after' | 'before';

export interface Cursor {
  direction: Direction;
  /** Sent as `page[after]` or `page[before]`. */
  value: string;
}

/**
 * The most pages one list may take (100 000 items at the largest page size). A server that
 * keeps handing out new cursors would otherwise be followed for ever.
 */
export const MAX_PAGES = 1000;

export interface CursorPagesOptions<P> {
  /** Pages at most (default MAX_PAGES); one more page than that is an error. */
  maxPages?: number;
  /** Names the list in the error when `maxPages` pages all said "more", e.g. `GET /v2/apps`. */
  label?: string;
  /** Which cursor to follow; a function decides it from the first page. */
  direction: Direction | ((first: P) => Direction);
  /** A page says "more" but gives no cursor, or one it already gave (which would loop for ever); default: stop. */
  onBadCursor?: (cursor: string | undefined, direction: Direction) => void;
}

/**
 * The one cursor-pagination loop (the planner's reads, `--all` lists, `sunco api --paginate`,
 * message history): fetches the first page, then follows `meta.afterCursor` (or
 * `meta.beforeCursor`: ListMessages starts at the newest page and goes backwards) while
 * `meta.hasMore`. A page without `meta` is the last one.
 */
export async function* cursorPages<P>(
  fetch: (cursor: Cursor | undefined) => Promise<P>,
  options: CursorPagesOptions<P>,
): AsyncGenerator<P> {
  const seen = new Set<string>();
  let direction: Direction | undefined;
  let cursor: Cursor | undefined;
  const maxPages = options.maxPages ?? MAX_PAGES;
  for (let pages = 1; ; pages++) {
    const page = await fetch(cursor);
    direction ??= typeof options.direction === 'function' ? options.direction(page) : options.direction;
    yield page;
    const meta = (page as { meta?: CursorMeta } | undefined)?.meta;
    if (!meta?.hasMore) return;
    const next = direction === 'after' ? meta.afterCursor : meta.beforeCursor;
    if (!next || seen.has(next)) {
      options.onBadCursor?.(next, direction);
      return;
    }
    if (pages >= maxPages) {
      throw new UserError(`${options.label ?? 'a list'}: the API said more pages follow after ${pages} pages, the most sunco follows for one list; stopping.`);
    }
    seen.add(next);
    cursor = { direction, value: next };
  }
}

/**
 * Every item of a list (`page[size]` the largest, forward). A server that says "more"
 * without a new cursor is an error rather than a silently short list.
 */
export async function* paginate<T>(
  get: (path: string, options: RequestOptions) => Promise<unknown>,
  path: string,
  itemsKey: string,
  options: RequestOptions = {},
): AsyncGenerator<T> {
  const where = `GET ${path.split('?')[0]}`;
  const pages = cursorPages<Record<string, unknown> | undefined>(
    (cursor) => {
      const query: Record<string, QueryValue> = { ...options.query, 'page[size]': String(PAGE_SIZE) };
      if (cursor) query['page[after]'] = cursor.value;
      return get(path, { ...options, query }) as Promise<Record<string, unknown> | undefined>;
    },
    {
      direction: 'after',
      onBadCursor: (cursor) => {
        throw new UserError(`${where}: the API said more pages follow but gave ${cursor ? 'a cursor it already gave' : 'no afterCursor'}; stopping.`);
      },
      label: where,
    },
  );
  for await (const page of pages) {
    const items = page?.[itemsKey];
    if (!Array.isArray(items)) {
      throw new UserError(`${where}: the response has no "${itemsKey}" list (keys: ${Object.keys(page ?? {}).join(', ') || 'none'}).`);
    }
    for (const item of items) yield item as T;
  }
}
