import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../src/api/retry.js';
import { BASE, netError, rejection, testClient, useNock } from './helpers.js';

useNock();

const tooMany = { errors: [{ code: 'too_many_requests', title: 'Too many requests' }] };
const unavailable = { errors: [{ code: 'service_unavailable', title: 'Service unavailable' }] };

describe('429', () => {
  it('waits exactly Retry-After seconds, then succeeds', async () => {
    nock(BASE).get('/v2/apps/a').reply(429, tooMany, { 'Retry-After': '3' }).get('/v2/apps/a').reply(200, { app: { id: 'a' } });
    const { client, sleeps, waits } = testClient();
    expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
    expect(sleeps).toEqual([3000]);
    expect(waits[0]!.ms).toBe(3000);
    expect(waits[0]!.reason).toMatch(/429/);
    expect(client.stats).toEqual({ requests: 2, retries: 1, waitedMs: 3000 });
  });

  it('honours an HTTP-date Retry-After', async () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const later = new Date(now + 7000).toUTCString();
    nock(BASE).get('/v2/apps/a').reply(429, tooMany, { 'Retry-After': later }).get('/v2/apps/a').reply(200, {});
    const { client, sleeps } = testClient({ now: () => now });
    await client.get('/v2/apps/a');
    expect(sleeps).toEqual([7000]);
  });

  it('without Retry-After backs off exponentially with full jitter', async () => {
    nock(BASE).post('/v2/apps').times(3).reply(429, tooMany).post('/v2/apps').reply(201, { app: { id: 'n' } });
    const randoms = [0.5, 0.25, 0.999];
    const { client, sleeps } = testClient({ random: () => randoms.shift()! });
    // A POST's 429 is retried: 429 means the request was not processed.
    expect(await client.post('/v2/apps', { displayName: 'x' })).toEqual({ app: { id: 'n' } });
    expect(sleeps).toEqual([100, 100, 799]); // random * min(10 s, 200 ms * 2^n)
    expect(client.stats.requests).toBe(4);
  });

  it('backoff stays within [0, min(max, base * 2^n)) for any random value', () => {
    for (let n = 0; n < 12; n++) {
      const cap = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** n);
      expect(backoffDelay(n, DEFAULT_RETRY, () => 0)).toBe(0);
      const high = backoffDelay(n, DEFAULT_RETRY, () => 0.999999);
      expect(high).toBeLessThan(cap);
      expect(high).toBeGreaterThanOrEqual(cap - 1);
    }
    const real = Array.from({ length: 50 }, () => backoffDelay(3, DEFAULT_RETRY));
    expect(real.every((d) => d >= 0 && d < 1600)).toBe(true);
    expect(new Set(real).size).toBeGreaterThan(1); // jitter: not all equal
  });

  it('gives up when Retry-After exceeds the time budget', async () => {
    nock(BASE).get('/v2/apps/a').reply(429, tooMany, { 'Retry-After': '120' });
    const { client, sleeps } = testClient();
    const err = await rejection(client.get('/v2/apps/a'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect(sleeps).toEqual([]);
  });

  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 2))).toBe(0);
  });
});

describe('transient faults', () => {
  it('retries a 503 on GET, then succeeds', async () => {
    nock(BASE).get('/v2/apps/a').twice().reply(503, unavailable).get('/v2/apps/a').reply(200, { app: { id: 'a' } });
    const { client, sleeps } = testClient({ random: () => 0.5 });
    expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
    expect(sleeps).toEqual([100, 200]);
    expect(client.stats).toEqual({ requests: 3, retries: 2, waitedMs: 300 });
  });

  it.each([502, 504])('retries %i on PATCH', async (status) => {
    nock(BASE).patch('/v2/apps/a').reply(status, '').patch('/v2/apps/a', { displayName: 'y' }).reply(200, { app: { id: 'a' } });
    const { client } = testClient();
    expect(await client.patch('/v2/apps/a', { displayName: 'y' })).toEqual({ app: { id: 'a' } });
    expect(client.stats.requests).toBe(2);
  });

  it('never retries a 503 on POST: one request, ApiError 503', async () => {
    nock(BASE).post('/v2/apps').reply(503, unavailable);
    const { client, sleeps } = testClient();
    const err = (await rejection(client.post('/v2/apps', { displayName: 'x' }))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.code).toBe('service_unavailable');
    expect(client.stats.requests).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 500 on a write (it may have been half done)', async () => {
    nock(BASE).patch('/v2/apps/a').reply(500, { errors: [{ code: 'internal', title: 'boom' }] });
    const { client } = testClient();
    expect(((await rejection(client.patch('/v2/apps/a', { displayName: 'x' }))) as ApiError).status).toBe(500);
    expect(client.stats.requests).toBe(1);
  });

  it('retries a 500 on GET, which changes nothing', async () => {
    nock(BASE).get('/v2/apps/a').reply(500, { errors: [{ code: 'internal', title: 'boom' }] }).get('/v2/apps/a').reply(200, { ok: true });
    const { client } = testClient();
    expect(await client.get('/v2/apps/a')).toEqual({ ok: true });
    expect(client.stats.requests).toBe(2);
    expect(client.stats.retries).toBe(1);
  });

  it('retries a connection reset on GET', async () => {
    nock(BASE)
      .get('/v2/apps/a')
      .replyWithError(netError('ECONNRESET', 'socket hang up'))
      .get('/v2/apps/a')
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED'))
      .get('/v2/apps/a')
      .reply(200, { ok: true });
    const { client } = testClient();
    expect(await client.get('/v2/apps/a')).toEqual({ ok: true });
    expect(client.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('does not retry a connection reset on POST', async () => {
    nock(BASE).post('/v2/apps').replyWithError(netError('ECONNRESET', 'socket hang up'));
    const { client } = testClient();
    const err = (await rejection(client.post('/v2/apps', {}))) as ApiError;
    expect(err).toMatchObject({ status: 0, code: 'network_error', method: 'POST', path: '/v2/apps' });
    expect(err.title).toMatch(/socket hang up.*api\.smooch\.io/);
    expect(client.stats.requests).toBe(1);
  });

  it('treats a DELETE that answers 404 on a retry as done', async () => {
    nock(BASE)
      .delete('/v2/apps/a/integrations/i')
      .replyWithError(netError('ECONNRESET', 'socket hang up'))
      .delete('/v2/apps/a/integrations/i')
      .reply(404, { errors: [{ code: 'integration_not_found', title: 'Integration not found' }] });
    const { client } = testClient();
    await expect(client.delete('/v2/apps/a/integrations/i')).resolves.toEqual({});
    expect(client.stats.requests).toBe(2);
  });

  it('a DELETE that answers 404 on the first attempt is an error', async () => {
    nock(BASE).delete('/v2/apps/a').reply(404, { errors: [{ code: 'app_not_found', title: 'App not found' }] });
    const { client } = testClient();
    expect(await rejection(client.delete('/v2/apps/a'))).toMatchObject({ status: 404, code: 'app_not_found' });
  });

  it('gives up after maxAttempts with the last ApiError', async () => {
    nock(BASE).get('/v2/apps/a').times(3).reply(503, unavailable);
    const { client, sleeps } = testClient({ retry: { maxAttempts: 3 } });
    const err = (await rejection(client.get('/v2/apps/a'))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(client.stats).toMatchObject({ requests: 3, retries: 2 });
    expect(sleeps).toHaveLength(2);
  });

  it('gives up when the next wait would pass maxTotalMs', async () => {
    nock(BASE).get('/v2/apps/a').times(3).reply(429, tooMany, { 'Retry-After': '4' });
    const { client, sleeps } = testClient({ retry: { maxTotalMs: 10_000 } });
    expect(await rejection(client.get('/v2/apps/a'))).toMatchObject({ status: 429 });
    expect(sleeps).toEqual([4000, 4000]);
    expect(client.stats.requests).toBe(3);
  });
});
