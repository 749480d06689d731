/**
 * `sunco webhooks trigger` (with the emulator) and `sunco webhooks deliveries`: thin clients
 * of the emulator's control routes (/_emulator/..., see src/emulator/webhooks/control-routes.ts),
 * called with the same connection and credentials as every other command.
 */
import { ApiError } from '../../../api/errors.js';
import { UserError } from '../../../errors.js';
import type { Column } from '../../output.js';
import type { OpsContext } from './context.js';

export interface Delivery extends Record<string, unknown> {
  id: string;
  type: string;
  target: string;
  status: string;
  reason?: string;
  createdAt: string;
  attempts: { attempt: number; status?: number; error?: string; ms: number }[];
}

export const deliveryColumns: Column<Delivery>[] = [
  { header: 'ID', value: (d) => d.id },
  { header: 'CREATED', value: (d) => d.createdAt },
  { header: 'EVENT', value: (d) => d.type },
  { header: 'TARGET', value: (d) => d.target, max: 50 },
  { header: 'STATUS', value: (d) => (d.reason ? `${d.status} (${d.reason})` : d.status) },
  { header: 'ATTEMPTS', value: (d) => d.attempts.length },
  { header: 'LAST', value: (d) => d.attempts.at(-1)?.status ?? d.attempts.at(-1)?.error },
];

/** The emulator's delivery log line for a delivery's latest attempt. */
export function deliveryLine(d: Delivery): string {
  const a = d.attempts.at(-1);
  if (!a) return `--> ${d.type}  ${d.target}  ${d.status === 'not_delivered' ? `not delivered: ${d.reason ?? ''}` : d.status}`;
  const outcome = a.status !== undefined ? String(a.status) : `error: ${a.error ?? 'failed'}`;
  const note = d.status === 'pending' ? '  (will retry)' : a.attempt > 1 ? `  (attempt ${a.attempt})` : '';
  return `--> ${d.type}  ${d.target}  ${outcome}  ${a.ms} ms${note}`;
}

/** Calls a control route; a 404 from a server without them says it is not an emulator. */
export async function control<T>(ctx: OpsContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && err.title === 'Resource not found') {
      throw new UserError(`${err.message}. Webhook triggers and deliveries are a feature of \`sunco emulator\`: point --api-url at one.`, { cause: err });
    }
    throw err;
  }
}

/** `/_emulator/apps/{appId}/...`: the control routes of the resolved app. */
export async function emulatorAppPath(ctx: OpsContext, ...segments: string[]): Promise<string> {
  return [`/_emulator/apps/${encodeURIComponent(await ctx.appId())}`, ...segments.map(encodeURIComponent)].join('/');
}

export function parseData(pairs: string[] | undefined): [string, string][] {
  return (pairs ?? []).map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new UserError(`-d ${p}: give field=value`);
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

export async function listDeliveries(ctx: OpsContext, app: string | undefined, limit: number | undefined): Promise<Delivery[]> {
  // Without --app (nor SUNCO_APP_ID) every app's deliveries: that route takes an account key.
  const path = app || ctx.io.env.SUNCO_APP_ID ? await emulatorAppPath(ctx, 'webhooks', 'deliveries') : '/_emulator/webhooks/deliveries';
  const res = await control(ctx, () => ctx.client.get<{ deliveries: Delivery[] }>(path, { query: { limit } }));
  return res.deliveries;
}
