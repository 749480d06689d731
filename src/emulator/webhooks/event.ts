/**
 * What the emulator's operations hand to webhook delivery when something happens. The
 * payload is built once per subscribed webhook, at the moment of the event, because
 * `includeFullUser` and `includeFullSource` shape it per webhook (spec: components.schemas
 * includeFullUser / includeFullSource) and because later changes must not leak into it.
 */

/** How one webhook wants its payloads (components.schemas.webhook). */
export interface PayloadShape {
  /** includeFullUser: "include the complete user schema for events involving a specific user". */
  fullUser: boolean;
  /** includeFullSource: "include the client and device object (when applicable)". */
  fullSource: boolean;
}

export interface EmulatorEvent {
  /** A trigger name from the Webhooks tag's "Webhook Triggers" table, e.g. conversation:message. */
  type: string;
  appId: string;
  /** Events of one conversation are delivered in order (per webhook); events without one are not ordered. */
  conversationId?: string;
  /** Only the webhooks of this integration receive it (`sunco webhooks trigger --integration`). */
  integrationId?: string;
  /** The event's `payload` object as a webhook of this shape sees it. */
  payload: (shape: PayloadShape) => Record<string, unknown>;
}

/** Where operations send events; a no-op when nothing listens (unit tests of the store). */
export type EventSink = (event: EmulatorEvent) => void;
