/**
 * The contract of the SunCo API client. Everything that talks to the API (state reader,
 * applier, imperative commands) depends on this interface only; src/api/client.ts implements it.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthMode = 'basic' | 'jwt';

export interface Credentials {
  keyId: string;
  secret: string;
}

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** Give up retrying once this much time has passed since the first attempt. */
  maxTotalMs: number;
  /** Exponential backoff base, full jitter: delay = random(0, min(maxDelayMs, baseDelayMs * 2^attempt)). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ClientOptions {
  /** Fully resolved base URL, without trailing slash, e.g. https://api.smooch.io */
  baseUrl: string;
  auth: AuthMode;
  credentials?: Credentials;
  /** Allow http:// to a host that is not loopback. */
  insecure?: boolean;
  /** Receives one line per request/response when --debug is on. Secrets are redacted before this is called. */
  debug?: (line: string) => void;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Called whenever the client sleeps before a retry (429 or transient fault). */
  onWait?: (ms: number, reason: string) => void;
  /** A line for the user, e.g. "… connection refused, retrying (1/3)" (the CLI writes it to stderr). */
  notice?: (line: string) => void;
  /** Called as each request is sent and as it ends: requests sent so far, and how many have ended (live progress). */
  onProgress?: (sent: number, ended: number) => void;
}

export type QueryValue = string | number | boolean | undefined | string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON body. Bodies over 100 kB are refused before sending. */
  body?: unknown;
  /** A non-JSON body (e.g. multipart for attachments) with its content type. */
  rawBody?: { data: Buffer; contentType: string };
  /** Credentials for this call instead of the client's own (per-app credentials). */
  credentials?: Credentials;
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface ClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  /** Time spent sleeping before retries, in ms. */
  waitedMs: number;
}

export interface ApiClient {
  readonly baseUrl: string;
  readonly stats: ClientStats;
  request<T = unknown>(method: HttpMethod, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  /**
   * Async iterator over every item of a list endpoint: asks page[size]=100 and follows
   * meta.hasMore / meta.afterCursor. `itemsKey` is the list's property, e.g. "integrations".
   */
  paginate<T = unknown>(path: string, itemsKey: string, options?: RequestOptions): AsyncIterable<T>;
  listAll<T = unknown>(path: string, itemsKey: string, options?: RequestOptions): Promise<T[]>;
  /** A client that uses other credentials but shares base URL, options and stats. */
  withCredentials(credentials: Credentials): ApiClient;
}
