/**
 * The pure part of export (src/export/build.ts): live nodes in, config entries, variables,
 * secrets and notes out. No HTTP: the live trees are built by hand.
 */
import { describe, expect, it } from 'vitest';
import { recordKey } from '../../src/resources/sensitive-record.js';
import { exportState } from '../../src/export/build.js';
import type { KindName, LiveNode, Raw } from '../../src/resources/types.js';

let n = 0;
const id = (): string => `6b00000000000000000000${String(++n).padStart(2, '0')}`;
const node = (kind: KindName, raw: Raw, children: LiveNode['children'] = {}): LiveNode => {
  const withId = { id: id(), ...raw };
  return { kind, id: withId.id as string, raw: withId, children };
};

describe('exportState', () => {
  it('leaves out API defaults, read-only fields and sunco\'s reserved metadata keys', () => {
    const web = node('integration', { type: 'web', status: 'active', displayName: 'Web', brandColor: '65758e', conversationColor: '123456', showAIDisclaimer: true, attachmentsEnabled: true, buttonWidth: '58' });
    const custom = node('integration', { type: 'custom', displayName: 'Bot' }, {
      webhook: [node('webhook', { target: 'https://hooks.example.com/x', triggers: ['conversation:message'], includeFullUser: false, includeFullSource: true, version: 'v2', secret: 'whsec' })],
      'integration-key': [],
    });
    const app = node('app', { displayName: 'Only reserved', settings: {}, metadata: { 'sunco:fingerprints': '1.x.', 'sunco:bindings': 'y' } }, { integration: [web, custom], 'app-key': [] });
    const r = exportState([app]);
    expect(r.apps).toHaveLength(1);
    expect(r.apps[0]!.entry).toEqual({
      displayName: 'Only reserved',
      integrations: {
        web: { type: 'web', displayName: 'Web', conversationColor: '123456' },
        bot: { type: 'custom', displayName: 'Bot', webhooks: { 'hooks-example-com': { target: 'https://hooks.example.com/x', triggers: ['conversation:message'], includeFullSource: true } } },
      },
    });
    expect(r.secrets).toEqual({ 'app.only-reserved.integration.bot.webhook.hooks-example-com': { id: custom.children.webhook![0]!.id, secret: 'whsec' } });
    expect(r.variables).toEqual([]);
  });

  it('names siblings in id order, whatever order they were listed in', () => {
    const a = node('integration', { type: 'telegram', displayName: 'Chat' });
    const b = node('integration', { type: 'viber', displayName: 'chat!' });
    const names = (list: LiveNode[]) => Object.keys(exportState([node('app', { displayName: 'A' }, { integration: list })]).apps[0]!.entry.integrations as Raw);
    expect(names([a, b])).toEqual(['chat', 'chat-2']);
    expect(names([b, a])).toEqual(['chat', 'chat-2']);
    const first = exportState([node('app', { displayName: 'A' }, { integration: [b, a] })]);
    expect((first.apps[0]!.entry.integrations as Record<string, Raw>).chat!.type).toBe('telegram');
  });

  it('pins by id (with a comment) the objects whose natural keys collide, and everything with --pin-ids', () => {
    const w1 = node('integration', { type: 'web', displayName: 'Widget' });
    const w2 = node('integration', { type: 'web', displayName: 'Widget' });
    const other = node('integration', { type: 'web', displayName: 'Other' });
    const app = node('app', { displayName: 'A' }, { integration: [w1, w2, other] });
    const r = exportState([app]);
    const integrations = r.apps[0]!.entry.integrations as Record<string, Raw>;
    expect(integrations.widget).toEqual({ id: w1.id, type: 'web', displayName: 'Widget' });
    expect(integrations['widget-2']).toEqual({ id: w2.id, type: 'web', displayName: 'Widget' });
    expect(integrations.other).toEqual({ type: 'web', displayName: 'Other' });
    expect(r.apps[0]!.comments).toEqual([
      { path: ['a', 'integrations', 'widget'], text: 'Pinned by id: 2 live integrations share its identity (type "web", displayName "Widget").' },
      { path: ['a', 'integrations', 'widget-2'], text: 'Pinned by id: 2 live integrations share its identity (type "web", displayName "Widget").' },
    ]);
    const pinned = exportState([app], { pinIds: true }).apps[0]!;
    expect(pinned.entry.id).toBe(app.id);
    expect((pinned.entry.integrations as Record<string, Raw>).other!.id).toBe(other.id);
  });

  it('references by logical name; one to an object that is not exported is left out, with a note', () => {
    const bot = node('integration', { type: 'custom', displayName: 'Bot' }, { webhook: [node('webhook', { target: 'https://b.example.com', triggers: ['conversation:message'] })] });
    const si = node('switchboard-integration', { name: 'bot', integrationId: bot.id, integrationType: 'custom', deliverStandbyEvents: true, nextSwitchboardIntegrationId: '6bffffffffffffffffffffff', messageHistoryCount: null });
    const sb = node('switchboard', { enabled: false, defaultSwitchboardIntegrationId: si.id }, { 'switchboard-integration': [si] });
    const web = node('integration', { type: 'web', displayName: 'Web', defaultResponder: { name: 'bot', integrationId: bot.id, inherited: false } });
    const r = exportState([node('app', { displayName: 'A' }, { integration: [bot, web], switchboard: [sb] })]);
    const entry = r.apps[0]!.entry;
    expect(entry.switchboard).toEqual({ enabled: false, default: 'bot', integrations: { bot: { integration: 'bot' } } });
    expect((entry.integrations as Record<string, Raw>).web!.defaultResponder).toBe('bot');
    expect(r.notes).toEqual(['app.a.switchboard.integration.bot: next points to id 6bffffffffffffffffffffff, which is not exported; it is left out']);
  });

  it('says when a custom integration has no webhook (the config needs one)', () => {
    const bare = node('integration', { type: 'custom', displayName: 'Bare' }, { webhook: [], 'integration-key': [] });
    expect(exportState([node('app', { displayName: 'A' }, { integration: [bare] })]).notes).toEqual([
      'app.a.integration.bare: it has no webhook, and the config needs one to declare it; add one before planning',
    ]);
  });

  it('an inherited defaultResponder is not written: it comes from the switchboard', () => {
    const web = node('integration', { type: 'web', displayName: 'Web', defaultResponder: { name: 'bot', inherited: true } });
    const r = exportState([node('app', { displayName: 'A' }, { integration: [web] })]);
    expect(r.apps[0]!.entry.integrations).toEqual({ web: { type: 'web', displayName: 'Web' } });
    expect(r.notes).toEqual([]);
  });

  it('write-only fields and read-back credentials become variables; credential values go to secrets only', () => {
    const line = node('integration', { type: 'line', displayName: 'LINE', channelId: 'c1', channelSecret: 'cs-value', lineId: '@x' });
    const tg = node('integration', { type: 'telegram', displayName: 'Support Telegram', username: 'bot_name', botId: '1' });
    const r = exportState([node('app', { displayName: 'Support' }, { integration: [line, tg] })]);
    expect(r.apps[0]!.entry.integrations).toEqual({
      line: { type: 'line', displayName: 'LINE', channelId: 'c1', channelSecret: '${SUPPORT_LINE_CHANNEL_SECRET}' },
      'support-telegram': { type: 'telegram', displayName: 'Support Telegram', token: '${SUPPORT_SUPPORT_TELEGRAM_TOKEN}' },
    });
    expect(r.variables).toEqual([
      { name: 'SUPPORT_LINE_CHANNEL_SECRET', address: 'app.support.integration.line', field: 'channelSecret', reason: 'credential', savedIn: { key: 'app.support.integration.line#channelSecret' } },
      { name: 'SUPPORT_SUPPORT_TELEGRAM_TOKEN', address: 'app.support.integration.support-telegram', field: 'token', reason: 'write-only' },
    ]);
    expect(r.secrets).toEqual({ 'app.support.integration.line#channelSecret': { id: line.id, secret: 'cs-value' } });
    expect(JSON.stringify(r.apps)).not.toContain('cs-value');
  });

  it('metadata values sunco applied from sensitive variables (named in sunco:sensitive) become variables, their values secrets only', () => {
    const metadata = { team: 'tok-123456', 'a.b': 'dotted-secret', region: 'eu', n: 5, 'sunco:sensitive': '["a.b","team","n","gone"]' };
    const r = exportState([node('app', { displayName: 'Care', metadata })]);
    // A number from a sensitive variable is one too (a whole `${X}` reads back as a number).
    expect(r.apps[0]!.entry.metadata).toEqual({ team: '${CARE_METADATA_TEAM}', 'a.b': '${CARE_METADATA_A_B}', region: 'eu', n: '${CARE_METADATA_N}' });
    expect(r.variables.map((v) => [v.name, v.field, v.reason]).sort()).toEqual([
      ['CARE_METADATA_A_B', 'metadata.a.b', 'sensitive'],
      ['CARE_METADATA_N', 'metadata.n', 'sensitive'],
      ['CARE_METADATA_TEAM', 'metadata.team', 'sensitive'],
    ]);
    expect(Object.fromEntries(Object.entries(r.secrets).map(([k, v]) => [k, v.secret]))).toEqual({ 'app.care#metadata.team': 'tok-123456', 'app.care#metadata.a.b': 'dotted-secret', 'app.care#metadata.n': '5' });
    expect(JSON.stringify(r.apps)).not.toMatch(/tok-123456|dotted-secret/);
    // An unreadable record is no record.
    expect(exportState([node('app', { displayName: 'Care', metadata: { team: 't', 'sunco:sensitive': '{' } })]).apps[0]!.entry.metadata).toEqual({ team: 't' });
  });

  it('plain fields the record names (by id) become variables, and never name an entry nor a pin comment', () => {
    const W = 'aaaaaaaaaaaaaaaaaaaaaaa1';
    const record = JSON.stringify({ '': ['displayName'], [recordKey(W)]: ['target'], [recordKey('bbbbbbbbbbbbbbbbbbbbbbb1')]: ['displayName', 'originWhitelist.1'] });
    const hook = (id: string) => node('webhook', { id, target: 'https://hidden-host.example/x', triggers: ['conversation:message'], version: 'v2', includeFullUser: false, includeFullSource: false, secret: 'whsec-1234' });
    const app = node('app', { displayName: 'Secret Brand Care', metadata: { 'sunco:app': 'care', 'sunco:sensitive': record } }, {
      integration: [
        node('integration', { id: 'i0', type: 'custom', displayName: 'Bot', status: 'active' }, { webhook: [hook(W), hook('aaaaaaaaaaaaaaaaaaaaaaa2')] }),
        node('integration', { id: 'bbbbbbbbbbbbbbbbbbbbbbb1', type: 'web', displayName: 'Hidden Web', originWhitelist: ['https://a.example', 'https://hidden-origin.example'], status: 'active' }),
      ],
    });
    const r = exportState([app]);
    // The app is named as it was applied (sunco:app), not from its sensitive displayName.
    expect(r.apps[0]!.name).toBe('care');
    const entry = r.apps[0]!.entry as { displayName: string; integrations: Record<string, { displayName?: string; originWhitelist?: string[]; webhooks?: Record<string, { target: string }> }> };
    expect(entry.displayName).toBe('${CARE_DISPLAY_NAME}');
    expect(Object.keys(entry.integrations).sort()).toEqual(['bot', 'web']);
    expect(entry.integrations.web).toMatchObject({ displayName: '${CARE_WEB_DISPLAY_NAME}', originWhitelist: ['https://a.example', '${CARE_WEB_ORIGIN_WHITELIST_1}'] });
    // Two webhooks share their target: one is sensitive, so the pin comment names neither value.
    const hooks = entry.integrations.bot!.webhooks!;
    expect(Object.values(hooks).map((h) => h.target).sort()).toEqual(['${CARE_BOT_WEBHOOK_TARGET}', 'https://hidden-host.example/x']);
    expect(Object.keys(hooks).sort()).toEqual(['hidden-host-example', 'webhook']);
    expect(r.secrets['app.care#displayName']).toEqual({ id: app.id, secret: 'Secret Brand Care' });
    expect(r.secrets['app.care.integration.web#originWhitelist.1']!.secret).toBe('https://hidden-origin.example');
    expect(JSON.stringify(r.apps)).not.toMatch(/Secret Brand|Hidden Web|hidden-origin/);
    expect(r.variables.filter((v) => v.reason === 'sensitive').map((v) => v.address).sort()).toEqual(['app.care', 'app.care.integration.bot.webhook.webhook', 'app.care.integration.web', 'app.care.integration.web']);
  });

  it('protects what Zendesk manages: zd: switchboard integrations always, SDK integrations with app-scoped keys', () => {
    const agent = node('switchboard-integration', { name: 'agent', integrationId: '5ab74f58b154e1b60d95b0b8', integrationType: 'zd:agentWorkspace', deliverStandbyEvents: true });
    const sb = node('switchboard', { enabled: false }, { 'switchboard-integration': [agent] });
    const ios = node('integration', { type: 'ios', displayName: 'iOS' });
    const tg = node('integration', { type: 'telegram', displayName: 'TG' });
    const app = node('app', { displayName: 'A' }, { integration: [ios, tg], switchboard: [sb] });
    const account = exportState([app]).apps[0]!;
    expect((account.entry.switchboard as { integrations: Record<string, Raw> }).integrations.agent).toEqual({ integrationType: 'zd:agentWorkspace', protect: true });
    expect((account.entry.integrations as Record<string, Raw>).ios!.protect).toBeUndefined();
    const scoped = exportState([app], { appScoped: true }).apps[0]!;
    expect((scoped.entry.integrations as Record<string, Raw>).ios!.protect).toBe(true);
    expect((scoped.entry.integrations as Record<string, Raw>).tg!.protect).toBeUndefined();
    expect(scoped.entry.id).toBe(app.id);
    expect(scoped.comments.map((c) => c.path.join('.'))).toEqual(['a', 'a.integrations.ios', 'a.switchboard.integrations.agent']);
  });
});
