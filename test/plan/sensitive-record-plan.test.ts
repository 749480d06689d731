import { describe, expect, it } from 'vitest';
import { resolveBody } from '../../src/apply/placeholders.js';
import type { SuncoConfig } from '../../src/config/types.js';
import { diff } from '../../src/plan/diff.js';
import type { Plan } from '../../src/plan/types.js';
import { APP_BINDING_KEY, SENSITIVE_KEYS_KEY } from '../../src/resources/reserved-keys.js';
import { parseSensitiveRecord, recordKey } from '../../src/resources/sensitive-record.js';
import { app, custom, integration, loaded, SALT, state } from './fixtures.js';

const plan = (...args: Parameters<typeof diff>): Plan => diff(args[0], args[1], { salt: SALT, ...args[2] });
const W1 = 'aaaaaaaaaaaaaaaaaaaaaaa1';
const W2 = 'aaaaaaaaaaaaaaaaaaaaaaa2';
const I1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const I2 = 'bbbbbbbbbbbbbbbbbbbbbbb2';

function bookkept(p: Plan): Record<string, unknown> | undefined {
  const s = p.steps.find((x) => x.id === 'app.s:bookkeeping' || x.id === 'app.s:update' || x.id === 'app.s:create');
  return (s?.body as { metadata?: Record<string, unknown> } | undefined)?.metadata;
}

const config = (target = 'https://secret.example/hook', extra: Record<string, unknown> = {}): SuncoConfig => ({
  apps: {
    s: {
      displayName: 'S',
      integrations: {
        bot: { type: 'custom', displayName: 'Bot', webhooks: { main: { target, triggers: ['conversation:message'] }, other: { target: 'https://plain.example/hook', triggers: ['conversation:message'] } } },
        sms: { type: 'twilio', displayName: 'SMS', accountSid: 'AC1', phoneNumberSid: 'PN1', authToken: 'tok-literal' },
        ...extra,
      },
    },
  },
}) as never;
const SENSITIVE = ['app.s.integration.bot.webhook.main#target', 'app.s.integration.sms#phoneNumberSid', 'app.s.integration.sms#authToken', 'app.s#displayName'];

function live(metadata: Record<string, unknown> = { [APP_BINDING_KEY]: 's' }) {
  return state(app({ id: 'a1', displayName: 'S', metadata }, {
    integration: [
      custom({ id: I1, displayName: 'Bot' }, [{ id: W1, target: 'https://secret.example/hook', triggers: ['conversation:message'] }, { id: W2, target: 'https://plain.example/hook', triggers: ['conversation:message'] }]),
      integration({ id: I2, type: 'twilio', displayName: 'SMS', accountSid: 'AC1', phoneNumberSid: 'PN1' }),
    ],
  }));
}

describe('the sensitive-field record (bookkeeping)', () => {
  it('names plain fields fed by sensitive variables by object id, never credentials, never a value', () => {
    const p = plan(loaded(config(), SENSITIVE), live());
    const meta = bookkept(p)!;
    expect(parseSensitiveRecord(meta)).toEqual(new Map([['', ['displayName']], [recordKey(W1), ['target']], [recordKey(I2), ['phoneNumberSid']]]));
    expect(String(meta[SENSITIVE_KEYS_KEY])).not.toMatch(/secret\.example|PN1|AC1/);
    expect(p.changes).toEqual([]);
    // Recorded (with the fingerprints and bindings of the same write): the next plan is empty.
    const again = plan(loaded(config(), SENSITIVE), live(meta));
    expect(again.steps).toEqual([]);
  });

  it('keys an object created by this plan by the id its create returns', () => {
    const cfg = loaded(config('https://secret.example/hook', { web: { type: 'web', displayName: 'Web' } }), [...SENSITIVE, 'app.s.integration.web#displayName']);
    const p = plan(cfg, live());
    const meta = bookkept(p)!;
    expect(meta[SENSITIVE_KEYS_KEY]).toEqual({ $sensitive: expect.arrayContaining([[{ $ref: 'app.s.integration.web' }, ['displayName']]]) });
    const step = p.steps.find((s) => s.id === 'app.s:bookkeeping')!;
    expect(step.dependsOn).toContain('app.s.integration.web:create');
    const ids = { id: (a: string) => (a === 'app.s.integration.web' ? 'cccccccccccccccccccccccc' : undefined) };
    const resolved = resolveBody(meta[SENSITIVE_KEYS_KEY], ids, undefined) as string;
    expect(parseSensitiveRecord({ [SENSITIVE_KEYS_KEY]: resolved }).get(recordKey('cccccccccccccccccccccccc'))).toEqual(['displayName']);
  });

  it('follows the config: a value no longer sensitive, a deleted object and an object gone live lose their entries; an unmanaged one keeps its own', () => {
    const recorded = JSON.stringify({ '': ['displayName'], [recordKey(W1)]: ['target'], [recordKey(I2)]: ['phoneNumberSid'], [recordKey('dddddddddddddddddddddddd')]: ['target'] });
    const before = live({ [APP_BINDING_KEY]: 's', [SENSITIVE_KEYS_KEY]: recorded });
    // The webhook's target is now literal, the gone object is dropped; nothing else changes.
    const p = plan(loaded(config(), SENSITIVE.filter((k) => !k.endsWith('#target'))), before);
    expect(parseSensitiveRecord(bookkept(p))).toEqual(new Map([['', ['displayName']], [recordKey(I2), ['phoneNumberSid']]]));
    // sms no longer declared: unmanaged, so its entry stays; with --prune it is deleted and its entry goes.
    const noSms = config();
    delete (noSms.apps.s!.integrations as Record<string, unknown>).sms;
    const unmanaged = plan(loaded(noSms, SENSITIVE), before);
    expect(parseSensitiveRecord(bookkept(unmanaged))).toEqual(new Map([['', ['displayName']], [recordKey(W1), ['target']], [recordKey(I2), ['phoneNumberSid']]]));
    const pruned = plan(loaded(noSms, SENSITIVE), before, { prune: true });
    expect(parseSensitiveRecord(bookkept(pruned))).toEqual(new Map([['', ['displayName']], [recordKey(W1), ['target']]]));
  });

  it('a record that does not fit beside the metadata is dropped, and the plan says so', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(90)]));
    const cfg = loaded({ apps: { s: { ...config().apps.s, metadata: big } } } as never, SENSITIVE);
    const p = plan(cfg, live({ ...big, [APP_BINDING_KEY]: 's' }));
    expect(p.notes!.map((n) => n.code)).toContain('sensitive-record-fallback');
    expect(p.notes!.find((n) => n.code === 'sensitive-record-fallback')!.message).toMatch(/^app\.s: .*will show those values/);
    expect(bookkept(p)?.[SENSITIVE_KEYS_KEY]).toBeUndefined();
  });
});
