/**
 * sunco apps list|get (read-only; apps are managed as code with sunco-plan / sunco-apply).
 */
import type { Column } from '../../output.js';
import { noun, pageOptions, verb } from './define.js';
import { maskSecretsDeep } from './secrets.js';

type App = Record<string, unknown> & { id: string };

const columns: Column<App>[] = [
  { header: 'ID', value: (a) => a.id },
  { header: 'DISPLAY NAME', value: (a) => a.displayName, max: 50 },
  { header: 'SUBDOMAIN', value: (a) => a.subdomain },
];

export const appsCommand = noun('apps', 'List and show apps (read-only)', [
  verb({
    command: 'list',
    describe: 'List the apps of the account (needs an account key)',
    app: false,
    builder: (y) => pageOptions(y),
    run: async (ctx, argv) => {
      const apps = await ctx.accountKeyOnly('Listing apps', () => ctx.list<App>('/v2/apps', 'apps', argv));
      // Fields applied from sensitive variables (each app's own record) read "(sensitive)" (secrets.ts).
      ctx.printList(maskSecretsDeep(apps).value as App[], columns, 'apps');
    },
  }),
  verb({
    command: 'get [id]',
    describe: 'Show one app, by id or displayName (default: --app / SUNCO_APP_ID)',
    builder: (y) => y.positional('id', { type: 'string', describe: 'App id or displayName' }),
    run: async (ctx, argv) => {
      // The positional wins over --app / SUNCO_APP_ID; ctx resolves argv.app lazily, on appPath().
      if (argv.id !== undefined) argv.app = argv.id;
      const res = await ctx.client.get<{ app: App }>(await ctx.appPath());
      ctx.printItem((maskSecretsDeep(res).value as { app: App }).app);
    },
  }),
]);
