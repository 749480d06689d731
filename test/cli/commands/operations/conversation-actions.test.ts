import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './setup.js';

const env = useCli('Actions app');
const ids: { alice: string; bob: string; bot: string; agent: string } = {} as never;

beforeAll(async () => {
  const base = `/v2/apps/${env.appId}`;
  ids.alice = (await env.api('POST', `${base}/users`, { externalId: 'alice' })).user.id;
  ids.bob = (await env.api('POST', `${base}/users`, { externalId: 'bob' })).user.id;
  const integ = await env.api('POST', `${base}/integrations`, { type: 'custom', displayName: 'Bot', webhooks: [{ target: 'https://bot.example/h', triggers: ['conversation:message'] }] });
  const board = await env.api('POST', `${base}/switchboards`);
  const sbi = `${base}/switchboards/${board.switchboard.id}/switchboardIntegrations`;
  ids.bot = (await env.api('POST', sbi, { name: 'bot', integrationId: integ.integration.id })).switchboardIntegration.id;
  ids.agent = (await env.api('POST', sbi, { name: 'agent', integrationType: 'zd:agentWorkspace', nextSwitchboardIntegrationId: ids.bot })).switchboardIntegration.id;
  await env.api('PATCH', `${sbi}/${ids.bot}`, { nextSwitchboardIntegrationId: ids.agent });
});

async function personal(): Promise<string> {
  return (await env.api('POST', `/v2/apps/${env.appId}/conversations`, { type: 'personal', participants: [{ userId: ids.alice }] })).conversation.id;
}

describe('sunco participants', () => {
  it('joins, lists and leaves an sdkGroup conversation', async () => {
    const group = await env.json(['conversations', 'create', '--type', 'sdkGroup', '--user', ids.alice]);
    const joined = await env.json(['participants', 'join', '-c', group.id, '--external-id', 'bob']);
    expect(joined).toMatchObject({ userId: ids.bob, userExternalId: 'bob' });
    const list = await env.json(['participants', 'list', '-c', group.id]);
    expect(list.map((p: { userId: string }) => p.userId)).toEqual([ids.alice, ids.bob]);
    expect(await env.json(['participants', 'leave', '-c', group.id, '--user', ids.bob])).toEqual({ conversation: group.id, left: ids.bob });
    const again = await env.sunco(['participants', 'leave', '-c', group.id, '--user', ids.bob, '--app', env.appId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('404 not_found: User is not a member of the conversation');
    const noConv = await env.sunco(['participants', 'list', '-c', '5e1606762556d93e9c176f69', '--app', env.appId]);
    expect(noConv.code).toBe(1);
    expect(noConv.stderr).toContain('conversation_not_found');
  });
});

describe('sunco activity', () => {
  it('posts typing and read activities; a user may only mark read', async () => {
    const conv = await personal();
    expect(await env.json(['activity', 'post', '-c', conv, '--type', 'typing:start'])).toEqual({ conversation: conv, type: 'typing:start' });
    await env.json(['activity', 'post', '-c', conv, '--type', 'conversation:read', '--as', 'user:alice']);
    const p = (await env.api('GET', `/v2/apps/${env.appId}/conversations/${conv}/participants`)).participants[0];
    expect(p.lastRead).toEqual(expect.any(String));
    const r = await env.sunco(['activity', 'post', '-c', conv, '--type', 'typing:start', '--as', 'user:alice', '--app', env.appId]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('400 bad_request');
    const bad = await env.sunco(['activity', 'post', '-c', conv, '--type', 'typing:start', '--as', 'robot', '--app', env.appId]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--as must be');
  });
});

describe('sunco switchboard', () => {
  it('passes, offers, accepts and releases control', async () => {
    const conv = await personal();
    const active = async () => (await env.api('GET', `/v2/apps/${env.appId}/conversations/${conv}`)).conversation;
    expect(await env.json(['switchboard', 'pass-control', '-c', conv, '--to', 'bot', '--metadata', '{"why":"start"}'])).toEqual({
      conversation: conv,
      action: 'passControl',
      switchboardIntegration: 'bot',
    });
    expect((await active()).activeSwitchboardIntegration.id).toBe(ids.bot);
    expect(await env.json(['switchboard', 'offer-control', '-c', conv])).toEqual({ conversation: conv, action: 'offerControl', switchboardIntegration: 'next' });
    expect((await active()).pendingSwitchboardIntegration.id).toBe(ids.agent);
    expect(await env.json(['switchboard', 'accept-control', '-c', conv])).toEqual({ conversation: conv, action: 'acceptControl' });
    expect((await active()).activeSwitchboardIntegration.id).toBe(ids.agent);
    const human = await env.sunco(['switchboard', 'release-control', '-c', conv, '--app', env.appId], { stdoutIsTTY: true });
    expect(human.stdout).toBe(`Released control of conversation ${conv}.\n`);
    expect((await active()).activeSwitchboardIntegration).toBeUndefined();
    await env.json(['switchboard', 'pass-control', '-c', conv, '--to', 'bot']);
    expect(await env.json(['switchboard', 'release-control', '-c', conv])).toEqual({ conversation: conv, action: 'releaseControl' });
    expect((await active()).activeSwitchboardIntegration).toBeUndefined();
    const unknown = await env.sunco(['switchboard', 'pass-control', '-c', conv, '--to', 'nobody', '--app', env.appId]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404 switchboard_integration_not_found');
  });
});

describe('sunco attachments', () => {
  it('uploads a file as multipart and removes it by URL', async () => {
    const conv = await personal();
    const dir = mkdtempSync(join(tmpdir(), 'sunco-att-'));
    writeFileSync(join(dir, 'receipt.pdf'), Buffer.from('%PDF-1.4 fake'));
    const att = await env.json(['attachments', 'upload', 'receipt.pdf', '--conversation', conv], { cwd: dir });
    expect(att.mediaType).toBe('application/pdf');
    expect(att.mediaUrl).toMatch(/\/receipt\.pdf$/);
    const stored = env.emu.store.state.operations.apps[env.appId]!.attachments.find((a) => a.mediaUrl === att.mediaUrl)!;
    expect(stored).toMatchObject({ size: 13, conversationId: conv });
    const body = JSON.stringify({ type: 'file', mediaUrl: att.mediaUrl });
    const msg = await env.json(['messages', 'post', '-c', conv, '--file', '-'], { stdin: body });
    expect(msg.content).toMatchObject({ type: 'file', mediaUrl: att.mediaUrl, mediaType: 'application/pdf', mediaSize: 13 });
    expect(await env.json(['attachments', 'remove', att.mediaUrl, '--yes'])).toEqual({ mediaUrl: att.mediaUrl, removed: true });
    const again = await env.sunco(['attachments', 'remove', att.mediaUrl, '--yes', '--app', env.appId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('404 not_found: Attachment not found');
    const missing = await env.sunco(['attachments', 'upload', 'nope.png', '--app', env.appId], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read nope.png');
  });
});
