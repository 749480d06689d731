/**
 * sunco keys list [--integration ID] (read-only; secrets shown as "(hidden)").
 * Without --integration: the app's keys (needs an account key, RESOURCES.md App Keys scopes).
 */
import type { Column } from '../../output.js';
import { noun, verb } from './define.js';
import { maskSecretsDeep } from './secrets.js';

type Key = Record<string, unknown> & { id: string };

const columns: Column<Key>[] = [
  { header: 'ID', value: (k) => k.id },
  { header: 'DISPLAY NAME', value: (k) => k.displayName, max: 50 },
  { header: 'SECRET', value: (k) => k.secret },
];

export const keysCommand = noun('keys', 'List API keys of an app or a custom integration (read-only)', [
  verb({
    command: 'list',
    describe: "List the app's keys, or a custom integration's with --integration",
    builder: (y) => y.option('integration', { type: 'string', describe: 'Custom integration id' }),
    run: async (ctx, argv) => {
      // Display names sunco applied from sensitive variables (the app's record, read first for --debug) read "(sensitive)".
      const records = await ctx.sensitiveRecords();
      const res = argv.integration
        ? await ctx.client.get<{ keys: Key[] }>(await ctx.appPath('integrations', argv.integration, 'keys'))
        : await ctx.accountKeyOnly("Listing an app's keys", async () => ctx.client.get<{ keys: Key[] }>(await ctx.appPath('keys')));
      ctx.printList(res.keys.map((k) => maskSecretsDeep(k, records).value as Key), columns, 'keys');
    },
  }),
]);
