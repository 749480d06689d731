import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { UserError } from '../../src/errors.js';
import { BASE, netError, rejection, testClient, useNock } from './helpers.js';

useNock();

describe('error mapping', () => {
  it('maps a SunCo JSON error to status, code, title, method, path and request id', async () => {
    nock(BASE)
      .get('/v2/apps/a/integrations/x')
      .query(true)
      .reply(404, { errors: [{ code: 'integration_not_found', title: 'Integration not found' }] }, { 'x-request-id': 'req-123' });
    const { client } = testClient();
    const err = (await rejection(client.get('/v2/apps/a/integrations/x?foo=1', { query: { bar: 'baz' } }))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'integration_not_found', title: 'Integration not found', method: 'GET', path: '/v2/apps/a/integrations/x', requestId: 'req-123' });
    expect(err.message).toBe('GET /v2/apps/a/integrations/x failed: 404 integration_not_found: Integration not found (request id req-123)');
  });

  it('joins several errors, taking the first code, and reads x-zendesk-request-id', async () => {
    nock(BASE)
      .post('/v2/apps')
      .reply(400, { errors: [{ code: 'bad_request', title: 'displayName is required' }, { code: 'bad_request', title: 'settings is invalid' }] }, { 'x-zendesk-request-id': 'zd-9' });
    const { client } = testClient();
    const err = (await rejection(client.post('/v2/apps', {}))) as ApiError;
    expect(err).toMatchObject({ status: 400, code: 'bad_request', requestId: 'zd-9' });
    expect(err.title).toBe('displayName is required; bad_request: settings is invalid');
  });

  it('turns an HTML error page into a short single-line message', async () => {
    const html = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>${'\n<p>padding</p>'.repeat(100)}\n</body>\n</html>`;
    nock(BASE).post('/v2/apps').reply(502, html, { 'content-type': 'text/html' });
    const { client } = testClient();
    const err = (await rejection(client.post('/v2/apps', {}))) as ApiError;
    expect(err).toMatchObject({ status: 502, code: 'http_502', method: 'POST', path: '/v2/apps' });
    expect(err.title).toMatch(/^Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx padding/);
    expect(err.title).not.toMatch(/[<>\n]/);
    expect(err.title.length).toBeLessThan(200);
  });

  it('an empty error body gives the status text', async () => {
    nock(BASE).delete('/v2/apps/a').reply(403, '');
    const { client } = testClient();
    expect(await rejection(client.delete('/v2/apps/a'))).toMatchObject({ status: 403, code: 'http_403', title: 'Forbidden' });
  });

  it('a network fault is status 0, network_error, naming cause and host', async () => {
    nock(BASE).post('/v2/apps').replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.smooch.io'));
    const { client } = testClient();
    const err = (await rejection(client.post('/v2/apps', {}))) as ApiError;
    expect(err).toMatchObject({ status: 0, code: 'network_error', method: 'POST', path: '/v2/apps' });
    expect(err.title).toMatch(/ENOTFOUND.*host api\.smooch\.io/);
    // The library error (which holds the request headers) is not kept as the cause.
    expect(JSON.stringify(err.cause, Object.getOwnPropertyNames(err.cause as object))).not.toMatch(/authorization/i);
  });

  it('a timeout is status 0, code timeout', async () => {
    nock(BASE).post('/v2/apps').delay(300).reply(201, {});
    const { client } = testClient({ timeoutMs: 50 });
    const err = (await rejection(client.post('/v2/apps', {}))) as ApiError;
    expect(err).toMatchObject({ status: 0, code: 'timeout', title: 'no response from api.smooch.io within 0.1 s' });
    expect(client.stats.requests).toBe(1);
  });
});

describe('request limits and encoding', () => {
  it('refuses a JSON body over 100 kB before sending anything', async () => {
    const { client } = testClient();
    const body = { metadata: { blob: 'x'.repeat(102_400) } };
    const err = await rejection(client.post('/v2/apps', body));
    expect(err).toBeInstanceOf(UserError);
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).message).toMatch(/POST \/v2\/apps: the JSON body is 100\.0 kB \(102424 bytes\).*102400/);
    expect(client.stats.requests).toBe(0); // and useNock() fails on any unmatched request
  });

  it('accepts a body of exactly 100 kB', async () => {
    const body = { a: 'x'.repeat(102_400 - 8) };
    expect(JSON.stringify(body).length).toBe(102_400);
    nock(BASE).post('/v2/apps', body).reply(201, { app: { id: 'n' } });
    const { client } = testClient();
    expect(await client.post('/v2/apps', body)).toEqual({ app: { id: 'n' } });
  });

  it('sends a raw multipart body with its content type, and a user agent', async () => {
    const data = Buffer.from('--b\r\nContent-Disposition: form-data; name="source"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n');
    nock(BASE, { reqheaders: { 'content-type': 'multipart/form-data; boundary=b', 'user-agent': /^sunco\/\d+\.\d+\.\d+/ } })
      .post('/v2/apps/a/attachments', (b: unknown) => String(b).includes('hello'))
      .query({ access: 'public' })
      .reply(200, { attachment: { mediaUrl: 'https://x/a.txt' } });
    const { client } = testClient();
    const res = await client.request('POST', '/v2/apps/a/attachments', { rawBody: { data, contentType: 'multipart/form-data; boundary=b' }, query: { access: 'public' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ attachment: { mediaUrl: 'https://x/a.txt' } });
  });
});
