/**
 * What the emulator remembers of each delivery, for `sunco webhooks deliveries` and
 * `--resend`, and the line the emulator prints per attempt. The record holds the body
 * (no secret is ever in it) and the webhook's id; the secret is looked up when sending.
 */

export interface AttemptRecord {
  attempt: number;
  at: string;
  ms: number;
  status?: number;
  error?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'not_delivered';

export interface DeliveryRecord {
  id: string;
  eventId: string;
  type: string;
  appId: string;
  integrationId: string;
  webhookId: string;
  target: string;
  createdAt: string;
  status: DeliveryStatus;
  /** Why it was not delivered or failed, in words. */
  reason?: string;
  attempts: AttemptRecord[];
  /** The EventWebhooks body exactly as sent (JSON). */
  body: string;
  /** The delivery this one re-sends (`--resend`). */
  resendOf?: string;
}

/** A target as shown (log lines, delivery lists): a password in the URL's user info is masked. */
export function shownTarget(target: string): string {
  try {
    const url = new URL(target);
    if (!url.password) return target;
    url.password = '***';
    return url.toString();
  } catch {
    return target;
  }
}

/** The delivery as `GET /_emulator/.../deliveries` answers it: the body parsed. */
export function deliveryView(d: DeliveryRecord): Record<string, unknown> {
  const { body, ...rest } = d;
  return { ...rest, target: shownTarget(d.target), body: JSON.parse(body) as unknown };
}

/**
 * `--> conversation:message  http://127.0.0.1:3000/hook  200  12 ms`, with the attempt
 * number from the second attempt on and what happens next when it is not the end.
 */
export function attemptLine(d: DeliveryRecord, a: AttemptRecord, next: 'retry' | 'done' | 'gave_up' | 'not_retried'): string {
  const outcome = a.status !== undefined ? String(a.status) : `error: ${a.error ?? 'failed'}`;
  const notes = [a.attempt > 1 ? `attempt ${a.attempt}` : undefined, next === 'retry' ? 'will retry' : next === 'gave_up' ? 'giving up' : next === 'not_retried' ? 'not retried' : undefined]
    .filter(Boolean)
    .join(', ');
  return `--> ${d.type}  ${shownTarget(d.target)}  ${outcome}  ${a.ms} ms${notes ? `  (${notes})` : ''}`;
}

export function notLocalLine(d: DeliveryRecord): string {
  return `--> ${d.type}  ${shownTarget(d.target)}  not delivered: not a local address`;
}

/** Keeps the most recent deliveries; older ones are dropped first. */
export class DeliveryLog {
  private readonly items: DeliveryRecord[] = [];
  constructor(private readonly limit = 1000) {}

  add(d: DeliveryRecord): void {
    this.items.push(d);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
  }

  find(id: string): DeliveryRecord | undefined {
    return this.items.find((d) => d.id === id);
  }

  list(appId?: string): DeliveryRecord[] {
    return appId === undefined ? [...this.items] : this.items.filter((d) => d.appId === appId);
  }
}
