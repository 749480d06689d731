/**
 * sunco webhooks list|trigger|deliveries.
 * - list [--integration ID] (read-only; secrets shown as "(hidden)"). Webhooks belong to
 *   custom integrations (ListWebhooks is per integration), so without --integration we list
 *   the app's custom integrations (filter[types]=custom, every page) and then each one's
 *   webhooks, in parallel.
 * - trigger EVENT: with `sunco emulator`, raises the event from real objects and prints each
 *   delivery; with --to URL, sends the spec's sample to a local URL, no emulator needed.
 * - deliveries [--resend ID]: the emulator's recent deliveries; resend one.
 */
import type { ArgumentsCamelCase } from 'yargs';
import { getIO } from '../../io.js';
import { type Column, wantsJson } from '../../output.js';
import { type AnyCommand, type CommonArgs, noun, verb } from './define.js';
import type { Delivery } from './webhook-deliveries.js';
import { maskSecretsDeep } from './secrets.js';

type Webhook = Record<string, unknown> & { id: string };

const columns: Column<Webhook>[] = [
  { header: 'ID', value: (w) => w.id },
  { header: 'INTEGRATION', value: (w) => w.integrationId },
  { header: 'TARGET', value: (w) => w.target, max: 50 },
  { header: 'TRIGGERS', value: (w) => (Array.isArray(w.triggers) ? w.triggers.join(',') : w.triggers), max: 60 },
  { header: 'SECRET', value: (w) => w.secret },
];

interface TriggerArgs extends CommonArgs {
  event: string;
  integration?: string;
  to?: string;
  secret?: string;
  data?: string[];
}

function triggerVerb(): AnyCommand {
  const command = verb<TriggerArgs>({
    command: 'trigger <event>',
    describe: 'Send one webhook event: raised from real objects in `sunco emulator`, or with --to URL a sample from the spec to a local URL',
    builder: (y) =>
      y
        .positional('event', { type: 'string', demandOption: true, describe: 'Event type, e.g. conversation:message' })
        .option('integration', { type: 'string', describe: "Deliver only to this custom integration's webhooks" })
        .option('data', { alias: 'd', type: 'string', array: true, nargs: 1, describe: 'field=value for the event (emulator: text, user, conversation, payload, ...; --to: a payload path such as message.content.text)' })
        .option('to', { type: 'string', describe: 'Send the spec\'s sample event to this local URL instead (no emulator, no credentials)' })
        .option('secret', { type: 'string', describe: 'With --to: the X-API-Key to send [env SUNCO_WEBHOOK_SECRET]' }) as never,
    run: async (ctx, argv) => {
      const { control, deliveryLine, emulatorAppPath, parseData } = await import('./webhook-deliveries.js');
      const body = { event: argv.event, ...(argv.integration ? { integrationId: argv.integration } : {}), data: Object.fromEntries(parseData(argv.data)) };
      const path = await emulatorAppPath(ctx, 'webhooks', 'trigger');
      const res = await control(ctx, () => ctx.client.post<{ deliveries: Delivery[] }>(path, body));
      const mine = res.deliveries.filter((d) => d.type === argv.event);
      if (mine.length === 0) ctx.notice(`no webhook of the app subscribes to ${argv.event}${argv.integration ? ` in integration ${argv.integration}` : ''}`);
      if (mine.some((d) => d.status !== 'delivered')) ctx.io.exitCode = 1;
      if (ctx.json) return ctx.printItem(res as unknown as Record<string, unknown>);
      for (const d of res.deliveries) ctx.io.stdout.write(`${deliveryLine(d)}\n`);
    },
  });
  // --to needs neither credentials nor an app: it is handled before the context is built.
  const withContext = command.handler;
  command.handler = async (raw: ArgumentsCamelCase) => {
    const argv = raw as ArgumentsCamelCase<TriggerArgs>;
    if (argv.to === undefined) return withContext?.(raw);
    const { parseData } = await import('./webhook-deliveries.js');
    const { sendSample } = await import('./webhook-sample.js');
    const io = getIO();
    await sendSample(io, { event: argv.event, to: argv.to, ...(argv.secret !== undefined ? { secret: argv.secret } : {}) }, parseData(argv.data), wantsJson(io, argv.json));
  };
  return command;
}

export const webhooksCommand = noun('webhooks', 'Webhooks of custom integrations: list them; with the emulator, trigger events and see deliveries', [
  verb({
    command: 'list',
    describe: "List the webhooks of one custom integration, or of all the app's custom integrations",
    builder: (y) => y.option('integration', { type: 'string', describe: 'Custom integration id (default: every custom integration)' }),
    run: async (ctx, argv) => {
      // Targets sunco applied from sensitive variables (the app's record, read first for --debug) read "(sensitive)".
      const records = await ctx.sensitiveRecords();
      const integrations = argv.integration
        ? [argv.integration]
        : (await ctx.client.listAll<{ id: string }>(await ctx.appPath('integrations'), 'integrations', { query: { 'filter[types]': 'custom' } })).map((i) => i.id);
      const lists = await Promise.all(
        integrations.map(async (integrationId) => {
          const res = await ctx.client.get<{ webhooks: Webhook[] }>(await ctx.appPath('integrations', integrationId, 'webhooks'));
          // integrationId is ours (the answer has none): which integration a row belongs to.
          return res.webhooks.map((w) => ({ ...(maskSecretsDeep(w, records).value as Webhook), integrationId }));
        }),
      );
      ctx.printList(lists.flat(), columns, 'webhooks');
    },
  }),
  triggerVerb(),
  verb<CommonArgs & { resend?: string; limit?: number }>({
    command: 'deliveries',
    describe: "List the emulator's recent webhook deliveries (every app's without --app), or --resend one",
    builder: (y) =>
      y
        .option('resend', { type: 'string', describe: 'Send this delivery again (a new delivery of the same event); needs --app' })
        .option('limit', { type: 'number', describe: 'Most recent N deliveries (default 100)' }) as never,
    run: async (ctx, argv) => {
      const { control, deliveryColumns, deliveryLine, emulatorAppPath, listDeliveries } = await import('./webhook-deliveries.js');
      if (argv.resend !== undefined) {
        const path = await emulatorAppPath(ctx, 'webhooks', 'deliveries', argv.resend, 'resend');
        const res = await control(ctx, () => ctx.client.post<{ delivery: Delivery }>(path, {}));
        if (ctx.json) return ctx.printItem(res as unknown as Record<string, unknown>);
        ctx.io.stdout.write(`${deliveryLine(res.delivery)}\n`);
        if (res.delivery.status !== 'delivered') ctx.io.exitCode = 1;
        return;
      }
      ctx.printList(await listDeliveries(ctx, argv.app, argv.limit), deliveryColumns, 'deliveries');
    },
  }),
]);
