/**
 * What every operations verb works with: the API client, the resolved app, the output mode
 * and a few helpers (JSON flags, confirmation, one-page-or-all lists). Loaded lazily by
 * ./define.ts handlers.
 */
import { ApiError } from '../../../api/errors.js';
import type { ApiClient, QueryValue } from '../../../api/types.js';
import { UserError } from '../../../errors.js';
import { resolveAppId } from '../../app-resolve.js';
import { confirm } from '../../confirm.js';
import { clientFromArgv } from '../../connection.js';
import { type CliIO, getIO } from '../../io.js';
import { type Column, notice, printItem, printJson, printList, wantsJson } from '../../output.js';
import type { CommonArgs } from './define.js';
import { type SensitiveRecord, parseSensitiveRecord } from '../../../resources/sensitive-record.js';

export interface ListOptions {
  all?: boolean;
  after?: string;
  query?: Record<string, QueryValue>;
}

export class OpsContext {
  private appIdPromise: Promise<string> | undefined;
  private readonly records = new Map<string, Promise<SensitiveRecord[]>>();
  private pendingHint: string | undefined;

  constructor(
    readonly io: CliIO,
    readonly client: ApiClient,
    readonly json: boolean,
    private readonly argv: CommonArgs,
  ) {}

  appId(): Promise<string> {
    this.appIdPromise ??= resolveAppId(this.client, this.argv.app, this.io.env);
    return this.appIdPromise;
  }

  /** `/v2/apps/{appId}` followed by path segments, each URL-encoded (externalIds may hold any character). */
  async appPath(...segments: string[]): Promise<string> {
    return [`/v2/apps/${encodeURIComponent(await this.appId())}`, ...segments.map(encodeURIComponent)].join('/');
  }

  /**
   * The record of the fields sunco applied from sensitive variables, kept in the metadata of
   * the app (resources/sensitive-record.ts): what a list or get of the app's objects must
   * show as "(sensitive)". An app that cannot be read is said, not silently skipped.
   */
  sensitiveRecords(appId?: string): Promise<SensitiveRecord[]> {
    const read = async (id: string): Promise<SensitiveRecord[]> => {
      try {
        const res = await this.client.get<{ app?: { metadata?: unknown } }>(`/v2/apps/${encodeURIComponent(id)}`);
        return [parseSensitiveRecord(res.app?.metadata)];
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        this.notice(`could not read app ${id} (${err.message}): values sunco applied from sensitive variables may be shown`);
        return [];
      }
    };
    const key = appId ?? '';
    let found = this.records.get(key);
    if (!found) {
      found = appId !== undefined ? read(appId) : this.appId().then(read);
      this.records.set(key, found);
    }
    return found;
  }

  /** One page (with a hint on stderr when more exist) or, with --all, every page. */
  async list<T>(path: string, key: string, opts: ListOptions): Promise<T[]> {
    if (opts.all) return this.client.listAll<T>(path, key, { query: opts.query });
    const page = await this.client.get<Record<string, unknown>>(path, { query: { ...opts.query, 'page[after]': opts.after } });
    const items = page[key];
    if (!Array.isArray(items)) throw new UserError(`GET ${path}: the response has no "${key}" list.`);
    const meta = page.meta as { hasMore?: boolean; afterCursor?: string } | undefined;
    // Shown after the list (printList), like gh: on a terminal a hint above a long table scrolls away.
    if (meta?.hasMore && meta.afterCursor) this.pendingHint = `more results: use --all or --after ${meta.afterCursor}`;
    return items as T[];
  }

  printList<T>(items: readonly T[], columns: readonly Column<T>[], noun: string): void {
    printList(this.io, this.json, items, columns, noun);
    if (this.pendingHint) notice(this.io, this.pendingHint);
    this.pendingHint = undefined;
  }

  printItem(item: Record<string, unknown>): void {
    printItem(this.io, this.json, item);
  }

  /** The outcome of a call with an empty answer: JSON for scripts, one line for people. */
  done(result: Record<string, unknown>, message: string): void {
    if (this.json) printJson(this.io, result);
    else this.io.stdout.write(`${message}\n`);
  }

  /**
   * A call only account keys may make (ListApps, ListAppKeys: RESOURCES.md "Who holds which
   * key"). Most users hold app-scoped keys, so a 403 says why instead of a bare "Forbidden" (a 401
   * is a wrong key id or secret, and keeps its own message).
   */
  async accountKeyOnly<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        throw new UserError(`${err.message}. ${what} needs an account key (act_… or svc_…); an app-scoped key (app_…) cannot.`, { cause: err });
      }
      throw err;
    }
  }

  notice(message: string): void {
    notice(this.io, message);
  }

  confirm(question: string, yes: boolean | undefined): Promise<void> {
    return confirm(question, { yes });
  }
}

/** A flag that holds JSON (e.g. --metadata); a malformed value names the flag. */
export function jsonFlag(flag: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  return parseJsonText(`--${flag}`, value);
}

/**
 * No SunCo request body nests anywhere near this deep; a deeper document is a mistake or an
 * attack, and walking it (redaction, debug output) would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** JSON.parse with a one-line error naming `label`, refusing documents nested deeper than MAX_JSON_DEPTH. */
export function parseJsonText(label: string, text: string): unknown {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new UserError(`${label} is nested ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted.`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${label} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The deepest nesting of [ and { outside strings, counted without recursion. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A JSON flag that must hold an object (metadata). */
export function jsonObjectFlag(flag: string, value: string | undefined): Record<string, unknown> | undefined {
  const parsed = jsonFlag(flag, value);
  if (parsed === undefined) return undefined;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UserError(`--${flag} must be a JSON object, e.g. '{"team":"support"}'`);
  return parsed as Record<string, unknown>;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function runWithContext(argv: CommonArgs, run: (ctx: OpsContext) => Promise<void>): Promise<void> {
  const io = getIO();
  const client = await clientFromArgv(argv, io);
  await run(new OpsContext(io, client, wantsJson(io, argv.json), argv));
}
