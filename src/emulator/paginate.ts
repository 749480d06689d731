import { HttpError } from './route.js';

export interface Page<T> {
  items: T[];
  meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
  links: { next?: string; prev?: string };
}

/** components.schemas.page: `after` and `before` are record ids, minLength 24 and maxLength 24. */
const CURSOR_LENGTH = 24;

const badPage = (why: string) => new HttpError(400, 'bad_request', `Invalid page query parameters: ${why}`);

/**
 * The page[after] / page[before] cursors of a list request, validated as the spec's `page`
 * schema says: only one of them, each a 24-character record id. Shared with ListMessages,
 * which pages differently but takes the same cursors.
 */
export function readCursors(query: URLSearchParams): { after: string | null; before: string | null } {
  const after = query.get('page[after]');
  const before = query.get('page[before]');
  if (after !== null && before !== null) throw badPage('only one of page[after] or page[before] can be provided');
  for (const [name, value] of [['after', after], ['before', before]] as const) {
    if (value !== null && value.length !== CURSOR_LENGTH) throw badPage(`page[${name}] must be a ${CURSOR_LENGTH}-character record id`);
  }
  return { after, before };
}

/**
 * Cursor pagination as the spec describes it (components.schemas.page / meta / links):
 * page[after] and page[before] are record ids, only one may be given, page[size] is
 * 1..100 and defaults to 25. `items` must be in list order; cursors are looked up by id.
 * An unknown (well-formed) cursor id yields an empty page rather than an error.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  linkBase: string,
  opts: { defaultSize?: number; maxSize?: number } = {},
): Page<T> {
  const { after, before } = readCursors(query);
  const sizeRaw = query.get('page[size]');
  const maxSize = opts.maxSize ?? 100;
  let size = opts.defaultSize ?? 25;
  if (sizeRaw !== null) {
    if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1 || Number(sizeRaw) > maxSize) {
      throw badPage(`page[size] must be an integer from 1 to ${maxSize}`);
    }
    size = Number(sizeRaw);
  }

  let start = 0;
  let end = items.length;
  if (after !== null) {
    const i = items.findIndex((it) => it.id === after);
    start = i < 0 ? items.length : i + 1;
    end = Math.min(items.length, start + size);
  } else if (before !== null) {
    const i = items.findIndex((it) => it.id === before);
    end = i < 0 ? 0 : i;
    start = Math.max(0, end - size);
  } else {
    end = Math.min(items.length, size);
  }
  const slice = items.slice(start, end);
  const hasMore = before !== null ? start > 0 : end < items.length;
  const hasPrev = before !== null ? end < items.length : start > 0;

  const meta: Page<T>['meta'] = { hasMore };
  const links: Page<T>['links'] = {};
  const base = new URL(linkBase);
  const link = (key: 'after' | 'before', id: string) => {
    const u = new URL(base);
    u.searchParams.delete('page[after]');
    u.searchParams.delete('page[before]');
    u.searchParams.set(`page[${key}]`, id);
    if (sizeRaw !== null) u.searchParams.set('page[size]', String(size));
    return u.toString();
  };
  const last = slice[slice.length - 1];
  const first = slice[0];
  if (last && (before === null ? hasMore : hasPrev)) {
    meta.afterCursor = last.id;
    links.next = link('after', last.id);
  }
  if (first && (before === null ? hasPrev : hasMore)) {
    meta.beforeCursor = first.id;
    links.prev = link('before', first.id);
  }
  return { items: slice, meta, links };
}
