/**
 * sunco activity post --conversation ID --type typing:start|typing:stop|conversation:read
 */
import { noun, verb } from './define.js';
import { authorFromAs, conversationFlag } from './refs.js';

// components.schemas.activityTypes
const TYPES = ['typing:start', 'typing:stop', 'conversation:read'] as const;

export const activityCommand = noun('activity', 'Send typing indicators and read receipts', [
  verb({
    command: 'post',
    describe: 'Post an activity (a user author supports conversation:read only)',
    builder: (y) =>
      conversationFlag(y)
        .option('type', { choices: TYPES, demandOption: true, describe: 'Activity type' })
        .option('as', { type: 'string', describe: 'Author: business (default) or user:ID (user id or externalId)' }),
    run: async (ctx, argv) => {
      const body = { author: authorFromAs(argv.as), type: argv.type };
      await ctx.client.post(await ctx.appPath('conversations', argv.conversation, 'activity'), body);
      ctx.done({ conversation: argv.conversation, type: argv.type }, `Posted ${argv.type} to conversation ${argv.conversation}.`);
    },
  }),
]);
