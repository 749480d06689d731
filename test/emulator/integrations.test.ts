import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { SPEC_INTEGRATION_TYPES, specProperties } from '../helpers/spec.js';
import { INVALID, VALID_BODIES, invalidBody } from './fixtures.js';
import { caller, createApp, start, type Call } from '../helpers/emulator.js';

let emu: RunningEmulator;
let call: Call;
let appId: string;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
  appId = await createApp(call);
});
afterAll(() => emu.close());

// The types and their fields come from the spec, not from the planner's table (resources/fields.ts).
const TYPES = SPEC_INTEGRATION_TYPES;

describe('create, per type', () => {
  it('has a fixture for each of the 16 types', () => {
    expect(TYPES).toHaveLength(16);
    expect(Object.keys(VALID_BODIES).sort()).toEqual([...TYPES].sort());
    expect(Object.keys(INVALID).sort()).toEqual([...TYPES].sort());
  });

  for (const type of TYPES) {
    it(`${type}: valid body → 201, write-only fields never returned, on create, get or list`, async () => {
      const body = VALID_BODIES[type] ?? {};
      const created = await call('POST', `/v2/apps/${appId}/integrations`, { body });
      expect(created.status).toBe(201);
      const integ = created.body.integration;
      expect(integ).toMatchObject({ type, status: 'active' });
      expect(integ.id).toMatch(/^[0-9a-f]{24}$/);
      const got = await call('GET', `/v2/apps/${appId}/integrations/${integ.id}`);
      expect(got.status).toBe(200);
      const listed = await call('GET', `/v2/apps/${appId}/integrations?filter[types]=${type}`);
      expect(listed.body.integrations.map((i: { id: string }) => i.id)).toContain(integ.id);
      const props = [...specProperties(type)];
      for (const shown of [integ, got.body.integration, listed.body.integrations.find((i: { id: string }) => i.id === integ.id)]) {
        for (const [name, p] of props) {
          if (p.writeOnly) expect(shown, `${type}.${name}`).not.toHaveProperty(name);
          else if (p.default !== undefined && body[name] === undefined && name !== 'type') expect(shown[name], `${type}.${name} default`).toEqual(p.default);
          else if (!p.readOnly && body[name] !== undefined && name !== 'webhooks') {
            expect(shown[name], `${type}.${name}`).toEqual(body[name]);
          }
        }
      }
      // No secret value sent in the body comes back anywhere in the response.
      const text = JSON.stringify(got.body);
      for (const [name, p] of props) {
        if (p.writeOnly && typeof body[name] === 'string') expect(text).not.toContain(body[name]);
      }
    });

    it(`${type}: invalid body → 400 bad_request with ajv's message`, async () => {
      const r = await call('POST', `/v2/apps/${appId}/integrations`, { body: invalidBody(type) });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toBe('bad_request');
      expect(r.body.errors[0].title).toMatch(INVALID[type]?.title ?? /never/);
    });
  }

  it('unknown or missing type → 400 Invalid integration type', async () => {
    for (const body of [{ type: 'fax' }, { displayName: 'x' }]) {
      const r = await call('POST', `/v2/apps/${appId}/integrations`, { body });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ errors: [{ code: 'bad_request', title: 'Invalid integration type' }] });
    }
  });

  it('fills read-only generated fields with plausible values', async () => {
    const tg = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.telegram });
    expect(tg.body.integration.username).toMatch(/_bot$/);
    expect(tg.body.integration.botId).toMatch(/^\d+$/);
    const mb = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.messagebird });
    expect(mb.body.integration.webhookSecret).toMatch(/^[0-9a-f]{32}$/);
    const tw = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.twitter });
    expect(typeof tw.body.integration.envName).toBe('string');
    const web = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.web });
    expect(web.body.integration).toMatchObject({ attachmentsEnabled: true, brandColor: '65758e', displayStyle: 'button', showAIDisclaimer: true });
  });
});

describe('update', () => {
  it('PATCH changes updatable fields and ignores create-only ones (UpdateIntegration)', async () => {
    const c = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.twilio });
    const id = c.body.integration.id;
    const r = await call('PATCH', `/v2/apps/${appId}/integrations/${id}`, {
      body: { displayName: 'SMS', showAIDisclaimer: false, accountSid: 'AC999', authToken: 'NEW-TOKEN' },
    });
    expect(r.status).toBe(200);
    expect(r.body.integration).toMatchObject({ displayName: 'SMS', showAIDisclaimer: false, accountSid: 'AC123' });
    expect(r.body.integration).not.toHaveProperty('authToken');
    const got = await call('GET', `/v2/apps/${appId}/integrations/${id}`);
    expect(got.body.integration).toMatchObject({ displayName: 'SMS', accountSid: 'AC123' });
  });

  it('PATCH validates against the type update schema', async () => {
    const c = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.web });
    const r = await call('PATCH', `/v2/apps/${appId}/integrations/${c.body.integration.id}`, { body: { fixedIntroPane: 'no' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toEqual({ code: 'bad_request', title: 'fixedIntroPane should be boolean' });
  });

  it('web colors are 3 or 6 hex digits and displayStyle is button or tab (web and webUpdate descriptions)', async () => {
    const bad = [
      [{ brandColor: '#65758e' }, 'brandColor must be a 3 or 6-character hexadecimal color'],
      [{ conversationColor: '09f0' }, 'conversationColor must be a 3 or 6-character hexadecimal color'],
      [{ actionColor: 'blue' }, 'actionColor must be a 3 or 6-character hexadecimal color'],
      [{ displayStyle: 'bubble' }, 'displayStyle must be either button or tab'],
    ] as const;
    for (const [fields, title] of bad) {
      const r = await call('POST', `/v2/apps/${appId}/integrations`, { body: { ...VALID_BODIES.web, ...fields } });
      expect(r.body, title).toEqual({ errors: [{ code: 'bad_request', title }] });
    }
    const ok = await call('POST', `/v2/apps/${appId}/integrations`, { body: { ...VALID_BODIES.web, brandColor: 'ABC', actionColor: '00ff7f', displayStyle: 'tab' } });
    expect(ok.status).toBe(201);
    const id = ok.body.integration.id as string;
    for (const [fields, title] of bad) {
      const r = await call('PATCH', `/v2/apps/${appId}/integrations/${id}`, { body: fields });
      expect(r.body, title).toEqual({ errors: [{ code: 'bad_request', title }] });
    }
    expect((await call('GET', `/v2/apps/${appId}/integrations/${id}`)).body.integration).toMatchObject({ brandColor: 'ABC', actionColor: '00ff7f', displayStyle: 'tab' });
  });

  it('unknown integration → 404 integration_not_found on get, patch, delete', async () => {
    for (const m of ['GET', 'PATCH', 'DELETE']) {
      const r = await call(m, `/v2/apps/${appId}/integrations/000000000000000000000000`, m === 'PATCH' ? { body: {} } : {});
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ errors: [{ code: 'integration_not_found', title: 'Integration not found' }] });
    }
  });

  it('DELETE answers 200 {} and the integration is gone', async () => {
    const c = await call('POST', `/v2/apps/${appId}/integrations`, { body: VALID_BODIES.viber });
    const d = await call('DELETE', `/v2/apps/${appId}/integrations/${c.body.integration.id}`);
    expect(d).toMatchObject({ status: 200, body: {} });
    expect((await call('GET', `/v2/apps/${appId}/integrations/${c.body.integration.id}`)).status).toBe(404);
  });
});

describe('Admin Center integrations', () => {
  it('an SDK integration configured in Admin Center (state adminCenter: true) cannot be deleted', async () => {
    const a = await createApp(call, 'admin center app');
    const web = (await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES.web })).body.integration.id as string;
    emu.store.state.provisioning.apps.find((x) => x.id === a)!.integrations.find((i) => i.id === web)!.adminCenter = true;
    const r = await call('DELETE', `/v2/apps/${a}/integrations/${web}`);
    expect(r).toMatchObject({ status: 400, body: { errors: [{ code: 'bad_request', title: 'SDK integrations configured on Admin Center cannot be deleted' }] } });
    expect((await call('GET', `/v2/apps/${a}/integrations/${web}`)).status).toBe(200);
    // Still an ordinary integration otherwise: it can be updated.
    expect((await call('PATCH', `/v2/apps/${a}/integrations/${web}`, { body: { displayName: 'Renamed' } })).body.integration.displayName).toBe('Renamed');
  });
});

describe('defaultResponder', () => {
  it('defaultResponderId must name a switchboard integration of the app; read back as defaultResponder', async () => {
    const a = await createApp(call, 'responder app');
    const bad = await call('POST', `/v2/apps/${a}/integrations`, { body: { ...VALID_BODIES.web, defaultResponderId: '5ef21b86e933b7355c11c606' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe('bad_request');

    const sb = (await call('POST', `/v2/apps/${a}/switchboards`)).body.switchboard.id;
    const si = await call('POST', `/v2/apps/${a}/switchboards/${sb}/switchboardIntegrations`, {
      body: { name: 'agent', integrationType: 'zd:agentWorkspace' },
    });
    const web = await call('POST', `/v2/apps/${a}/integrations`, { body: { ...VALID_BODIES.web, defaultResponderId: si.body.switchboardIntegration.id } });
    expect(web.status).toBe(201);
    expect(web.body.integration).not.toHaveProperty('defaultResponderId');
    // Only the spec's documented properties (components.schemas.defaultResponder): no id of its own.
    expect(web.body.integration.defaultResponder).toEqual({
      name: 'agent',
      integrationId: si.body.switchboardIntegration.integrationId,
      integrationType: 'zd:agentWorkspace',
      deliverStandbyEvents: true,
      nextSwitchboardIntegrationId: null,
      inherited: false,
    });
    const cleared = await call('PATCH', `/v2/apps/${a}/integrations/${web.body.integration.id}`, { body: { defaultResponderId: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.integration).not.toHaveProperty('defaultResponder');
  });

  it('without an override, reports the enabled switchboard default as inherited: true', async () => {
    const a = await createApp(call, 'inherited app');
    const web = (await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES.web })).body.integration.id as string;
    const sb = (await call('POST', `/v2/apps/${a}/switchboards`)).body.switchboard.id;
    const agent = (await call('POST', `/v2/apps/${a}/switchboards/${sb}/switchboardIntegrations`, { body: { name: 'agent', integrationType: 'zd:agentWorkspace' } }))
      .body.switchboardIntegration.id as string;
    const bot = (await call('POST', `/v2/apps/${a}/switchboards/${sb}/switchboardIntegrations`, { body: { name: 'bot', integrationType: 'zd:answerBot' } }))
      .body.switchboardIntegration.id as string;
    // A disabled switchboard routes nothing: no responder to inherit yet.
    await call('PATCH', `/v2/apps/${a}/switchboards/${sb}`, { body: { defaultSwitchboardIntegrationId: agent } });
    expect((await call('GET', `/v2/apps/${a}/integrations/${web}`)).body.integration).not.toHaveProperty('defaultResponder');
    await call('PATCH', `/v2/apps/${a}/switchboards/${sb}`, { body: { enabled: true } });
    const inherited = await call('GET', `/v2/apps/${a}/integrations/${web}`);
    expect(inherited.body.integration.defaultResponder).toMatchObject({ name: 'agent', integrationType: 'zd:agentWorkspace', inherited: true });
    const listed = await call('GET', `/v2/apps/${a}/integrations`);
    expect(listed.body.integrations[0].defaultResponder).toMatchObject({ name: 'agent', inherited: true });
    // An override wins and is not inherited; clearing it falls back to the default.
    const over = await call('PATCH', `/v2/apps/${a}/integrations/${web}`, { body: { defaultResponderId: bot } });
    expect(over.body.integration.defaultResponder).toMatchObject({ name: 'bot', integrationType: 'zd:answerBot', inherited: false });
    const back = await call('PATCH', `/v2/apps/${a}/integrations/${web}`, { body: { defaultResponderId: null } });
    expect(back.body.integration.defaultResponder).toMatchObject({ name: 'agent', inherited: true });
  });
});

describe('list', () => {
  it('filter[types] takes a comma-separated list', async () => {
    const a = await createApp(call, 'filter app');
    for (const t of ['web', 'telegram', 'viber']) await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES[t] });
    const r = await call('GET', `/v2/apps/${a}/integrations?filter[types]=web,viber`);
    expect(r.status).toBe(200);
    expect(r.body.integrations.map((i: { type: string }) => i.type)).toEqual(['web', 'viber']);
  });

  it('is paginated: page[size], cursors, meta and links', async () => {
    const a = await createApp(call, 'paged app');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES.unity })).body.integration.id);
    const p1 = await call('GET', `/v2/apps/${a}/integrations?page[size]=2`);
    expect(p1.body.integrations.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));
    expect(p1.body.meta).toMatchObject({ hasMore: true, afterCursor: ids[1] });
    const next = new URL(p1.body.links.next);
    expect(`${next.origin}${next.pathname}`).toBe(`${emu.url}/v2/apps/${a}/integrations`);
    expect(next.searchParams.get('page[after]')).toBe(ids[1]);
    expect(next.searchParams.get('page[size]')).toBe('2');
    const p2 = await call('GET', next.pathname + next.search);
    expect(p2.body.integrations.map((i: { id: string }) => i.id)).toEqual([ids[2]]);
    expect(p2.body.meta.hasMore).toBe(false);
    for (const q of ['page[size]=0', 'page[size]=101', `page[after]=${ids[0]}&page[before]=${ids[2]}`]) {
      const r = await call('GET', `/v2/apps/${a}/integrations?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.errors[0].code).toBe('bad_request');
    }
    expect((await call('GET', `/v2/apps/${a}/integrations?page[size]=100`)).status).toBe(200);
  });
});

describe('defaultResponder on a custom integration', () => {
  it('is ignored: the spec\'s custom and customUpdate schemas have no defaultResponderId', async () => {
    const a = await createApp(call, 'custom responder');
    const sb = (await call('POST', `/v2/apps/${a}/switchboards`)).body.switchboard.id;
    const bot = await call('POST', `/v2/apps/${a}/integrations`, { body: VALID_BODIES.custom });
    const si = (await call('POST', `/v2/apps/${a}/switchboards/${sb}/switchboardIntegrations`, { body: { name: 'bot', integrationId: bot.body.integration.id } })).body
      .switchboardIntegration;
    const p = await call('PATCH', `/v2/apps/${a}/integrations/${bot.body.integration.id}`, { body: { defaultResponderId: si.id } });
    expect(p.status).toBe(200);
    expect(p.body.integration.defaultResponder).toBeUndefined();
    const web = await call('POST', `/v2/apps/${a}/integrations`, { body: { type: 'web', displayName: 'Site' } });
    const w = await call('PATCH', `/v2/apps/${a}/integrations/${web.body.integration.id}`, { body: { defaultResponderId: si.id } });
    expect(w.body.integration.defaultResponder).toMatchObject({ name: 'bot', integrationId: bot.body.integration.id, inherited: false });
    const bad = await call('PATCH', `/v2/apps/${a}/integrations/${web.body.integration.id}`, { body: { defaultResponderId: 'nope' } });
    expect(bad.status).toBe(400);
  });
});

/**
 * "Create-only fields are ignored or refused on PATCH, as the spec's update schemas say": the
 * create-only fields are read from the spec itself (properties of `<type>` that `<type>Update`
 * lacks), independently of src/resources/fields.ts.
 */
describe('create-only fields on PATCH, per the spec\'s update schemas', () => {
  type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema & { writeOnly?: boolean }> };
  const spec = JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, Schema> } };
  const props = (s: Schema | undefined): Record<string, Schema & { writeOnly?: boolean }> => {
    if (!s) return {};
    if (s.$ref) return props(spec.components.schemas[s.$ref.split('/').pop() ?? '']);
    return Object.assign({}, ...(s.allOf ?? []).map(props), s.properties ?? {});
  };
  const updateName = (type: string) => ({ messagebird: 'messageBirdUpdate', whatsapp: 'whatsAppUpdate' })[type] ?? `${type}Update`;

  for (const type of TYPES) {
    it(`${type}: a changed create-only field is ignored (200, value kept)`, async () => {
      const create = props({ $ref: `#/components/schemas/${type}` });
      const update = props({ $ref: `#/components/schemas/${updateName(type)}` });
      const body = VALID_BODIES[type] ?? {};
      const createOnly = Object.keys(create).filter((f) => !(f in update) && f !== 'type' && ['string', 'boolean'].includes(typeof body[f]) && !create[f]?.writeOnly);
      const id = (await call('POST', `/v2/apps/${appId}/integrations`, { body })).body.integration.id as string;
      const changed = Object.fromEntries(createOnly.map((f) => [f, typeof body[f] === 'boolean' ? !body[f] : `${String(body[f])}-changed`]));
      const r = await call('PATCH', `/v2/apps/${appId}/integrations/${id}`, { body: changed });
      expect(r.status).toBe(200);
      const got = (await call('GET', `/v2/apps/${appId}/integrations/${id}`)).body.integration;
      for (const f of createOnly) expect(got[f], `${type}.${f}`).toEqual(body[f]);
    });
  }

  it('covers the create-only fields of the types that have them', () => {
    const withCreateOnly = TYPES.filter((t) => {
      const update = props({ $ref: `#/components/schemas/${updateName(t)}` });
      return Object.keys(props({ $ref: `#/components/schemas/${t}` })).some((f) => !(f in update) && typeof VALID_BODIES[t]?.[f] === 'string');
    });
    expect(withCreateOnly).toEqual(expect.arrayContaining(['apple', 'line', 'mailgun', 'messagebird', 'messenger', 'twilio', 'twitter']));
  });
});
