/**
 * sunco messages list|post|delete|delete-all
 *
 * ListMessages pages backwards (newest page first, page size fixed at 100, spec
 * operation ListMessages): --all follows meta.beforeCursor and prints oldest first.
 */
import { cursorPages } from '../../../api/paginate.js';
import { UserError } from '../../../errors.js';
import type { Column } from '../../output.js';
import type { OpsContext } from './context.js';
import { noun, verb, yesOption } from './define.js';
import { authorFromAs, conversationFlag } from './refs.js';

type Message = Record<string, unknown> & { id: string };
interface MessagePage {
  messages: Message[];
  meta?: { hasMore?: boolean; beforeCursor?: string; afterCursor?: string };
}

function authorCell(m: Message): string {
  const a = (m.author ?? {}) as Record<string, unknown>;
  if (a.type === 'user') return `user:${String(a.userId ?? '')}`;
  return a.displayName ? `business (${String(a.displayName)})` : 'business';
}

const columns: Column<Message>[] = [
  { header: 'ID', value: (m) => m.id },
  { header: 'RECEIVED', value: (m) => m.received },
  { header: 'AUTHOR', value: authorCell },
  { header: 'TYPE', value: (m) => (m.content as { type?: string } | undefined)?.type },
  { header: 'TEXT', value: (m) => (m.content as { text?: string } | undefined)?.text, max: 60 },
];

/** ListMessages pages backwards from the newest: older pages go first, so the result reads oldest to newest. */
async function listAllBackwards(ctx: OpsContext, path: string): Promise<Message[]> {
  const pages: Message[][] = [];
  const answers = cursorPages((cursor) => ctx.client.get<MessagePage>(path, { query: { 'page[before]': cursor?.value } }), { direction: 'before', label: `GET ${path}` });
  for await (const page of answers) pages.unshift(page.messages);
  return pages.flat();
}

/** The body for `messages post`: --text, or a JSON file / stdin holding a whole message body or a `content` object. */
async function messageBody(ctx: OpsContext, argv: { text?: string; file?: string; as?: string }): Promise<Record<string, unknown>> {
  if ((argv.text === undefined) === (argv.file === undefined)) throw new UserError('Give the message with exactly one of --text TEXT or --file FILE (- for stdin).');
  if (argv.text !== undefined) return { author: authorFromAs(argv.as), content: { type: 'text', text: argv.text } };
  const { readAll } = await import('./context.js');
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const source = argv.file === '-' ? 'stdin' : (argv.file as string);
  let raw: string;
  try {
    raw = (argv.file === '-' ? await readAll(ctx.io.stdin) : await readFile(resolve(ctx.io.cwd, source))).toString('utf8');
  } catch (err) {
    throw new UserError(`Cannot read --file ${source}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new UserError(`--file ${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UserError(`--file ${source} must hold a JSON object: a message body or a content object.`);
  const obj = parsed as Record<string, unknown>;
  if ('content' in obj) return { ...obj, author: argv.as !== undefined || obj.author === undefined ? authorFromAs(argv.as) : obj.author };
  return { author: authorFromAs(argv.as), content: obj };
}

export const messagesCommand = noun('messages', 'List, post and delete messages of a conversation', [
  verb({
    command: 'list',
    describe: 'List messages, oldest first (the newest page unless --all or a cursor is given)',
    builder: (y) =>
      conversationFlag(y)
        .option('all', { type: 'boolean', describe: 'All messages of the conversation' })
        .option('before', { type: 'string', describe: 'Messages before this message id' })
        .option('after', { type: 'string', describe: 'Messages after this message id' })
        .conflicts('before', 'after')
        .conflicts('all', ['before', 'after']),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('conversations', argv.conversation, 'messages');
      if (argv.all) {
        ctx.printList(await listAllBackwards(ctx, path), columns, 'messages');
        return;
      }
      const page = await ctx.client.get<MessagePage>(path, { query: { 'page[before]': argv.before, 'page[after]': argv.after } });
      ctx.printList(page.messages, columns, 'messages');
      if (page.meta?.hasMore) {
        if (argv.after !== undefined && page.meta.afterCursor) ctx.notice(`more results: use --after ${page.meta.afterCursor}`);
        else if (argv.after === undefined && page.meta.beforeCursor) ctx.notice(`older messages: use --all or --before ${page.meta.beforeCursor}`);
      }
    },
  }),
  verb({
    command: 'post',
    describe: 'Post a message (--text, or --file FILE|- with a message body or a content object)',
    builder: (y) =>
      conversationFlag(y)
        .option('text', { type: 'string', describe: 'Text message' })
        .option('file', { type: 'string', requiresArg: true, describe: 'JSON file (- for stdin): a whole message body, or a `content` object' })
        .option('as', { type: 'string', describe: 'Author: business (default) or user:ID (user id or externalId)' }),
    run: async (ctx, argv) => {
      const body = await messageBody(ctx, argv);
      const res = await ctx.client.post<{ messages: Message[] }>(await ctx.appPath('conversations', argv.conversation, 'messages'), body);
      if (ctx.json) ctx.printItem(res.messages.length === 1 && res.messages[0] ? res.messages[0] : { messages: res.messages });
      else ctx.printList(res.messages, columns, 'messages');
    },
  }),
  verb({
    command: 'delete <message>',
    describe: 'Delete one message (confirms unless --yes)',
    builder: (y) => yesOption(conversationFlag(y).positional('message', { type: 'string', demandOption: true, describe: 'Message id' })),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('conversations', argv.conversation, 'messages', argv.message);
      await ctx.confirm(`Delete message ${argv.message}?`, argv.yes);
      await ctx.client.delete(path);
      ctx.done({ id: argv.message, deleted: true }, `Deleted message ${argv.message}.`);
    },
  }),
  verb({
    command: 'delete-all',
    describe: 'Delete every message of a conversation (confirms unless --yes)',
    builder: (y) => yesOption(conversationFlag(y)),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('conversations', argv.conversation, 'messages');
      await ctx.confirm(`Delete ALL messages of conversation ${argv.conversation}?`, argv.yes);
      await ctx.client.delete(path);
      ctx.done({ conversation: argv.conversation, deleted: true }, `Deleted all messages of conversation ${argv.conversation}.`);
    },
  }),
]);
