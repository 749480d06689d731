/**
 * sunco webhooks list [--integration ID] (read-only; secrets shown as "(hidden)").
 * Webhooks belong to custom integrations (ListWebhooks is per integration), so without
 * --integration we list the app's custom integrations (filter[types]=custom, every page)
 * and then each one's webhooks, in parallel.
 */
import { type Column, maskFields } from '../../output.js';
import { noun, verb } from './define.js';

type Webhook = Record<string, unknown> & { id: string };

const columns: Column<Webhook>[] = [
  { header: 'ID', value: (w) => w.id },
  { header: 'INTEGRATION', value: (w) => w.integrationId },
  { header: 'TARGET', value: (w) => w.target, max: 50 },
  { header: 'TRIGGERS', value: (w) => (Array.isArray(w.triggers) ? w.triggers.join(',') : w.triggers), max: 60 },
  { header: 'SECRET', value: (w) => w.secret },
];

export const webhooksCommand = noun('webhooks', 'List the webhooks of custom integrations (read-only)', [
  verb({
    command: 'list',
    describe: "List the webhooks of one custom integration, or of all the app's custom integrations",
    builder: (y) => y.option('integration', { type: 'string', describe: 'Custom integration id (default: every custom integration)' }),
    run: async (ctx, argv) => {
      const integrations = argv.integration
        ? [argv.integration]
        : (await ctx.client.listAll<{ id: string }>(await ctx.appPath('integrations'), 'integrations', { query: { 'filter[types]': 'custom' } })).map((i) => i.id);
      const lists = await Promise.all(
        integrations.map(async (integrationId) => {
          const res = await ctx.client.get<{ webhooks: Webhook[] }>(await ctx.appPath('integrations', integrationId, 'webhooks'));
          // integrationId is ours (the answer has none): which integration a row belongs to.
          return res.webhooks.map((w) => ({ ...maskFields(w, ['secret']), integrationId }));
        }),
      );
      ctx.printList(lists.flat(), columns, 'webhooks');
    },
  }),
]);
