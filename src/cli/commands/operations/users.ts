/**
 * sunco users create|get|update|delete|list|delete-personal-information
 *
 * Users are named by id or externalId (the API's `userIdOrExternalId`). `list --email`
 * is the API's only user listing: it matches emails in the user's `identities`, never
 * `profile.email` (spec operation ListUsers).
 */
import { UserError } from '../../../errors.js';
import type { Column } from '../../output.js';
import { noun, verb, yesOption } from './define.js';

type User = Record<string, unknown> & { id: string };

const columns: Column<User>[] = [
  { header: 'ID', value: (u) => u.id },
  { header: 'EXTERNAL ID', value: (u) => u.externalId },
  { header: 'NAME', value: (u) => [(u.profile as Record<string, string> | undefined)?.givenName, (u.profile as Record<string, string> | undefined)?.surname].filter(Boolean).join(' ') },
  { header: 'EMAIL', value: (u) => (u.profile as Record<string, string> | undefined)?.email },
  { header: 'SIGNED UP', value: (u) => u.signedUpAt },
];

interface ProfileFlags {
  givenName?: string;
  surname?: string;
  email?: string;
  metadata?: string;
}

async function profileBody(argv: ProfileFlags): Promise<Record<string, unknown>> {
  const { jsonObjectFlag } = await import('./context.js');
  const profile = { givenName: argv.givenName, surname: argv.surname, email: argv.email };
  const hasProfile = Object.values(profile).some((v) => v !== undefined);
  return { profile: hasProfile ? profile : undefined, metadata: jsonObjectFlag('metadata', argv.metadata) };
}

const idArg = { type: 'string', demandOption: true, describe: 'User id or externalId' } as const;

export const usersCommand = noun('users', 'Create, read, update and delete users', [
  verb({
    command: 'create',
    describe: 'Create a user',
    builder: (y) =>
      y
        .option('external-id', { type: 'string', demandOption: true, describe: 'Your id for the user (unique in the app)' })
        .option('given-name', { type: 'string', describe: 'First name' })
        .option('surname', { type: 'string', describe: 'Last name' })
        .option('email', { type: 'string', describe: 'Email (profile.email)' })
        .option('metadata', { type: 'string', describe: 'Metadata, a flat JSON object' }),
    run: async (ctx, argv) => {
      const body = { externalId: argv.externalId, ...(await profileBody(argv)) };
      const res = await ctx.client.post<{ user: User }>(await ctx.appPath('users'), body);
      ctx.printItem(res.user);
    },
  }),
  verb({
    command: 'get <user>',
    describe: 'Show one user',
    builder: (y) => y.positional('user', idArg),
    run: async (ctx, argv) => {
      const res = await ctx.client.get<{ user: User }>(await ctx.appPath('users', argv.user));
      ctx.printItem(res.user);
    },
  }),
  verb({
    command: 'update <user>',
    describe: "Change a user's profile or metadata",
    builder: (y) =>
      y
        .positional('user', idArg)
        .option('given-name', { type: 'string', describe: 'First name' })
        .option('surname', { type: 'string', describe: 'Last name' })
        .option('email', { type: 'string', describe: 'Email (profile.email)' })
        .option('metadata', { type: 'string', describe: 'Metadata, a flat JSON object (replaces the current one)' }),
    run: async (ctx, argv) => {
      const body = await profileBody(argv);
      // An empty PATCH would change nothing yet look like success; say what is missing instead (as `gh issue edit` does).
      if (body.profile === undefined && body.metadata === undefined) throw new UserError('Nothing to update: pass --given-name, --surname, --email or --metadata.');
      const res = await ctx.client.patch<{ user: User }>(await ctx.appPath('users', argv.user), body);
      ctx.printItem(res.user);
    },
  }),
  verb({
    command: 'delete <user>',
    describe: 'Delete a user with its clients and conversation history (confirms unless --yes)',
    builder: (y) => yesOption(y.positional('user', idArg)),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('users', argv.user);
      await ctx.confirm(`Delete user ${argv.user} with its clients and conversation history?`, argv.yes);
      await ctx.client.delete(path);
      ctx.done({ user: argv.user, deleted: true }, `Deleted user ${argv.user}.`);
    },
  }),
  verb({
    command: 'list',
    describe: 'Find users by an email in their identities (not profile.email: the API cannot search that)',
    builder: (y) => y.option('email', { type: 'string', demandOption: true, describe: 'Email identity to match' }),
    run: async (ctx, argv) => {
      const res = await ctx.client.get<{ users: User[] }>(await ctx.appPath('users'), { query: { 'filter[identities.email]': argv.email } });
      ctx.printList(res.users, columns, 'users');
    },
  }),
  verb({
    command: 'delete-personal-information <user>',
    describe: "Erase a user's name, email, avatar and metadata, keeping the conversations (confirms unless --yes)",
    builder: (y) => yesOption(y.positional('user', idArg)),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('users', argv.user, 'personalinformation');
      await ctx.confirm(`Delete the personal information of user ${argv.user}?`, argv.yes);
      const res = await ctx.client.delete<{ user: User }>(path);
      ctx.printItem(res.user);
    },
  }),
]);
