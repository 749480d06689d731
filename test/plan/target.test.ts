import { describe, expect, it } from 'vitest';
import { diff } from '../../src/plan/diff.js';
import { isValidOrder } from '../../src/plan/order.js';
import { APP_BINDING_KEY, BINDINGS_KEY } from '../../src/resources/reserved-keys.js';
import { designConfig } from './design-config.js';
import { app, loaded, SALT, state } from './fixtures.js';
import { problems } from './problems.js';

describe('--target', () => {
  const cfg = loaded(designConfig(), ['app.support.integration.sms#authToken']);

  it('keeps only the target, its descendants and what they depend on', () => {
    const p = diff(cfg, state(), { salt: SALT, targets: ['app.support.integration.bot'] });
    expect(p.steps.map((s) => s.id)).toEqual([
      'app.support:create',
      'app.support.integration.bot:create',
      'app.support.integration.bot.webhook.audit:create',
      'app.support.integration.bot.key.runtime:create',
      'app.support:bookkeeping',
    ]);
    expect(p.changes.map((c) => c.address)).toEqual([
      'app.support',
      'app.support.integration.bot',
      'app.support.integration.bot.webhook.main',
      'app.support.integration.bot.webhook.audit',
      'app.support.integration.bot.key.runtime',
    ]);
    expect(p.options.targets).toEqual(['app.support.integration.bot']);
    expect(isValidOrder(p.steps)).toBe(true);
  });

  it('pulls in the creates a link depends on', () => {
    const p = diff(cfg, state(), { salt: SALT, targets: ['app.support.switchboard.integration.agent'] });
    expect(p.steps.map((s) => s.id)).toEqual(expect.arrayContaining([
      'app.support.switchboard:create',
      'app.support.switchboard.integration.agent:create',
      'app.support.switchboard.integration.agent:link',
      'app.support.switchboard.integration.bot:create',
      'app.support.integration.bot:create',
    ]));
    expect(p.steps.some((s) => s.address === 'app.marketing')).toBe(false);
    expect(p.steps.some((s) => s.address === 'app.support.integration.website')).toBe(false);
    expect(isValidOrder(p.steps)).toBe(true);
  });

  it('records only the fingerprints of values written by kept steps', () => {
    const other = diff(cfg, state(app({ id: 'a1', displayName: 'Acme Support' })), { salt: SALT, targets: ['app.support.integration.website'] });
    // The website's create is bound (bookkeeping), but no write-only value is written: no fingerprints.
    const meta = (other.steps.find((s) => s.id === 'app.support:bookkeeping')!.body as { metadata: Record<string, unknown> }).metadata;
    expect(Object.keys(meta).sort()).toEqual([APP_BINDING_KEY, BINDINGS_KEY, 'team']);
    const sms = diff(cfg, state(app({ id: 'a1', displayName: 'Acme Support' })), { salt: SALT, targets: ['app.support.integration.sms'] });
    expect(sms.steps.map((s) => s.id)).toEqual(['app.support.integration.sms:create', 'app.support:bookkeeping']);
  });

  it('refuses an address nothing has', () => {
    expect(problems(() => diff(cfg, state(), { targets: ['app.support.integration.nope'] }))).toContain('Unknown --target "app.support.integration.nope"');
  });
});

describe('--target on live objects the config does not declare', () => {
  it('a kind segment selects the unmanaged objects listed as <parent>.<segment>[<id>]', () => {
    const cfg = loaded({ apps: { s: { displayName: 'S', prune: true } } });
    const live = state(app({ id: 'a1', displayName: 'S' }, { 'app-key': [{ kind: 'app-key', id: 'k1', raw: { id: 'k1', displayName: 'old' }, children: {} }] }));
    const p = diff(cfg, live, { salt: SALT, targets: ['app.s.key'] });
    expect(p.steps.map((s) => `${s.method} ${s.path}`)).toEqual(['DELETE /v2/apps/{{app.s}}/keys/{{app.s.key[k1]}}']);
    expect(p.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete app.s.key[k1]']);
    expect(p.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 1, unmanaged: 0 });
  });
});
