import { describe, expect, it } from 'vitest';
import { addressIn, locate, parseAddress } from '../../src/resources/addresses.js';

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
