/**
 * sunco webhooks list --integration ID (read-only; secrets shown as "(hidden)").
 */
import { type Column, maskFields } from '../../output.js';
import { noun, verb } from './define.js';

type Webhook = Record<string, unknown> & { id: string };

const columns: Column<Webhook>[] = [
  { header: 'ID', value: (w) => w.id },
  { header: 'TARGET', value: (w) => w.target, max: 50 },
  { header: 'TRIGGERS', value: (w) => (Array.isArray(w.triggers) ? w.triggers.join(',') : w.triggers), max: 60 },
  { header: 'SECRET', value: (w) => w.secret },
];

export const webhooksCommand = noun('webhooks', 'List the webhooks of an integration (read-only)', [
  verb({
    command: 'list',
    describe: 'List the webhooks of an integration',
    builder: (y) => y.option('integration', { type: 'string', demandOption: true, describe: 'Integration id' }),
    run: async (ctx, argv) => {
      const res = await ctx.client.get<{ webhooks: Webhook[] }>(await ctx.appPath('integrations', argv.integration, 'webhooks'));
      ctx.printList(res.webhooks.map((w) => maskFields(w, ['secret'])), columns, 'webhooks');
    },
  }),
]);
