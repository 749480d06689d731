import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/resources/registry.js';
import { addressIn, isUnmanagedAddress, locate, parseAddress, unmanagedAddress } from '../../src/resources/addresses.js';

describe('addresses derived from the registry', () => {
  const cases: [string, string, string[]][] = [
    ['app.support', 'app', ['apps', 'support']],
    ['app.support.key.deployer', 'app-key', ['apps', 'support', 'keys', 'deployer']],
    ['app.support.integration.bot', 'integration', ['apps', 'support', 'integrations', 'bot']],
    ['app.support.integration.bot.webhook.main', 'webhook', ['apps', 'support', 'integrations', 'bot', 'webhooks', 'main']],
    ['app.support.integration.bot.key.runtime', 'integration-key', ['apps', 'support', 'integrations', 'bot', 'keys', 'runtime']],
    ['app.support.switchboard', 'switchboard', ['apps', 'support', 'switchboard']],
    ['app.support.switchboard.integration.agent', 'switchboard-integration', ['apps', 'support', 'switchboard', 'integrations', 'agent']],
  ];

  it.each(cases)('%s is a %s at %j, and locate() maps the path back', (addr, kind, path) => {
    const parsed = parseAddress(addr);
    expect(parsed?.kind.name).toBe(kind);
    expect(parsed?.configPath).toEqual(path);
    expect(locate(path)).toEqual({ address: addr, field: '' });
    expect(locate([...path, 'settings', 'multiConvoEnabled'])).toEqual({ address: addr, field: 'settings.multiConvoEnabled' });
  });

  it('refuses what names no entry', () => {
    for (const bad of ['', 'app', 'app.', 'apps.support', 'app.support.integration', 'app.support.nope.x', 'app.support.switchboard.key.k', 'app.s.integration[i1]']) {
      expect(parseAddress(bad)).toBeUndefined();
    }
    expect(locate(['version'])).toEqual({ address: '', field: 'version' });
    expect(locate(['apps', 'a', 'keys'])).toEqual({ address: 'app.a', field: 'keys' });
  });

  it('names the target of a reference in the same app', () => {
    expect(addressIn('a', 'integration', 'bot')).toBe('app.a.integration.bot');
    expect(addressIn('a', 'switchboard-integration', 'agent')).toBe('app.a.switchboard.integration.agent');
    expect(() => addressIn('a', 'webhook', 'w')).toThrow(/not a singleton/);
  });
});

describe('unmanaged addresses', () => {
  it('name the live id in brackets (a singleton by its segment), and only they are read as unmanaged', () => {
    const key = unmanagedAddress(KINDS['app-key'], 'app.support', '5f1d');
    expect(key).toBe('app.support.key[5f1d]');
    expect(unmanagedAddress(KINDS.webhook, 'app.s.integration.bot', 'w1')).toBe('app.s.integration.bot.webhook[w1]');
    expect(unmanagedAddress(KINDS.switchboard, 'app.s', 'sb1')).toBe('app.s.switchboard');
    expect(isUnmanagedAddress(key)).toBe(true);
    for (const declared of ['app.support', 'app.s.key.k', 'app.s.integration.bot.webhook.main', 'app.s.switchboard', 'app.s.switchboard.integration.agent']) {
      expect(isUnmanagedAddress(declared), declared).toBe(false);
    }
    expect(parseAddress(key)).toBeUndefined();
  });
});
