import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector, RateLimiter } from '../../src/emulator/faults.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { createStore, emptyState } from '../../src/emulator/memory-store.js';
import { RequestLog } from '../../src/emulator/request-log.js';
import { Router } from '../../src/emulator/router.js';
import { createHandler } from '../../src/emulator/server.js';
import { basic, caller, createApp, start, type Call } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
});
afterAll(() => emu.close());

describe('routing and bodies', () => {
  it('unknown path → 404 with the spec error body', async () => {
    const r = await call('GET', '/v2/nothing/here');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errors: [{ code: 'not_found', title: 'Resource not found' }] });
  });

  it('known path, wrong method → 405 with Allow', async () => {
    const r = await call('PUT', '/v2/apps');
    expect(r.status).toBe(405);
    expect(r.body.errors[0].code).toBe('method_not_allowed');
    expect(r.headers.get('allow')).toBe('GET, POST');
  });

  it('invalid JSON → 400 bad_request', async () => {
    const r = await call('POST', '/v2/apps', { raw: '{"displayName":' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'Invalid JSON body' }] });
  });

  it('a JSON body over 100 kB → 413; just under is accepted', async () => {
    const big = await call('POST', '/v2/apps', { body: { displayName: 'big', metadata: { blob: 'x'.repeat(101 * 1024) } } });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].code).toBe('payload_too_large');
    // Exactly 100 kB (102400 bytes) reaches the handler (which then refuses the metadata); one more byte does not.
    const sized = (bytes: number) => {
      const shell = JSON.stringify({ displayName: 'big', metadata: { blob: '' } });
      return JSON.stringify({ displayName: 'big', metadata: { blob: 'x'.repeat(bytes - shell.length) } });
    };
    const atLimit = await call('POST', '/v2/apps', { raw: sized(100 * 1024) });
    expect(atLimit.body).toEqual({ errors: [{ code: 'bad_request', title: 'App metadata is limited to 4096 bytes in size.' }] });
    const over = await call('POST', '/v2/apps', { raw: sized(100 * 1024 + 1) });
    expect(over.status).toBe(413);
    expect(over.body).toEqual({ errors: [{ code: 'payload_too_large', title: 'Request body is larger than the 100kb limit' }] });
  });

  it('a missing body where one is required → 400', async () => {
    const r = await call('POST', '/v2/apps');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('bad_request');
  });

  it('trailing slashes and encoded ids route like the plain path', async () => {
    const id = await createApp(call);
    expect((await call('GET', `/v2/apps/${id}/`)).status).toBe(200);
    expect((await call('GET', `/v2/apps/${encodeURIComponent(id)}`)).status).toBe(200);
  });
});

describe('handler exceptions', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const state = emptyState();
    state.provisioning.accountKey = { id: 'act_x', secret: 's', displayName: 'account' };
    const router = new Router([
      { method: 'GET', pattern: '/boom', scopes: ['account'], handler: () => { throw new TypeError('bug'); } },
      { method: 'GET', pattern: '/async-boom', scopes: ['account'], handler: () => Promise.reject(new Error('bug')) },
    ]);
    server = createServer(
      createHandler({
        router,
        store: createStore(state),
        faults: new FaultInjector(0, 1),
        limiter: new RateLimiter(0, Date.now),
        latencyMs: 0,
        log: new RequestLog(),
        baseUrl: () => url,
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a non-HttpError → 500 with the error body, and the server keeps serving', async () => {
    for (const p of ['/boom', '/async-boom', '/boom']) {
      const res = await fetch(`${url}${p}`, { headers: { authorization: basic({ keyId: 'act_x', secret: 's' }) } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ errors: [{ code: 'internal_error', title: 'Internal server error' }] });
    }
  });
});

describe('bad input never crashes the server', () => {
  it('odd paths, bad percent-encoding, raw garbage on the socket', async () => {
    for (const p of ['//v2/apps', '/v2/apps/%zz', '/v2/apps/%E0%A4%A', '/v2/apps?page[size]=%zz', '/%00']) {
      const r = await call('GET', p);
      expect([200, 400, 404]).toContain(r.status);
      expect(r.body.errors ?? r.body.apps).toBeDefined();
    }
    const port = Number(new URL(emu.url).port);
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.end('NOT HTTP AT ALL\r\n\r\n'));
      s.on('close', () => resolve());
      s.on('error', () => resolve());
      s.resume();
    });
    expect((await call('GET', '/v2/apps')).status).toBe(200);
  });
});
