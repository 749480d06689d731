import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { isLoopbackHost, resolveBaseUrl } from '../../src/api/base-url.js';
import type { ApiError } from '../../src/api/errors.js';
import { UserError } from '../../src/errors.js';
import { KEY, rejection, testClient } from './helpers.js';

describe('base URL', () => {
  it.each([
    [{}, 'https://api.smooch.io'],
    [{ region: 'us' }, 'https://api.smooch.io'],
    [{ region: 'eu-1' }, 'https://api.eu-1.smooch.io'],
    [{ region: 'EU-1' }, 'https://api.eu-1.smooch.io'],
    [{ subdomain: 'acme' }, 'https://acme.zendesk.com/sc'],
    [{ apiUrl: 'http://127.0.0.1:8090/' }, 'http://127.0.0.1:8090'],
    [{ apiUrl: 'https://proxy.example/sunco/' }, 'https://proxy.example/sunco'],
    [{ apiUrl: 'https://x.example', region: 'us' }, 'https://x.example'],
  ])('%j → %s', (input, expected) => {
    expect(resolveBaseUrl(input)).toBe(expected);
  });

  it.each([
    [{ apiUrl: 'https://x.example', subdomain: 'acme' }, /--api-url and --subdomain/],
    [{ apiUrl: 'https://x.example', region: 'eu-1' }, /--api-url and --region/],
    [{ region: 'eu-1', subdomain: 'acme' }, /--region and --subdomain/],
    [{ apiUrl: 'ftp://x.example' }, /only http/],
    [{ apiUrl: 'not a url' }, /Invalid API URL/],
    [{ apiUrl: 'https://id:secret@x.example' }, /must not contain credentials/],
    [{ subdomain: 'acme.zendesk.com' }, /Invalid --subdomain/],
  ])('%j is refused', (input, message) => {
    expect(() => resolveBaseUrl(input)).toThrow(UserError);
    expect(() => resolveBaseUrl(input)).toThrow(message);
  });

  it('knows loopback addresses; localhost names are not addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '[::1]', '::1', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1', 'api.smooch.io', '128.0.0.1', 'localhost', 'a.localhost', 'localhost.evil.example']) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('transport safety', () => {
  it('refuses http:// to a non-loopback host', () => {
    expect(() => testClient({ baseUrl: 'http://api.example.com' })).toThrow(/Refusing to send credentials over plain http to api\.example\.com.*--insecure/);
  });

  it('*.localhost over http counts as local only when it resolves to loopback', async () => {
    nock.disableNetConnect();
    try {
      const looked: string[] = [];
      const outside = createClient({ baseUrl: 'http://evil.localhost:8090', auth: 'basic', credentials: KEY, lookupAll: async (h) => (looked.push(h), ['127.0.0.1', '10.1.2.3']) });
      const err = (await rejection(outside.get('/v2/apps/a'))) as Error;
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toBe('Refusing to send credentials over plain http to evil.localhost:8090 (it resolves to 10.1.2.3, not a loopback address): use https, or pass --insecure if you really mean it.');
      expect(outside.stats.requests).toBe(0);
      const unresolved = createClient({ baseUrl: 'http://nothing.localhost', auth: 'basic', credentials: KEY, lookupAll: async () => { throw new Error('ENOTFOUND'); } });
      expect(((await rejection(unresolved.get('/v2/apps/a'))) as Error).message).toMatch(/nothing\.localhost \(the name does not resolve\)/);

      nock('http://bot.localhost:8090').get('/v2/apps/a').twice().reply(200, { app: { id: 'a' } });
      const local = createClient({ baseUrl: 'http://bot.localhost:8090', auth: 'basic', credentials: KEY, lookupAll: async (h) => (looked.push(h), ['127.0.0.1', '::1']) });
      expect(await local.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
      expect(await local.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
      // Resolved once per client, not per request.
      expect(looked).toEqual(['evil.localhost', 'bot.localhost']);
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });

  it('--insecure allows it', async () => {
    nock.disableNetConnect();
    try {
      nock('http://api.example.com').get('/v2/apps/a').reply(200, { app: { id: 'a' } });
      const { client } = testClient({ baseUrl: 'http://api.example.com', insecure: true });
      expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });

  describe('against a real server on 127.0.0.1', () => {
    let server: Server;
    let url = '';
    const seen: string[] = [];
    let resetNext = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
        if (resetNext > 0) {
          resetNext--;
          req.socket.destroy(); // a reset connection, as a flaky proxy would do
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ app: { id: 'a' } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('http://127.0.0.1 is allowed without --insecure', async () => {
      const client = createClient({ baseUrl: url, auth: 'basic', credentials: KEY });
      expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
      expect(seen.at(-1)).toBe(`GET /v2/apps/a Basic ${Buffer.from(`${KEY.keyId}:${KEY.secret}`).toString('base64')}`);
    });

    it('a real socket reset is retried on GET and reported on POST', async () => {
      const sleeps: number[] = [];
      const client = createClient({ baseUrl: url, auth: 'basic', credentials: KEY, sleep: async (ms) => void sleeps.push(ms) });
      resetNext = 1;
      expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
      expect(client.stats).toMatchObject({ requests: 2, retries: 1 });
      resetNext = 1;
      const err = (await rejection(client.post('/v2/apps', { displayName: 'x' }))) as ApiError;
      expect(err).toMatchObject({ status: 0, code: 'network_error', path: '/v2/apps' });
      expect(err.title).toContain(`host 127.0.0.1:${new URL(url).port}`);
      expect(client.stats.requests).toBe(3);
    });

    it('a refused connection names the URL, after at most 3 retries', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const notices: string[] = [];
      const client = createClient({ baseUrl: `http://127.0.0.1:${port}`, auth: 'basic', credentials: KEY, sleep: async () => {}, notice: (l) => notices.push(l) });
      const err = (await rejection(client.get('/v2/apps'))) as ApiError;
      expect(err).toMatchObject({ status: 0, code: 'connection_refused' });
      expect(err.title).toContain(`cannot connect to http://127.0.0.1:${port}: connection refused (tried 4 times)`);
      expect(client.stats.requests).toBe(4);
      expect(notices.map((n) => n.replace(/.*retrying/, 'retrying'))).toEqual(['retrying (1/3)', 'retrying (2/3)', 'retrying (3/3)']);
      // With a smaller attempt budget, that budget wins.
      const two = createClient({ baseUrl: `http://127.0.0.1:${port}`, auth: 'basic', credentials: KEY, retry: { maxAttempts: 2 }, sleep: async () => {} });
      await rejection(two.get('/v2/apps'));
      expect(two.stats.requests).toBe(2);
    });
  });
});
