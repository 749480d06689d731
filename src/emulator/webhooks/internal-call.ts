/**
 * Calls the emulator's own API routes in-process, as the account, for `webhooks trigger`:
 * the objects and events it makes are those of real API calls (validation, state, events).
 * Synchronous on purpose: a trigger runs from start to end without another request in between,
 * so the events it raises are exactly its own.
 */
import { HttpError, type EmuRequest } from '../route.js';
import type { Router } from '../router.js';

type Json = Record<string, unknown>;
export type InternalCall = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: Json) => Json;

export function internalCaller(router: () => Router, baseUrl: string): InternalCall {
  return (method, target, body) => {
    const [path = '', search = ''] = target.split('?');
    const match = router().match(method, path);
    if (match.kind !== 'found') throw new HttpError(500, 'internal_error', `no route ${method} ${path}`);
    const req: EmuRequest = {
      method,
      path,
      params: match.params,
      query: new URLSearchParams(search),
      body,
      rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      headers: {},
      principal: { scope: 'account', keyId: 'emulator' },
      baseUrl,
    };
    const result = match.route.handler(req);
    if (result instanceof Promise) throw new HttpError(500, 'internal_error', `${method} ${path} is asynchronous`);
    if (result.status >= 400) {
      const err = (result.body as { errors?: { code: string; title: string }[] } | undefined)?.errors?.[0];
      throw new HttpError(result.status, err?.code ?? 'bad_request', `${method} ${path}: ${err?.title ?? 'failed'}`);
    }
    return (result.body ?? {}) as Json;
  };
}
