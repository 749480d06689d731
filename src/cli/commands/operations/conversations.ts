/**
 * sunco conversations list|create|get|update|delete
 */
import { UserError } from '../../../errors.js';
import type { Column } from '../../output.js';
import { noun, pageOptions, verb, yesOption } from './define.js';
import { userFlags, userRef } from './refs.js';

type Conversation = Record<string, unknown> & { id: string };

const columns: Column<Conversation>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'TYPE', value: (c) => c.type },
  { header: 'DEFAULT', value: (c) => c.isDefault },
  { header: 'DISPLAY NAME', value: (c) => c.displayName, max: 40 },
  { header: 'ACTIVE', value: (c) => (c.activeSwitchboardIntegration as { name?: string } | undefined)?.name },
  { header: 'LAST UPDATED', value: (c) => c.lastUpdatedAt },
];

export const conversationsCommand = noun('conversations', 'List, create, read, update and delete conversations', [
  verb({
    command: 'list',
    describe: "List a user's conversations (--user ID or --external-id ID)",
    builder: (y) => pageOptions(userFlags(y, 'Whose conversations')),
    run: async (ctx, argv) => {
      const ref = userRef(argv);
      const query = 'userId' in ref ? { 'filter[userId]': ref.userId } : { 'filter[userExternalId]': ref.userExternalId };
      const items = await ctx.list<Conversation>(await ctx.appPath('conversations'), 'conversations', { all: argv.all, after: argv.after, query });
      ctx.printList(items, columns, 'conversations');
    },
  }),
  verb({
    command: 'create',
    describe: 'Create a conversation for a user (personal) or a group (sdkGroup)',
    builder: (y) =>
      userFlags(y, 'Participant')
        .option('type', { choices: ['personal', 'sdkGroup'] as const, default: 'personal' as const, describe: 'Conversation type' })
        .option('display-name', { type: 'string', describe: 'Display name' })
        .option('description', { type: 'string', describe: 'Description' })
        .option('metadata', { type: 'string', describe: 'Metadata, a flat JSON object' }),
    run: async (ctx, argv) => {
      const { jsonObjectFlag } = await import('./context.js');
      const metadata = jsonObjectFlag('metadata', argv.metadata);
      // conversationCreateBody: a personal conversation has exactly one participant; an sdkGroup
      // may start empty, and its participants need subscribeSDKClient (participantSubSchema).
      const hasUser = Boolean(argv.user || argv.externalId);
      let participants: Record<string, unknown>[] | undefined;
      if (argv.type === 'personal') participants = [userRef(argv)];
      else if (hasUser) participants = [{ ...userRef(argv), subscribeSDKClient: false }];
      const body = { type: argv.type, participants, displayName: argv.displayName, description: argv.description, metadata };
      const res = await ctx.client.post<{ conversation: Conversation }>(await ctx.appPath('conversations'), body);
      ctx.printItem(res.conversation);
    },
  }),
  verb({
    command: 'get <id>',
    describe: 'Show one conversation',
    builder: (y) => y.positional('id', { type: 'string', demandOption: true, describe: 'Conversation id' }),
    run: async (ctx, argv) => {
      const res = await ctx.client.get<{ conversation: Conversation }>(await ctx.appPath('conversations', argv.id));
      ctx.printItem(res.conversation);
    },
  }),
  verb({
    command: 'update <id>',
    describe: "Change a conversation's display name, description or metadata",
    builder: (y) =>
      y
        .positional('id', { type: 'string', demandOption: true, describe: 'Conversation id' })
        .option('display-name', { type: 'string', describe: 'Display name' })
        .option('description', { type: 'string', describe: 'Description' })
        .option('metadata', { type: 'string', describe: 'Metadata, a flat JSON object (replaces the current one)' }),
    run: async (ctx, argv) => {
      const { jsonObjectFlag } = await import('./context.js');
      const body = { displayName: argv.displayName, description: argv.description, metadata: jsonObjectFlag('metadata', argv.metadata) };
      // An empty PATCH would change nothing yet look like success; say what is missing instead.
      if (Object.values(body).every((v) => v === undefined)) throw new UserError('Nothing to update: pass --display-name, --description or --metadata.');
      const res = await ctx.client.patch<{ conversation: Conversation }>(await ctx.appPath('conversations', argv.id), body);
      ctx.printItem(res.conversation);
    },
  }),
  verb({
    command: 'delete <id>',
    describe: 'Delete a conversation with its messages (confirms unless --yes)',
    builder: (y) => yesOption(y.positional('id', { type: 'string', demandOption: true, describe: 'Conversation id' })),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('conversations', argv.id);
      await ctx.confirm(`Delete conversation ${argv.id} and all its messages?`, argv.yes);
      await ctx.client.delete(path);
      ctx.done({ id: argv.id, deleted: true }, `Deleted conversation ${argv.id}.`);
    },
  }),
]);
