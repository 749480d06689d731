/**
 * The contract between the emulator's HTTP core (server, auth, faults) and the route
 * modules (provisioning, operations). A route module exports `Route[]`; the core matches
 * method + pattern, authenticates, checks `scopes`, parses the body and calls `handler`.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type Scope = 'account' | 'app' | 'integration';

/** Who is calling, from the verified Basic or JWT credentials. */
export interface Principal {
  scope: Scope;
  keyId: string;
  /** For app and integration scope: the app the key belongs to. */
  appId?: string;
  /** For integration scope: the integration the key belongs to. */
  integrationId?: string;
}

export interface EmuRequest {
  method: string;
  /** Path without query string, e.g. /v2/apps/abc/integrations */
  path: string;
  /** Named parameters from the pattern, e.g. { appId: 'abc' } */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when none). */
  body: unknown;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  principal: Principal;
  /** e.g. http://127.0.0.1:8090, for links in paginated responses. */
  baseUrl: string;
}

export interface EmuResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-like pattern: /v2/apps/:appId/integrations/:integrationId */
  pattern: string;
  /**
   * Which scopes may call it (the spec's authorization table, see RESOURCES.md "Scopes").
   * App and integration scopes are further restricted to their own app (and integration)
   * by the core, using the :appId (and :integrationId) parameters.
   */
  scopes: Scope[];
  /** A write: subject to the committed-then-lost fault. */
  mutates?: boolean;
  handler: (req: EmuRequest) => EmuResult | Promise<EmuResult>;
}

/** Throw from a handler to answer with the spec's error body {"errors":[{"code","title"}]}. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
  ) {
    super(title);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, title: string): { errors: { code: string; title: string }[] } {
  return { errors: [{ code, title }] };
}
