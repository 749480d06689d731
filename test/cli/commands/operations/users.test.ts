import { describe, expect, it } from 'vitest';
import { useCli } from './setup.js';

const env = useCli('Users app');

describe('sunco users', () => {
  it('create → get (by id and externalId) → update → delete', async () => {
    const u = await env.json(['users', 'create', '--external-id', 'erin', '--given-name', 'Erin', '--surname', 'Doe', '--email', 'erin@example.org', '--metadata', '{"plan":"pro"}']);
    expect(u).toMatchObject({ externalId: 'erin', profile: { givenName: 'Erin', surname: 'Doe', email: 'erin@example.org' }, metadata: { plan: 'pro' } });
    expect(await env.json(['users', 'get', u.id])).toEqual(u);
    expect(await env.json(['users', 'get', 'erin'])).toEqual(u);
    const updated = await env.json(['users', 'update', 'erin', '--given-name', 'Erin B.', '--metadata', '{"plan":"team"}']);
    expect(updated).toMatchObject({ profile: { givenName: 'Erin B.', surname: 'Doe' }, metadata: { plan: 'team' } });
    expect(await env.json(['users', 'delete', 'erin', '--yes'])).toEqual({ user: 'erin', deleted: true });
    const gone = await env.sunco(['users', 'get', 'erin', '--app', env.appId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('404 user_not_found: User not found');
  });

  it('update without a field to change says so and calls nothing', async () => {
    await env.json(['users', 'create', '--external-id', 'still']);
    env.emu.resetLog();
    const r = await env.sunco(['users', 'update', 'still', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: Nothing to update: pass --given-name, --surname, --email or --metadata.\n');
    expect(env.emu.requestLog).toHaveLength(0);
  });

  it('exits 1 with 409 conflict for a duplicate externalId', async () => {
    await env.json(['users', 'create', '--external-id', 'twice']);
    const r = await env.sunco(['users', 'create', '--external-id', 'twice', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('409 conflict: User already exists');
  });

  it('lists by identity email (filter[identities.email]) and says when none match', async () => {
    const u = await env.json(['users', 'create', '--external-id', 'ident']);
    env.emu.store.state.operations.apps[env.appId]!.users.find((x) => x.id === u.id)!.identities.push({ type: 'email', value: 'ident@example.org' });
    const found = await env.json(['users', 'list', '--email', 'ident@example.org']);
    expect(found.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const none = await env.sunco(['users', 'list', '--email', 'nobody@example.org', '--app', env.appId], { stdoutIsTTY: true });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No users.');
  });

  it('delete-personal-information confirms, then erases the profile and metadata', async () => {
    await env.json(['users', 'create', '--external-id', 'pii', '--given-name', 'Pat', '--metadata', '{"a":1}']);
    const refused = await env.sunco(['users', 'delete-personal-information', 'pii', '--app', env.appId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect((await env.json(['users', 'get', 'pii'])).profile.givenName).toBe('Pat');
    const r = await env.json(['users', 'delete-personal-information', 'pii', '--yes']);
    expect(r).toMatchObject({ externalId: 'pii', profile: {}, metadata: {} });
    expect(r.profile.givenName).toBeUndefined();
    const missing = await env.sunco(['users', 'delete-personal-information', 'ghost', '--yes', '--app', env.appId]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('user_not_found');
  });

  it('refuses users delete without a terminal unless --yes', async () => {
    await env.json(['users', 'create', '--external-id', 'keep']);
    const r = await env.sunco(['users', 'delete', 'keep', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect((await env.json(['users', 'get', 'keep'])).externalId).toBe('keep');
  });
});
