/**
 * Webhook delivery: turns each emulator event into one EventWebhooks POST per subscribed
 * webhook of the app (spec x-webhooks → EventWebhooks: `app`, `webhook`, `events[]`), and
 * sends them with the spec's retry policy. One queue per webhook and conversation keeps the
 * events of a conversation in order; a delivery holds its queue until it succeeds or gives up.
 */
import { EventEmitter } from 'node:events';
import { newId } from '../ids.js';
import type { ProvisioningState, WebhookRecord } from '../provisioning/state.js';
import { HttpError } from '../route.js';
import { type AttemptRecord, attemptLine, DeliveryLog, type DeliveryRecord, notLocalLine } from './delivery-record.js';
import type { EmulatorEvent } from './event.js';
import { loopbackAddresses } from './local-target.js';
import { DEFAULT_RETRY_BASE_MS, delayBefore, NON_RECOVERABLE, TIMEOUT_MS, verdict } from './retry-policy.js';
import { sendWebhook } from './send.js';

export interface DispatcherOptions {
  /** First retry delay; later ones double (`--webhook-retry-base-ms`). Default one minute. */
  retryBaseMs?: number;
  /** No answer within this many ms is a failed attempt. Default the spec's 20 s. */
  timeoutMs?: number;
  /** One line per attempt (the emulator's delivery log); no secret is ever in it. */
  onLine?: (line: string) => void;
}

export class WebhookDispatcher {
  readonly log = new DeliveryLog();
  private readonly queues = new Map<string, Promise<void>>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly abort = new AbortController();
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  /** 'attempt' (DeliveryRecord) after each attempt, and when a delivery ends without one. */
  private readonly changes = new EventEmitter();
  /** While a trigger runs: the deliveries it makes, and the integration it is limited to. */
  private capturing: { records: DeliveryRecord[]; integrationId?: string } | undefined;

  constructor(
    private readonly provisioning: () => ProvisioningState,
    private readonly options: DispatcherOptions = {},
  ) {}

  /** Called by operations when something happens; never throws into the API call. */
  emit(event: EmulatorEvent): void {
    if (this.abort.signal.aborted) return;
    const app = this.provisioning().apps.find((a) => a.id === event.appId);
    if (!app) return;
    const eventId = newId();
    const createdAt = new Date().toISOString();
    for (const integration of app.integrations) {
      const only = event.integrationId ?? this.capturing?.integrationId;
      if (only !== undefined && integration.id !== only) continue;
      for (const w of integration.webhooks.filter((x) => x.triggers.includes(event.type))) {
        let payload: Record<string, unknown>;
        try {
          payload = event.payload({ fullUser: w.includeFullUser, fullSource: w.includeFullSource });
        } catch {
          continue; // a payload the emulator cannot build must not fail the API call that raised it
        }
        const body = JSON.stringify({ app: { id: app.id }, webhook: { id: w.id, version: w.version }, events: [{ id: eventId, type: event.type, createdAt, payload }] });
        const d = this.record({ eventId, type: event.type, appId: app.id, integrationId: integration.id, webhook: w, body });
        this.enqueue(d, `${w.id}|${event.conversationId ?? d.id}`);
      }
    }
  }

  /** Sends a logged delivery again, as a new delivery with the same event (and event id) to the webhook's current target. */
  resend(deliveryId: string, appId?: string): DeliveryRecord {
    const old = this.log.find(deliveryId);
    if (!old || (appId !== undefined && old.appId !== appId)) throw new HttpError(404, 'not_found', 'Delivery not found');
    const found = this.webhook(old.webhookId);
    if (!found) throw new HttpError(404, 'not_found', 'The webhook of this delivery no longer exists');
    const d = this.record({ ...old, webhook: found.webhook });
    d.resendOf = old.id;
    this.enqueue(d, `${old.webhookId}|${d.id}`);
    return d;
  }

  /** Runs `fn` (synchronous, so no other request interleaves) and returns the deliveries its events made. */
  capture<T>(fn: () => T, integrationId?: string): { result: T; deliveries: DeliveryRecord[] } {
    this.capturing = { records: [], ...(integrationId !== undefined ? { integrationId } : {}) };
    try {
      const result = fn();
      return { result, deliveries: this.capturing.records };
    } finally {
      this.capturing = undefined;
    }
  }

  /** Resolves once each delivery has had its first attempt (or ended without one): what a trigger reports. */
  firstOutcome(deliveries: DeliveryRecord[]): Promise<void> {
    const waiting = () => deliveries.some((d) => d.status === 'pending' && d.attempts.length === 0);
    if (!waiting()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (waiting()) return;
        this.changes.off('attempt', check);
        resolve();
      };
      this.changes.on('attempt', check);
    });
  }

  /** Resolves once no delivery is queued, in flight or waiting to retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops: in-flight requests are aborted and waiting retries dropped. */
  async close(): Promise<void> {
    this.abort.abort();
    for (const s of this.sleeping) {
      clearTimeout(s.timer);
      s.wake();
    }
    await this.idle();
  }

  private record(from: { eventId: string; type: string; appId: string; integrationId: string; webhook: WebhookRecord; body: string }): DeliveryRecord {
    const d: DeliveryRecord = {
      id: newId(),
      eventId: from.eventId,
      type: from.type,
      appId: from.appId,
      integrationId: from.integrationId,
      webhookId: from.webhook.id,
      target: from.webhook.target,
      createdAt: new Date().toISOString(),
      status: 'pending',
      attempts: [],
      body: from.body,
    };
    this.log.add(d);
    this.capturing?.records.push(d);
    return d;
  }

  private webhook(id: string): { webhook: WebhookRecord } | undefined {
    for (const app of this.provisioning().apps) {
      for (const integ of app.integrations) {
        const webhook = integ.webhooks.find((w) => w.id === id);
        if (webhook) return { webhook };
      }
    }
    return undefined;
  }

  private enqueue(d: DeliveryRecord, key: string): void {
    this.pending += 1;
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.deliver(d)).catch(() => undefined);
    this.queues.set(key, run);
    void run.then(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
      this.pending -= 1;
      if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
  }

  private async deliver(d: DeliveryRecord): Promise<void> {
    const line = (text: string) => this.options.onLine?.(text);
    const addresses = await loopbackAddresses(d.target);
    if (!addresses) {
      d.status = 'not_delivered';
      d.reason = 'not a local address';
      line(notLocalLine(d));
      this.changes.emit('attempt', d);
      return;
    }
    const base = this.options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    for (let attempt = 1; !this.abort.signal.aborted; attempt++) {
      if (attempt > 1) await this.sleep(delayBefore(attempt, base));
      const secret = this.webhook(d.webhookId)?.webhook.secret;
      if (this.abort.signal.aborted || secret === undefined) break;
      const started = Date.now();
      const outcome = await sendWebhook({ target: d.target, secret, body: d.body, addresses, timeoutMs: this.options.timeoutMs ?? TIMEOUT_MS, signal: this.abort.signal });
      const a: AttemptRecord = { attempt, at: new Date(started).toISOString(), ms: Date.now() - started, ...outcome };
      d.attempts.push(a);
      const v = verdict(outcome, attempt);
      if (v === 'retry') {
        line(attemptLine(d, a, 'retry'));
        this.changes.emit('attempt', d);
        continue;
      }
      d.status = v;
      const final = 'status' in outcome && NON_RECOVERABLE.has(outcome.status);
      if (v === 'failed') d.reason = final ? `non-recoverable status ${a.status}` : `gave up after ${attempt} attempts`;
      line(attemptLine(d, a, v === 'delivered' ? 'done' : final ? 'not_retried' : 'gave_up'));
      this.changes.emit('attempt', d);
      return;
    }
    d.status = 'failed';
    d.reason = this.abort.signal.aborted ? 'the emulator stopped' : 'the webhook was deleted';
    this.changes.emit('attempt', d);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const s = { timer: setTimeout(() => wake(), ms), wake: () => wake() };
      const wake = () => {
        this.sleeping.delete(s);
        resolve();
      };
      this.sleeping.add(s);
    });
  }
}
