import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { MAX_PAGES, cursorPages, paginate } from '../../src/api/paginate.js';
import { UserError } from '../../src/errors.js';
import { BASE, rejection, testClient, useNock } from './helpers.js';

useNock();

const item = (n: number) => ({ id: `i${n}` });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => item(from + i));

describe('paginate / listAll', () => {
  it('follows afterCursor over 3 pages with page[size]=100 and returns every item', async () => {
    const queries: Array<Record<string, unknown>> = [];
    const record = (q: Record<string, unknown>) => {
      queries.push(q);
      return true;
    };
    nock(BASE)
      .get('/v2/apps/a/integrations')
      .query((q) => record(q) && q['page[after]'] === undefined)
      .reply(200, { integrations: range(0, 100), meta: { hasMore: true, afterCursor: 'c1' } })
      .get('/v2/apps/a/integrations')
      .query((q) => record(q) && q['page[after]'] === 'c1')
      .reply(200, { integrations: range(100, 200), meta: { hasMore: true, afterCursor: 'c2' } })
      .get('/v2/apps/a/integrations')
      .query((q) => record(q) && q['page[after]'] === 'c2')
      .reply(200, { integrations: range(200, 230), meta: { hasMore: false } });
    const { client } = testClient();
    const all = await client.listAll<{ id: string }>('/v2/apps/a/integrations', 'integrations');
    expect(all).toEqual(range(0, 230));
    expect(queries.map((q) => q['page[size]'])).toEqual(['100', '100', '100']);
    expect(queries.map((q) => q['page[after]'])).toEqual([undefined, 'c1', 'c2']);
    expect(client.stats.requests).toBe(3);
  });

  it('keeps caller query values and repeats array values', async () => {
    nock(BASE)
      .get('/v2/apps/a/conversations')
      .query({ 'filter[userId]': 'u1', 'page[size]': '100', types: ['a', 'b'] })
      .reply(200, { conversations: [item(1)], meta: { hasMore: false } });
    const { client } = testClient();
    const seen: unknown[] = [];
    for await (const c of client.paginate('/v2/apps/a/conversations', 'conversations', { query: { 'filter[userId]': 'u1', types: ['a', 'b'] } })) seen.push(c);
    expect(seen).toEqual([item(1)]);
  });

  it('a list without meta is one page', async () => {
    nock(BASE).get('/v2/apps/a/keys').query(true).reply(200, { keys: [item(1), item(2)] });
    const { client } = testClient();
    expect(await client.listAll('/v2/apps/a/keys', 'keys')).toEqual([item(1), item(2)]);
  });

  it('stops with an error when the API says hasMore without a cursor', async () => {
    nock(BASE).get('/v2/apps').query(true).reply(200, { apps: [item(1)], meta: { hasMore: true } });
    const { client } = testClient();
    const err = await rejection(client.listAll('/v2/apps', 'apps'));
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/GET \/v2\/apps.*afterCursor/);
  });

  it('stops after MAX_PAGES pages of ever-new cursors, naming the list', async () => {
    let calls = 0;
    // A server that always says "more" with a cursor it never gave before.
    const get = async () => ({ apps: [item(calls)], meta: { hasMore: true, afterCursor: `c${++calls}` } });
    const items: unknown[] = [];
    const err = await rejection((async () => {
      for await (const i of paginate(get, '/v2/apps', 'apps')) items.push(i);
    })());
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(`GET /v2/apps: the API said more pages follow after ${MAX_PAGES} pages, the most sunco follows for one list; stopping.`);
    expect(calls).toBe(MAX_PAGES);
    expect(items).toHaveLength(MAX_PAGES);
  });

  it('errors when the items key is missing', async () => {
    nock(BASE).get('/v2/apps').query(true).reply(200, { things: [] });
    const { client } = testClient();
    expect(((await rejection(client.listAll('/v2/apps', 'apps'))) as Error).message).toMatch(/no "apps" list/);
  });
});

describe('cursorPages (the one cursor loop)', () => {
  const collect = async <P>(gen: AsyncGenerator<P>): Promise<P[]> => {
    const out: P[] = [];
    for await (const p of gen) out.push(p);
    return out;
  };

  it('follows beforeCursor backwards and stops on a repeated cursor without calling again', async () => {
    const asked: (string | undefined)[] = [];
    const answers: Record<string, { n: number; meta: { hasMore: boolean; beforeCursor?: string } }> = {
      first: { n: 3, meta: { hasMore: true, beforeCursor: 'b2' } },
      b2: { n: 2, meta: { hasMore: true, beforeCursor: 'b1' } },
      b1: { n: 1, meta: { hasMore: true, beforeCursor: 'b2' } },
    };
    const bad: (string | undefined)[] = [];
    const pages = await collect(cursorPages(async (c) => {
      asked.push(c?.value);
      return answers[c?.value ?? 'first']!;
    }, { direction: 'before', onBadCursor: (cursor) => bad.push(cursor) }));
    expect(pages.map((p) => p.n)).toEqual([3, 2, 1]);
    expect(asked).toEqual([undefined, 'b2', 'b1']);
    expect(bad).toEqual(['b2']);
  });

  it('lets the first page choose the direction', async () => {
    const asked: string[] = [];
    const pages = await collect(cursorPages(async (c) => {
      if (c) asked.push(`${c.direction}=${c.value}`);
      return c ? { meta: { hasMore: false } } : { meta: { hasMore: true, afterCursor: 'a1', beforeCursor: 'x' } };
    }, { direction: (first) => (first.meta.afterCursor ? 'after' : 'before') }));
    expect(pages).toHaveLength(2);
    expect(asked).toEqual(['after=a1']);
  });
});
