/**
 * sunco switchboards list (read-only): the app's switchboard and its switchboard integrations.
 */
import type { Column } from '../../output.js';
import { noun, verb } from './define.js';
import { maskSecretsDeep } from './secrets.js';

type Row = Record<string, unknown> & { id: string };

const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'ENABLED', value: (r) => r.enabled },
  { header: 'DEFAULT', value: (r) => r.defaultSwitchboardIntegrationId },
  { header: 'INTEGRATIONS', value: (r) => (r.switchboardIntegrations as { name: string }[]).map((s) => s.name).join(', '), max: 60 },
];

export const switchboardsCommand = noun('switchboards', "List an app's switchboard (read-only)", [
  verb({
    command: 'list',
    describe: 'List the switchboard with its switchboard integrations',
    run: async (ctx) => {
      // Names sunco applied from sensitive variables (the app's record, read first for --debug) read "(sensitive)".
      const records = await ctx.sensitiveRecords();
      const base = await ctx.appPath('switchboards');
      const res = await ctx.client.get<{ switchboards: Row[] }>(base);
      const rows = await Promise.all(
        res.switchboards.map(async (s) => {
          const list = await ctx.client.get<{ switchboardIntegrations: Row[] }>(`${base}/${encodeURIComponent(s.id)}/switchboardIntegrations`);
          return { ...s, switchboardIntegrations: list.switchboardIntegrations };
        }),
      );
      ctx.printList(maskSecretsDeep(rows, records).value as Row[], columns, 'switchboards');
    },
  }),
]);
