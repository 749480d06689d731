/**
 * sunco participants list|join|leave --conversation ID
 */
import type { Column } from '../../output.js';
import { noun, pageOptions, verb } from './define.js';
import { conversationFlag, userFlags, userRef } from './refs.js';

type Participant = Record<string, unknown> & { id: string };

const columns: Column<Participant>[] = [
  { header: 'ID', value: (p) => p.id },
  { header: 'USER ID', value: (p) => p.userId },
  { header: 'EXTERNAL ID', value: (p) => p.userExternalId },
  { header: 'UNREAD', value: (p) => p.unreadCount },
  { header: 'LAST READ', value: (p) => p.lastRead },
];

export const participantsCommand = noun('participants', 'List participants of a conversation; join or leave a group conversation', [
  verb({
    command: 'list',
    describe: 'List the participants of a conversation',
    builder: (y) => pageOptions(conversationFlag(y)),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('conversations', argv.conversation, 'participants');
      ctx.printList(await ctx.list<Participant>(path, 'participants', argv), columns, 'participants');
    },
  }),
  verb({
    command: 'join',
    describe: 'Add a user to an sdkGroup conversation',
    builder: (y) => userFlags(conversationFlag(y), 'Who joins'),
    run: async (ctx, argv) => {
      // participantSubSchema: subscribeSDKClient is required for sdkGroup conversations, the only kind join accepts.
      const res = await ctx.client.post<{ participant: Participant }>(await ctx.appPath('conversations', argv.conversation, 'join'), {
        ...userRef(argv),
        subscribeSDKClient: false,
      });
      ctx.printItem(res.participant);
    },
  }),
  verb({
    command: 'leave',
    describe: 'Remove a user from a conversation',
    builder: (y) => userFlags(conversationFlag(y), 'Who leaves'),
    run: async (ctx, argv) => {
      const ref = userRef(argv);
      await ctx.client.post(await ctx.appPath('conversations', argv.conversation, 'leave'), ref);
      const who = 'userId' in ref ? ref.userId : ref.userExternalId;
      ctx.done({ conversation: argv.conversation, left: who }, `${who} left conversation ${argv.conversation}.`);
    },
  }),
]);
