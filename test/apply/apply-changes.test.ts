/**
 * Changes after a first apply: update in place, replace keeping switchboard references valid,
 * prune deleting children first, `absent: true`, and changed write-only values.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, writes } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const base = (o: { sid?: string; color?: string; token?: string } = {}) => `
version: 1
apps:
  support:
    displayName: Support
    integrations:
      sms: { type: twilio, displayName: SMS, accountSid: ${o.sid ?? 'AC1'}, authToken: "\${TWILIO_TOKEN}", phoneNumberSid: PN1 }
      tg: { type: telegram, displayName: Telegram, token: "${o.token ?? 'tg:one'}" }
      web: { type: web, displayName: Website, brandColor: "${o.color ?? '65758e'}", defaultResponder: smsdesk }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "https://bot.example.com/a", triggers: ["conversation:message"] }
          extra: { target: "https://bot.example.com/b", triggers: ["conversation:create"] }
        keys:
          runtime: { displayName: runtime }
    switchboard:
      enabled: true
      default: smsdesk
      integrations:
        smsdesk: { integration: sms, next: botdesk }
        botdesk: { integration: bot, next: smsdesk }
`;

interface Item { id: string; [k: string]: unknown }

async function state(appName = 'Support') {
  const apps = await h.api.listAll<Item>('/v2/apps', 'apps');
  const app = apps.find((a) => a.displayName === appName)!;
  const integrations = await h.api.listAll<Item>(`/v2/apps/${app.id}/integrations`, 'integrations');
  const [sb] = (await h.api.get<{ switchboards: Item[] }>(`/v2/apps/${app.id}/switchboards`)).switchboards;
  const sbis = sb ? (await h.api.get<{ switchboardIntegrations: Item[] }>(`/v2/apps/${app.id}/switchboards/${sb.id}/switchboardIntegrations`)).switchboardIntegrations : [];
  return { app, integrations, sb, sbis };
}

async function apply(file: string, extra: string[] = []) {
  return h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json', ...extra], { env: { TWILIO_TOKEN: 'tw-1' } });
}

async function planIsEmpty(file: string, env: NodeJS.ProcessEnv = { TWILIO_TOKEN: 'tw-1' }) {
  const r = await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env });
  return r.code === 0 && r.stdout.includes('No changes.');
}

describe('apply after a change', () => {
  it('applies the switchboard cycle cleanly from empty: next both ways, default, defaultResponder', async () => {
    const file = await h.write('a.yaml', base());
    const r = await apply(file);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('FAILED');
    const { integrations, sb, sbis } = await state();
    const id = (type: string) => integrations.find((i) => i.type === type)!.id;
    const smsdesk = sbis.find((s) => s.name === 'smsdesk')!;
    const botdesk = sbis.find((s) => s.name === 'botdesk')!;
    expect(smsdesk).toMatchObject({ integrationId: id('twilio'), nextSwitchboardIntegrationId: botdesk.id });
    expect(botdesk).toMatchObject({ integrationId: id('custom'), nextSwitchboardIntegrationId: smsdesk.id });
    expect(sb).toMatchObject({ enabled: true, defaultSwitchboardIntegrationId: smsdesk.id });
    expect(integrations.find((i) => i.type === 'web')!.defaultResponder).toMatchObject({ name: 'smsdesk', integrationId: id('twilio') });
    expect(await planIsEmpty(file)).toBe(true);
  });

  it('updates a changed field in place', async () => {
    const file = await h.write('a.yaml', base());
    expect((await apply(file)).code).toBe(0);
    const before = await state();
    await h.write('a.yaml', base({ color: '112233' }));
    const mark = h.emu.requestLog.length;
    const r = await apply(file);
    expect(r.stdout).toContain('Apply complete: 0 created, 1 updated, 0 replaced, 0 deleted.');
    const web = before.integrations.find((i) => i.type === 'web')!;
    expect(writes(h.emu, mark)).toEqual([`PATCH /v2/apps/${before.app.id}/integrations/${web.id}`]);
    expect(await planIsEmpty(file)).toBe(true);
  });

  it('replaces on a create-only field and keeps the switchboard references valid', async () => {
    const file = await h.write('a.yaml', base());
    expect((await apply(file)).code).toBe(0);
    const before = await state();
    const oldSms = before.integrations.find((i) => i.type === 'twilio')!;
    await h.write('a.yaml', base({ sid: 'AC2' }));
    const r = await apply(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Apply complete: 0 created, \d+ updated, 1 replaced, 0 deleted\./);
    const after = await state();
    const sms = after.integrations.filter((i) => i.type === 'twilio');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.id).not.toBe(oldSms.id);
    expect(sms[0]!.accountSid).toBe('AC2');
    const smsdesk = after.sbis.find((s) => s.name === 'smsdesk')!;
    expect(smsdesk.integrationId).toBe(sms[0]!.id);
    expect(after.sb!.defaultSwitchboardIntegrationId).toBe(smsdesk.id);
    expect(await planIsEmpty(file)).toBe(true);
  });

  it('a changed write-only value (telegram token) replaces; an unchanged one plans nothing', async () => {
    const file = await h.write('a.yaml', base());
    expect((await apply(file)).code).toBe(0);
    expect(await planIsEmpty(file)).toBe(true);
    // twilio authToken comes from a variable: a new value must show up as a change.
    const changedVar = await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env: { TWILIO_TOKEN: 'tw-2' } });
    expect(changedVar.code).toBe(2);
    expect(changedVar.stdout).not.toContain('tw-2');
    await h.write('a.yaml', base({ token: 'tg:two' }));
    const r = await apply(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 replaced/);
    expect(r.stdout).not.toContain('tg:two');
    expect(await planIsEmpty(file)).toBe(true);
  });

  it('--prune deletes undeclared resources, children before parents', async () => {
    const file = await h.write('a.yaml', base());
    expect((await apply(file)).code).toBe(0);
    const before = await state();
    await h.write('small.yaml', 'version: 1\napps:\n  support:\n    displayName: Support\n');
    const mark = h.emu.requestLog.length;
    const unpruned = await h.cli(['apply', '-f', 'small.yaml', '--yes']);
    expect(unpruned.stdout).toContain('unmanaged');
    expect(writes(h.emu, mark)).toEqual([]);
    const r = await h.cli(['apply', '-f', 'small.yaml', '--yes', '--prune']);
    expect(r.code).toBe(0);
    const deletes = writes(h.emu, mark);
    // The switchboard (its switchboard integrations go with it) and the four integrations; a
    // custom integration's webhooks and keys go with it too (no call of their own).
    const appPath = `/v2/apps/${before.app.id}`;
    // Then the app's bookkeeping drops the bindings of what was deleted (one PATCH, not a change).
    expect([...deletes].sort()).toEqual([
      `DELETE ${appPath}/switchboards/${before.sb!.id}`,
      ...before.integrations.map((i) => `DELETE ${appPath}/integrations/${i.id}`),
      `PATCH ${appPath}`,
    ].sort());
    expect(before.integrations).toHaveLength(4);
    expect(deletes.every((d) => d.startsWith('DELETE ') || d.startsWith('PATCH '))).toBe(true);
    const del = deletes.filter((d) => d.startsWith('DELETE ')).map((d) => d.slice(7));
    // A child's path extends its parent's: every child is deleted before its parent.
    for (const [i, p] of del.entries()) {
      for (const q of del.slice(i + 1)) expect(p.startsWith(`${q}/`)).toBe(false);
    }
    // Switchboard integrations point at integrations (they were created after them): the
    // switchboard, and with it its switchboard integrations, is deleted first.
    const sbIndex = del.findIndex((d) => d.includes('/switchboards/'));
    const smsIndex = del.findIndex((d) => d.endsWith(before.integrations.find((i) => i.type === 'twilio')!.id));
    expect(sbIndex).toBeGreaterThanOrEqual(0);
    expect(sbIndex).toBeLessThan(smsIndex);
    const after = await state();
    expect(after.integrations).toEqual([]);
    expect(after.sb).toBeUndefined();
    expect(await planIsEmpty(join(h.dir, 'small.yaml'), {})).toBe(true);
  });

  it('absent: true deletes the app; other apps are left alone', async () => {
    const other = await h.api.post<{ app: Item }>('/v2/apps', { displayName: 'Other team' });
    const file = await h.write('a.yaml', 'version: 1\napps:\n  old:\n    displayName: Old app\n');
    expect((await h.cli(['apply', '-f', file, '--yes'])).code).toBe(0);
    await h.write('a.yaml', 'version: 1\napps:\n  old:\n    displayName: Old app\n    absent: true\n');
    const r = await h.cli(['apply', '-f', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 created, 0 updated, 0 replaced, 1 deleted');
    const apps = await h.api.listAll<Item>('/v2/apps', 'apps');
    expect(apps.map((a) => a.id)).toEqual([other.app.id]);
  });
});
