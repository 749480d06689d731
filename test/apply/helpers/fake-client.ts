/**
 * An in-memory ApiClient for executor unit tests: no network at all. Each call is recorded
 * (method, path, body, credentials key id) and answered by a scripted handler.
 */
import { ApiError } from '../../../src/api/errors.js';
import type { ApiClient, ApiResponse, ClientStats, Credentials, HttpMethod, RequestOptions } from '../../../src/api/types.js';

export interface FakeCall {
  method: HttpMethod;
  path: string;
  body?: unknown;
  keyId?: string;
}

export type Handler = (call: FakeCall) => unknown;

export function apiError(status: number, code: string, title: string, method = 'POST', path = '/x'): ApiError {
  return new ApiError({ status, code, title, method, path });
}

export function fakeClient(handler: Handler, calls: FakeCall[] = [], keyId?: string): ApiClient & { calls: FakeCall[] } {
  const stats: ClientStats = { requests: 0, retries: 0, waitedMs: 0 };
  const request = async <T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const call: FakeCall = { method, path, ...(options.body !== undefined ? { body: options.body } : {}), ...(keyId ? { keyId } : {}) };
    calls.push(call);
    stats.requests++;
    // Yield so that concurrently started steps really interleave.
    await new Promise((r) => setImmediate(r));
    const body = await handler(call);
    return { status: 200, body: body as T, headers: {} };
  };
  const client: ApiClient & { calls: FakeCall[] } = {
    baseUrl: 'http://127.0.0.1:1',
    stats,
    calls,
    request,
    get: async <T>(p: string, o?: RequestOptions) => (await request<T>('GET', p, o)).body,
    post: async <T>(p: string, b?: unknown, o?: RequestOptions) => (await request<T>('POST', p, { ...o, body: b })).body,
    patch: async <T>(p: string, b?: unknown, o?: RequestOptions) => (await request<T>('PATCH', p, { ...o, body: b })).body,
    delete: async <T>(p: string, o?: RequestOptions) => (await request<T>('DELETE', p, o)).body,
    async *paginate<T>(p: string, itemsKey: string) {
      const body = (await request<Record<string, T[]>>('GET', p)).body;
      yield* body[itemsKey] ?? [];
    },
    async listAll<T>(p: string, itemsKey: string) {
      const out: T[] = [];
      for await (const item of client.paginate<T>(p, itemsKey)) out.push(item);
      return out;
    },
    withCredentials: (c: Credentials) => fakeClient(handler, calls, c.keyId),
  };
  return client;
}
