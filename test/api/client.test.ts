/** src/api/client.ts against a plain local HTTP server (127.0.0.1, port 0). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import { UserError } from '../../src/errors.js';
import { KEY, rejection } from './helpers.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A server that answers /v2/apps with a 302 to /v2/elsewhere, and records every request it gets. */
async function redirecting(): Promise<{ url: string; seen: Array<{ path: string; authorization?: string }> }> {
  const seen: Array<{ path: string; authorization?: string }> = [];
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (req.url === '/v2/apps') {
      res.writeHead(302, { location: '/v2/elsewhere', 'content-type': 'text/html' }).end('<a href="/v2/elsewhere">Found</a>');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"apps":[]}');
    }
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
}

describe('redirects', () => {
  it('a 302 is not followed: it becomes one clear error and the other path is never called', async () => {
    const { url, seen } = await redirecting();
    const client = createClient({ baseUrl: url, auth: 'basic', credentials: KEY, insecure: true, sleep: async () => {} });
    const err = await rejection(client.request('GET', '/v2/apps'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 302, code: 'http_302', method: 'GET', path: '/v2/apps' });
    expect((err as ApiError).message).toContain('redirect to /v2/elsewhere not followed');
    // One request, to the path asked for: credentials went nowhere else.
    expect(seen.map((s) => s.path)).toEqual(['/v2/apps']);
  });
});

describe('success bodies that are not objects', () => {
  it('null, a list or a number is a one-line error naming the call, not a crash later', async () => {
    const bodies: Record<string, string> = { '/v2/apps/a': 'null', '/v2/apps/b': '[1]', '/v2/apps/c': '7', '/v2/apps/d': '{"app":{"id":"d"}}' };
    server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(bodies[req.url ?? ''] ?? '{}'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const client = createClient({ baseUrl: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, auth: 'basic', credentials: KEY, sleep: async () => {} });
    const message = async (path: string) => ((await rejection(client.get(path))) as Error).message;
    expect(await rejection(client.get('/v2/apps/a'))).toBeInstanceOf(UserError);
    expect(await message('/v2/apps/a')).toBe('GET /v2/apps/a: the API answered 200 with JSON null where the spec has an object.');
    expect(await message('/v2/apps/b')).toBe('GET /v2/apps/b: the API answered 200 with a JSON list where the spec has an object.');
    expect(await message('/v2/apps/c')).toBe('GET /v2/apps/c: the API answered 200 with JSON 7 where the spec has an object.');
    expect(await client.get('/v2/apps/d')).toEqual({ app: { id: 'd' } });
  });
});
