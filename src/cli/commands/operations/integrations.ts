/**
 * sunco integrations list|get (read-only). Credentials some channels read back (e.g. LINE
 * channelSecret, WhatsApp accountManagementAccessToken, webhook secrets) are shown as "(hidden)";
 * fields sunco applied from sensitive variables (the app's record) as "(sensitive)".
 */
import type { SensitiveRecord } from '../../../resources/sensitive-record.js';
import type { Column } from '../../output.js';
import { noun, pageOptions, verb } from './define.js';
import { maskSecretsDeep } from './secrets.js';

type Integration = Record<string, unknown> & { id: string };

/** Credentials at any depth hidden: a custom integration carries its webhooks inline, secrets included. */
export function maskIntegration(i: Integration, records: SensitiveRecord[] = []): Integration {
  return maskSecretsDeep(i, records).value as Integration;
}

const columns: Column<Integration>[] = [
  { header: 'ID', value: (i) => i.id },
  { header: 'TYPE', value: (i) => i.type },
  { header: 'DISPLAY NAME', value: (i) => i.displayName, max: 40 },
  { header: 'STATUS', value: (i) => i.status },
];

export const integrationsCommand = noun('integrations', 'List and show integrations (read-only)', [
  verb({
    command: 'list',
    describe: 'List the integrations of an app',
    builder: (y) => pageOptions(y),
    run: async (ctx, argv) => {
      // The app's record first: --debug then hides what it names in the list's answer too.
      const records = await ctx.sensitiveRecords();
      const items = await ctx.list<Integration>(await ctx.appPath('integrations'), 'integrations', argv);
      ctx.printList(items.map((i) => maskIntegration(i, records)), columns, 'integrations');
    },
  }),
  verb({
    command: 'get <integration>',
    describe: 'Show one integration',
    builder: (y) => y.positional('integration', { type: 'string', demandOption: true, describe: 'Integration id' }),
    run: async (ctx, argv) => {
      const records = await ctx.sensitiveRecords();
      const res = await ctx.client.get<{ integration: Integration }>(await ctx.appPath('integrations', argv.integration));
      ctx.printItem(maskIntegration(res.integration, records));
    },
  }),
]);
