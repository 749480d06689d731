/**
 * sunco api METHOD PATH [--data JSON|@file|-] [--paginate] [--secrets-out FILE], like `gh api`:
 * any call, the answer printed as JSON. `{appId}` in PATH is replaced by the resolved --app.
 * Secret fields in the answer (key and webhook secrets, channel tokens) read "(hidden)"
 * a raw call must not leak what every other command hides; --secrets-out saves them to
 * the file the user names (mode 0600), keyed `METHOD PATH#field.path`.
 */
import { UserError } from '../../../errors.js';
import { unmasked } from '../../../secret-mask.js';
import type { HttpMethod, QueryValue } from '../../../api/types.js';
import type { SecretsFile } from '../../../apply/secrets-file.js';
import type { SensitiveRecord } from '../../../resources/sensitive-record.js';
import type { OpsContext } from './context.js';
import type { AnyCommand } from './define.js';
import { verb, yesOption } from './define.js';

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

async function dataArgument(ctx: OpsContext, data: string | undefined): Promise<unknown> {
  if (data === undefined) return undefined;
  const { jsonFlag, parseJsonText, readAll } = await import('./context.js');
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
  return parseJsonText(`--data ${source}`, text);
}

/** A GET has no body: like `gh api -f`, a flat --data object becomes query parameters. */
function dataAsQuery(data: unknown): Record<string, QueryValue> {
  const scalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
  const ok = data && typeof data === 'object' && !Array.isArray(data) && Object.values(data).every((v) => scalar(v) || (Array.isArray(v) && v.every((x) => typeof x === 'string')));
  if (!ok) throw new UserError('--data with GET must be a flat JSON object: its fields become query parameters, e.g. --data \'{"filter[userExternalId]":"u-42"}\'.');
  return data as Record<string, QueryValue>;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const apiCommand: AnyCommand = verb({
  command: 'api <method> [path]',
  describe: 'Call any API endpoint and print the JSON answer, e.g. sunco api /v2/apps/{appId}/integrations',
  builder: (y) =>
    yesOption(y)
      .positional('method', { type: 'string', demandOption: true, describe: 'GET (the default: `sunco api /v2/apps`), POST, PUT, PATCH or DELETE' })
      .positional('path', { type: 'string', describe: 'Path below the API URL, e.g. /v2/apps; {appId} is replaced by --app' })
      .option('data', { type: 'string', requiresArg: true, describe: 'JSON body: inline, @file, or - for stdin (with GET: query parameters)' })
      .option('paginate', { type: 'boolean', describe: 'GET every page (following the meta cursors) and print all items as one list' })
      .option('secrets-out', {
        type: 'string',
        requiresArg: true,
        describe: 'Save the secret fields of the answer (shown as (hidden)) to this JSON file, mode 0600, merged',
      }),
  run: async (ctx, argv) => {
    // Like `gh api`: a lone path is a GET.
    const [methodArg, pathArg] = argv.path === undefined ? ['GET', argv.method] : [argv.method, argv.path];
    const method = methodArg.toUpperCase() as HttpMethod;
    if (!METHODS.includes(method)) {
      throw new UserError(argv.path === undefined ? `Missing PATH: give sunco api [METHOD] PATH, e.g. sunco api /v2/apps.` : `Unknown method ${methodArg}: use ${METHODS.join(', ')}.`);
    }
    if (argv.paginate && method !== 'GET') throw new UserError('--paginate works with GET only.');
    const data = await dataArgument(ctx, argv.data);
    let raw = pathArg.startsWith('/') ? pathArg : `/${pathArg}`;
    if (raw.includes('{appId}')) raw = raw.replaceAll('{appId}', encodeURIComponent(await ctx.appId()));
    const url = new URL(raw, 'http://path.invalid');
    const query: Record<string, QueryValue> = Object.fromEntries(url.searchParams);
    if (method === 'GET' && data !== undefined) Object.assign(query, dataAsQuery(data));
    const body = method === 'GET' ? undefined : data;
    // A raw DELETE destroys as much as the delete verbs do: it asks the same way.
    if (method === 'DELETE') await ctx.confirm(`Call DELETE ${url.pathname}?`, argv.yes);
    // A call whose answer may carry a secret shown only once (POST …/keys) is not abandoned by a
    // first Ctrl-C: the answer is awaited and its secret saved, then the command exits 130.
    // Watched from the file check on, so a signal then (a wait for another run's lock) stops
    // before the call with nothing sent, and a second one during the save lets it finish.
    const { Interrupt, watchSignals } = await import('../../../apply/interrupt.js');
    const { LockWaitStopped } = await import('../../../apply/file-lock.js');
    const interrupt = new Interrupt();
    const stopWaiting = new AbortController();
    let phase: 'check' | 'call' | 'save' = 'check';
    const unwatch = argv.secretsOut
      ? watchSignals(interrupt, (_line, signal) => {
          // Before the call nothing is lost by giving up a wait for the lock; during the save only
          // the fold's wait is given up (a journal append never is), leaving the secret in the journal.
          if (phase === 'check' || (phase === 'save' && interrupt.aborted)) stopWaiting.abort();
          // Twice during the call: stop now (the real process only; a test's in-process run has no process to end).
          else if (phase === 'call' && interrupt.aborted && unmasked(ctx.io.stdout) === process.stdout) process.exit(130);
          const again = `${signal === 'SIGINT' ? 'Ctrl-C' : 'a signal'} again to stop at once`;
          ctx.notice(
            phase === 'check'
              ? `${signal}: stopping before the call; nothing is sent.`
              : phase === 'call'
                ? `${signal}: waiting for the answer to save its secret to ${argv.secretsOut} (${again}).`
                : `${signal}: saving the answer's secret to ${argv.secretsOut}, then exiting.`,
          );
        })
      : () => undefined;
    // Before the call, not after: a POST that creates a key returns its secret once, so a bad
    // --secrets-out path must fail while there is still nothing to lose.
    let file: SecretsFile | undefined;
    try {
      // `--secrets-out "$UNSET"`: the call would go out with its secret saved nowhere.
      if (argv.secretsOut === '') throw new UserError('--secrets-out needs a file name, e.g. --secrets-out secrets.json; nothing was sent.');
      if (argv.secretsOut) {
        const { SecretsFile, lockWaitNotice, secretsPath } = await import('../../../apply/secrets-file.js');
        file = new SecretsFile(secretsPath(ctx.io.cwd, argv.secretsOut), { onWait: lockWaitNotice(ctx.io), signal: stopWaiting.signal });
        await file.check();
      }
    } catch (err) {
      if (!(err instanceof LockWaitStopped && interrupt.stopping)) {
        unwatch();
        throw err;
      }
    }
    if (interrupt.stopping) {
      unwatch();
      ctx.notice(`Interrupted: ${interrupt.signal} before the call; nothing was sent.`);
      ctx.io.exitCode = 130;
      return;
    }
    phase = 'call';
    // Below an app, the app's record says which fields came from sensitive variables (read
    // first, so that --debug knows them too); an answer holding apps carries their records itself.
    const below = /^\/v2\/apps\/([^/]+)\/./.exec(url.pathname);
    let records: SensitiveRecord[] = [];
    let answer: unknown;
    try {
      if (below) records = await ctx.sensitiveRecords(safeDecode(below[1]!));
      if (argv.paginate) {
        const { paginateAll } = await import('./api-paginate.js');
        answer = await paginateAll(ctx, url.pathname, query);
      } else {
        answer = (await ctx.client.request(method, url.pathname, { query, body })).body;
      }
    } catch (err) {
      unwatch();
      throw err;
    }
    const { printJson } = await import('../../output.js');
    const { maskSecretsDeep } = await import('./secrets.js');
    const masked = maskSecretsDeep(answer, records);
    phase = 'save';
    try {
      if (masked.count > 0 && file) {
        const key = `${method} ${url.pathname}`;
        await file.save(Object.fromEntries(masked.found.map((f) => [`${key}#${f.path}`, { ...(f.id ? { id: f.id } : {}), secret: f.secret }])));
        await file.close().catch((err: unknown) => {
          if (!(err instanceof LockWaitStopped)) throw err;
          ctx.notice(`The secret is saved in ${argv.secretsOut}.journal, not yet merged into ${argv.secretsOut}: the next sunco-apply or secrets pull merges it.`);
        });
      }
    } finally {
      unwatch();
    }
    printJson(ctx.io, masked.value);
    if (interrupt.stopping) ctx.io.exitCode = 130;
    if (masked.sensitive > 0) ctx.notice(`${masked.sensitive} field(s) that sunco applied from sensitive variables shown as (sensitive).`);
    if (masked.count > 0) {
      ctx.notice(
        argv.secretsOut
          ? `${masked.count} secret field(s) shown as (hidden) and saved to ${argv.secretsOut}.`
          : `${masked.count} secret field(s) shown as (hidden): pass --secrets-out FILE to save them.`,
      );
    }
  },
});
