/**
 * Issue 13, failure 2: renames created duplicates, because identity was only the natural key.
 * With bindings (address → live id in reserved keys of the app's metadata), a renamed
 * integration displayName, webhook target, switchboard integration name and app displayName
 * plan as updates against the emulator, keep their ids, and converge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BINDINGS_KEY, APP_BINDING_KEY } from '../../src/resources/reserved-keys.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

interface Doc {
  summary: Record<string, number>;
  changes: { address: string; action: string; fields: { field: string; before?: unknown; after?: unknown }[]; reason?: string }[];
  steps: { id: string }[];
  notes: { code: string; address: string; message: string }[];
}

const cfg = (o: { app?: string; web?: string; target?: string; sbName?: string; blob?: number } = {}) => `
version: 1
apps:
  support:
    displayName: "${o.app ?? '[staging] Support'}"
${o.blob ? `    metadata: { blob: "${'x'.repeat(o.blob)}" }\n` : ''}    integrations:
      web: { type: web, displayName: "${o.web ?? 'Website'}", defaultResponder: desk }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "${o.target ?? 'https://bot.example.com/a'}", triggers: ["conversation:message"] }
    switchboard:
      enabled: true
      default: desk
      integrations:
        desk: { ${o.sbName ? `name: ${o.sbName}, ` : ''}integration: bot }
`;

async function apply(text: string) {
  const file = await h.write('sunco.yaml', text);
  const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
}

async function plan(text: string): Promise<Doc> {
  const file = await h.write('sunco.yaml', text);
  const r = await h.cli(['plan', '-f', file, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

const acting = (d: Doc) => d.changes.filter((c) => c.action !== 'unmanaged').map((c) => [c.address, c.action]);

async function ids(): Promise<Record<string, string>> {
  const apps = await h.api.listAll<{ id: string; displayName: string }>('/v2/apps', 'apps');
  const out: Record<string, string> = {};
  for (const app of apps) {
    out[`app:${app.displayName}`] = app.id;
    for (const i of await h.api.listAll<{ id: string; displayName: string; type: string }>(`/v2/apps/${app.id}/integrations`, 'integrations')) {
      out[`integration:${i.type}`] = i.id;
      if (i.type === 'custom') for (const w of (await h.api.get<{ webhooks: { id: string }[] }>(`/v2/apps/${app.id}/integrations/${i.id}/webhooks`)).webhooks) out.webhook = w.id;
    }
    const [sb] = (await h.api.get<{ switchboards: { id: string }[] }>(`/v2/apps/${app.id}/switchboards`)).switchboards;
    if (sb) for (const s of (await h.api.get<{ switchboardIntegrations: { id: string }[] }>(`/v2/apps/${app.id}/switchboards/${sb.id}/switchboardIntegrations`)).switchboardIntegrations) out.sbi = s.id;
  }
  return out;
}

describe('renames plan as updates (bindings)', () => {
  const renames: [string, Parameters<typeof cfg>[0], string, string][] = [
    ['an integration displayName', { web: 'Web messenger' }, 'app.support.integration.web', 'displayName'],
    ['a webhook target (the same webhook and secret)', { target: 'https://bot.example.com/v2' }, 'app.support.integration.bot.webhook.main', 'target'],
    ['a switchboard integration name', { sbName: 'frontdesk' }, 'app.support.switchboard.integration.desk', 'name'],
    ['an app displayName (account key: its own binding)', { app: '[stg] Support' }, 'app.support', 'displayName'],
  ];
  for (const [what, edit, address, field] of renames) {
    it(`${what}: one update, same id, then converged`, async () => {
      await apply(cfg());
      const before = await ids();
      const secrets = await h.secrets();
      const d = await plan(cfg(edit));
      expect(acting(d)).toEqual([[address, 'update']]);
      expect(d.changes[0]!.fields.map((f) => f.field)).toEqual([field]);
      expect(d.summary).toMatchObject({ create: 0, update: 1, replace: 0, delete: 0 });
      await apply(cfg(edit));
      const after = await ids();
      expect(Object.values(after).sort()).toEqual(Object.values(before).sort());
      // No new secret was made (a new webhook or key would have one).
      expect(await h.secrets()).toEqual(secrets);
      const again = await plan(cfg(edit));
      expect(again.steps).toEqual([]);
    });
  }

  it('falls back to natural keys, with a note, when the bindings do not fit in 4 KB; still converges', async () => {
    // 4096 bytes minus what the bindings of 5 resources need leaves no room for them.
    const big = cfg({ blob: 3950 });
    const first = await plan(big);
    expect(first.notes.filter((n) => n.code === 'bindings-fallback').map((n) => n.address)).toEqual(['app.support']);
    await apply(big);
    const apps = await h.api.listAll<{ metadata: Record<string, unknown> }>('/v2/apps', 'apps');
    expect(apps[0]!.metadata).toMatchObject({ blob: 'x'.repeat(3950), [APP_BINDING_KEY]: 'support' });
    expect(apps[0]!.metadata[BINDINGS_KEY]).toBeUndefined();
    const again = await plan(big);
    expect(again.steps).toEqual([]);
    expect(again.notes.map((n) => n.code)).toEqual(['bindings-fallback']);
    // Without bindings a rename is a create, and the plan asks whether it is one.
    const renamed = await plan(cfg({ blob: 3950, web: 'Web messenger' }));
    expect(acting(renamed)).toEqual([['app.support.integration.web', 'create']]);
    const ask = renamed.notes.find((n) => n.code === 'rename')!;
    expect(ask.message).toMatch(/did you rename integration web "Website" \(app\.support\.integration\[[0-9a-f]{24}\], id [0-9a-f]{24}\) to web "Web messenger" \(app\.support\.integration\.web\)\?/);
  });

  it('ignores and rewrites a binding to an object that no longer exists', async () => {
    await apply(cfg());
    const { ['integration:web']: oldWeb } = await ids();
    const appId = (await ids())['app:[staging] Support']!;
    await h.api.request('DELETE', `/v2/apps/${appId}/integrations/${oldWeb}`);
    const d = await plan(cfg({ web: 'Web messenger' }));
    expect(acting(d)).toEqual([['app.support.integration.web', 'create']]);
    await apply(cfg({ web: 'Web messenger' }));
    expect((await plan(cfg({ web: 'Web messenger' }))).steps).toEqual([]);
    // The new binding is used: renaming again is an update.
    expect(acting(await plan(cfg({ web: 'Site' })))).toEqual([['app.support.integration.web', 'update']]);
  });

  it('never uses a binding across apps', async () => {
    await apply(cfg());
    const apps = await h.api.listAll<{ id: string; metadata: Record<string, unknown> }>('/v2/apps', 'apps');
    const other = await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Other', metadata: { [BINDINGS_KEY]: apps[0]!.metadata[BINDINGS_KEY] } });
    await h.api.post(`/v2/apps/${other.app.id}/integrations`, { type: 'web', displayName: 'Elsewhere' });
    const text = `${cfg()}  other:\n    displayName: Other\n    integrations:\n      web: { type: web, displayName: Renamed }\n`;
    const d = await plan(text);
    // app.other's copied bindings name ids of app.support's objects: they bind nothing there.
    expect(acting(d)).toEqual([['app.other.integration.web', 'create']]);
  });

  it('says "did you rename …?" for an adopted object renamed before sunco bound it', async () => {
    const app = await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Adopted' });
    await h.api.post(`/v2/apps/${app.app.id}/integrations`, { type: 'web', displayName: 'Old site' });
    await h.api.post(`/v2/apps/${app.app.id}/integrations`, { type: 'viber', displayName: 'Viber', token: 'v' });
    const text = 'version: 1\napps:\n  a:\n    displayName: Adopted\n    integrations:\n      site: { type: web, displayName: New site }\n';
    const d = await plan(text);
    expect(acting(d)).toEqual([['app.a.integration.site', 'create']]);
    const asks = d.notes.filter((n) => n.code === 'rename');
    // Only the web integration: another type is never a rename candidate.
    expect(asks).toHaveLength(1);
    expect(asks[0]!.message).toContain('did you rename integration web "Old site"');
    expect(asks[0]!.message).toContain('to web "New site" (app.a.integration.site)?');
    expect(asks[0]!.message).toMatch(/pin app\.a\.integration\.site with `id: [0-9a-f]{24}`/);
  });
});

describe('one account, several instances of one config (staging and production)', () => {
  const instance = (prefix: string) => `version: 1\napps:\n  support:\n    displayName: "${prefix} Support"\n    integrations:\n      web: { type: web, displayName: "${prefix} Website" }\n`;

  it('matches each instance by displayName among the apps bound to the same logical name, never the other', async () => {
    await apply(instance('[staging]'));
    // A second instance, created while the first exists: it must be created, not take staging's app.
    // (An app bound to the name exists, so this is the case the binding alone cannot tell apart:
    // the plan says so in a note; pinning id or keeping distinct logical names avoids it.)
    const prod = await plan(instance('[prod]'));
    expect(prod.notes.some((n) => n.code === 'app-binding')).toBe(true);
    const apps = await h.api.listAll<{ id: string }>('/v2/apps', 'apps');
    // Create production by hand-pinning nothing: adopt by writing it as a new app first.
    await h.api.post('/v2/apps', { displayName: '[prod] Support', metadata: { [APP_BINDING_KEY]: 'support' } });
    expect(apps).toHaveLength(1);
    // Now two live apps are bound to app.support: each plan finds its own by displayName.
    const staging = await plan(instance('[staging]'));
    expect(acting(staging)).toEqual([]);
    const prodPlan = await plan(instance('[prod]'));
    expect(acting(prodPlan)).toEqual([['app.support.integration.web', 'create']]);
    // Renaming one of them cannot tell which: no binding is used, and the note asks for an id pin.
    const renamed = await plan(instance('[stg]'));
    expect(acting(renamed)).toEqual([['app.support', 'create'], ['app.support.integration.web', 'create']]);
    expect(renamed.notes.find((n) => n.code === 'app-binding')!.message).toMatch(/2 live apps are bound to app\.support .*pin it with `id`/);
  });
});
