/**
 * sunco api METHOD PATH [--data JSON|@file|-] [--paginate], like `gh api`: any call, the
 * answer printed as JSON. `{appId}` in PATH is replaced by the resolved --app.
 */
import { UserError } from '../../../errors.js';
import type { HttpMethod, QueryValue } from '../../../api/types.js';
import type { OpsContext } from './context.js';
import type { AnyCommand } from './define.js';
import { verb } from './define.js';

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

async function dataArgument(ctx: OpsContext, data: string | undefined): Promise<unknown> {
  if (data === undefined) return undefined;
  const { jsonFlag, readAll } = await import('./context.js');
  if (data !== '-' && !data.startsWith('@')) return jsonFlag('data', data);
  const source = data === '-' ? 'stdin' : data.slice(1);
  let text: string;
  try {
    if (data === '-') text = (await readAll(ctx.io.stdin)).toString('utf8');
    else {
      const { readFile } = await import('node:fs/promises');
      const { resolve } = await import('node:path');
      text = await readFile(resolve(ctx.io.cwd, source), 'utf8');
    }
  } catch (err) {
    throw new UserError(`Cannot read --data ${data}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`--data ${source} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Every page of a list answer merged: follows meta.afterCursor (cursor pagination, spec "API Pagination"). */
async function paginateAll(ctx: OpsContext, path: string, query: Record<string, QueryValue>): Promise<unknown[]> {
  const all: unknown[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await ctx.client.get<Record<string, unknown>>(path, { query: { ...query, 'page[after]': after ?? query['page[after]'] } });
    const key = Object.keys(page).find((k) => Array.isArray(page[k]));
    if (!key) throw new UserError(`--paginate: the answer of GET ${path} holds no list.`);
    all.push(...(page[key] as unknown[]));
    const meta = page.meta as { hasMore?: boolean; afterCursor?: string } | undefined;
    if (!meta?.hasMore || !meta.afterCursor || seen.has(meta.afterCursor)) return all;
    seen.add(meta.afterCursor);
    after = meta.afterCursor;
  }
}

export const apiCommand: AnyCommand = verb({
  command: 'api <method> <path>',
  describe: 'Call any API endpoint and print the JSON answer, e.g. sunco api GET /v2/apps/{appId}/integrations',
  builder: (y) =>
    y
      .positional('method', { type: 'string', demandOption: true, describe: 'GET, POST, PUT, PATCH or DELETE' })
      .positional('path', { type: 'string', demandOption: true, describe: 'Path below the API URL, e.g. /v2/apps; {appId} is replaced by --app' })
      .option('data', { type: 'string', requiresArg: true, describe: 'JSON body: inline, @file, or - for stdin' })
      .option('paginate', { type: 'boolean', describe: 'GET every page (following meta.afterCursor) and print all items as one list' }),
  run: async (ctx, argv) => {
    const method = argv.method.toUpperCase() as HttpMethod;
    if (!METHODS.includes(method)) throw new UserError(`Unknown method ${argv.method}: use ${METHODS.join(', ')}.`);
    if (argv.paginate && method !== 'GET') throw new UserError('--paginate works with GET only.');
    const body = await dataArgument(ctx, argv.data);
    let raw = argv.path.startsWith('/') ? argv.path : `/${argv.path}`;
    if (raw.includes('{appId}')) raw = raw.replaceAll('{appId}', encodeURIComponent(await ctx.appId()));
    const url = new URL(raw, 'http://path.invalid');
    const query: Record<string, QueryValue> = Object.fromEntries(url.searchParams);
    const { printJson } = await import('../../output.js');
    if (argv.paginate) {
      printJson(ctx.io, await paginateAll(ctx, url.pathname, query));
      return;
    }
    const res = await ctx.client.request(method, url.pathname, { query, body });
    printJson(ctx.io, res.body);
  },
});
