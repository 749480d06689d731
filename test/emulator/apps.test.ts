import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { basic, caller, createApp, createCustom, start, type Call } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
});
afterAll(() => emu.close());

const APP_NOT_FOUND = { errors: [{ code: 'app_not_found', title: 'App not found' }] };

describe('apps', () => {
  it('create 201 {app}, get, list', async () => {
    const c = await call('POST', '/v2/apps', { body: { displayName: 'Support', settings: { multiConvoEnabled: true }, metadata: { team: 'support' } } });
    expect(c.status).toBe(201);
    expect(c.body).toEqual({ app: { id: expect.stringMatching(/^[0-9a-f]{24}$/), displayName: 'Support', settings: { multiConvoEnabled: true }, metadata: { team: 'support' } } });
    const g = await call('GET', `/v2/apps/${c.body.app.id}`);
    expect(g.body).toEqual(c.body);
    const l = await call('GET', '/v2/apps');
    expect(l.body.apps).toContainEqual(c.body.app);
  });

  it('refuses to disable multiConvoEnabled once enabled (spec appSettings: "Enabling multiConvo is irreversible")', async () => {
    const id = (await call('POST', '/v2/apps', { body: { displayName: 'Multi', settings: { multiConvoEnabled: true } } })).body.app.id;
    const r = await call('PATCH', `/v2/apps/${id}`, { body: { settings: { multiConvoEnabled: false } } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'multiConvoEnabled cannot be disabled once enabled: Enabling `multiConvo` is irreversible.' }] });
    expect((await call('GET', `/v2/apps/${id}`)).body.app.settings).toEqual({ multiConvoEnabled: true });
    // Enabling it, and re-sending true, stay allowed.
    const off = (await call('POST', '/v2/apps', { body: { displayName: 'Single', settings: { multiConvoEnabled: false } } })).body.app.id;
    expect((await call('PATCH', `/v2/apps/${off}`, { body: { settings: { multiConvoEnabled: true } } })).status).toBe(200);
    expect((await call('PATCH', `/v2/apps/${off}`, { body: { settings: { multiConvoEnabled: true } } })).status).toBe(200);
  });

  it('create without displayName → 400 with the spec example title', async () => {
    const r = await call('POST', '/v2/apps', { body: { settings: {} } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: "should have required property 'displayName'" }] });
  });

  it('PATCH merges settings field by field and replaces metadata; null clears metadata', async () => {
    const id = (await call('POST', '/v2/apps', { body: { displayName: 'P', settings: { multiConvoEnabled: true, echoPostback: false }, metadata: { a: 1, b: 'x' } } })).body.app.id;
    const r = await call('PATCH', `/v2/apps/${id}`, { body: { displayName: 'P2', settings: { echoPostback: true }, metadata: { c: true } } });
    expect(r.status).toBe(200);
    expect(r.body.app).toEqual({ id, displayName: 'P2', settings: { multiConvoEnabled: true, echoPostback: true }, metadata: { c: true } });
    const cleared = await call('PATCH', `/v2/apps/${id}`, { body: { metadata: null } });
    expect(cleared.body.app.metadata).toBeNull();
    expect(cleared.body.app.displayName).toBe('P2');
  });

  it('metadata over 4096 bytes → 400 with the spec title; exactly at the limit is fine', async () => {
    const id = await createApp(call, 'meta');
    const atLimit = { k: 'x'.repeat(4096 - JSON.stringify({ k: '' }).length) };
    expect((await call('PATCH', `/v2/apps/${id}`, { body: { metadata: atLimit } })).status).toBe(200);
    for (const [m, p] of [['PATCH', `/v2/apps/${id}`], ['POST', '/v2/apps']]) {
      const r = await call(m, p, { body: { displayName: 'm', metadata: { k: `${atLimit.k}y` } } });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'App metadata is limited to 4096 bytes in size.' }] });
    }
  });

  it('metadata must be flat (strings, numbers, booleans)', async () => {
    const r = await call('POST', '/v2/apps', { body: { displayName: 'm', metadata: { nested: { a: 1 } } } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].code).toBe('bad_request');
  });

  it('settings not in appSettings are ignored', async () => {
    const r = await call('POST', '/v2/apps', { body: { displayName: 's', settings: { echoPostback: true, madeUp: 1 } } });
    expect(r.body.app.settings).toEqual({ echoPostback: true });
  });

  it('settings are validated against appSettings', async () => {
    const r = await call('POST', '/v2/apps', { body: { displayName: 's', settings: { conversationRetentionSeconds: -1 } } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].title).toBe('settings.conversationRetentionSeconds should be >= 0');
  });

  it('unknown app → 404 app_not_found', async () => {
    for (const m of ['GET', 'PATCH', 'DELETE']) {
      const r = await call(m, '/v2/apps/000000000000000000000000', m === 'PATCH' ? { body: { displayName: 'x' } } : {});
      expect(r.status).toBe(404);
      expect(r.body).toEqual(APP_NOT_FOUND);
    }
    expect((await call('GET', '/v2/apps/000000000000000000000000/integrations')).body).toEqual(APP_NOT_FOUND);
  });

  it('DELETE 200 {} removes everything under the app, operations state included', async () => {
    const id = await createApp(call, 'doomed');
    const key = (await call('POST', `/v2/apps/${id}/keys`, { body: { displayName: 'k' } })).body.key;
    await createCustom(call, id);
    await call('POST', `/v2/apps/${id}/switchboards`);
    expect((await call('POST', `/v2/apps/${id}/users`, { body: { externalId: 'u1' } })).status).toBe(201);
    expect(emu.store.state.operations.apps[id]).toBeDefined();
    const d = await call('DELETE', `/v2/apps/${id}`);
    expect(d).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `/v2/apps/${id}`)).status).toBe(404);
    expect(emu.store.state.provisioning.apps.find((a) => a.id === id)).toBeUndefined();
    expect(emu.store.state.operations.apps[id]).toBeUndefined();
    // Its key no longer authenticates.
    expect((await call('GET', `/v2/apps/${id}`, { auth: { keyId: key.id, secret: key.secret } })).status).toBe(401);
  });

  it('store.requireApp answers the app or throws 404 app_not_found', async () => {
    const id = await createApp(call, 'req');
    expect(emu.store.requireApp(id)).toMatchObject({ id, displayName: 'req' });
    expect(() => emu.store.requireApp('nope')).toThrow('App not found');
  });
});

describe('links', () => {
  it('name the host the client used (a port mapping, a DNS name), else the bound address', async () => {
    const fresh = await start();
    try {
      const c = caller(fresh);
      for (let i = 0; i < 2; i++) await createApp(c, `linked ${i}`);
      const get = (host?: string) =>
        new Promise<{ links: { next?: string } }>((resolve, reject) => {
          const u = new URL(`${fresh.url}/v2/apps?page[size]=1`);
          const headers: Record<string, string> = { authorization: basic(fresh.accountKey) };
          if (host !== undefined) headers.host = host;
          const req = request({ hostname: u.hostname, port: u.port, path: u.pathname + u.search, headers, setHost: host === undefined }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve(JSON.parse(text)));
          });
          req.on('error', reject);
          req.end();
        });
      expect((await get('sunco.test:18090')).links.next).toMatch(/^http:\/\/sunco\.test:18090\/v2\/apps\?/);
      expect((await get()).links.next).toMatch(new RegExp(`^${fresh.url.replace(/\./g, '\\.')}/v2/apps\\?`));
      // A Host header that is not a host name is not echoed into links.
      expect((await get('evil.example/x?')).links.next).toMatch(new RegExp(`^${fresh.url.replace(/\./g, '\\.')}/`));
    } finally {
      await fresh.close();
    }
  });
});

describe('apps list pagination', () => {
  it('page[size] 1..100, cursors, meta.hasMore/afterCursor and links.next; both cursors → 400', async () => {
    const fresh = await start();
    try {
      const c = caller(fresh);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await createApp(c, `app ${i}`));
      const all = await c('GET', '/v2/apps');
      expect(all.body.apps.map((a: { id: string }) => a.id)).toEqual(ids);
      expect(all.body.meta).toEqual({ hasMore: false });
      const seen: string[] = [];
      let path: string | undefined = '/v2/apps?page[size]=2';
      while (path) {
        const r = await c('GET', path);
        expect(r.status).toBe(200);
        seen.push(...r.body.apps.map((a: { id: string }) => a.id));
        if (r.body.meta.hasMore) {
          expect(r.body.meta.afterCursor).toBe(seen[seen.length - 1]);
          const next = new URL(r.body.links.next);
          path = next.pathname + next.search;
        } else {
          expect(r.body.links.next).toBeUndefined();
          path = undefined;
        }
      }
      expect(seen).toEqual(ids);
      const before = await c('GET', `/v2/apps?page[before]=${ids[3]}&page[size]=2`);
      expect(before.body.apps.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[2]]);
      expect((await c('GET', '/v2/apps?page[size]=1')).body.apps).toHaveLength(1);
      expect((await c('GET', '/v2/apps?page[size]=100')).body.apps).toHaveLength(5);
      // components.schemas.page: cursors are 24-character record ids; size is 1..100.
      const bad = ['page[size]=0', 'page[size]=101', 'page[size]=abc', `page[after]=${ids[0]}&page[before]=${ids[3]}`];
      for (const q of [...bad, 'page[after]=short', 'page[after]=', `page[before]=${'x'.repeat(25)}`]) {
        const r = await c('GET', `/v2/apps?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.errors[0]).toEqual({ code: 'bad_request', title: expect.stringMatching(/^Invalid page query parameters/) });
      }
      // A well-formed id that names no app is no error: nothing comes after it.
      const unknown = await c('GET', `/v2/apps?page[after]=${'0'.repeat(24)}`);
      expect(unknown).toMatchObject({ status: 200, body: { apps: [], meta: { hasMore: false }, links: {} } });
    } finally {
      await fresh.close();
    }
  });
});
