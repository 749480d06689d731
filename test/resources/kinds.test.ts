import { describe, expect, it } from 'vitest';
import { INTEGRATION_FIELDS, INTEGRATION_TYPES } from '../../src/resources/fields.js';
import { KINDS } from '../../src/resources/registry.js';
import { SPEC_INTEGRATION_TYPES, specProperties } from '../helpers/spec.js';

describe('each kind owns its config ↔ API name map', () => {
  const pairs: [keyof typeof KINDS, string, string][] = [
    ['integration', 'defaultResponder', 'defaultResponderId'],
    ['switchboard-integration', 'integration', 'integrationId'],
    ['switchboard-integration', 'next', 'nextSwitchboardIntegrationId'],
    ['switchboard', 'default', 'defaultSwitchboardIntegrationId'],
  ];

  it.each(pairs)('%s: %s ↔ %s', (kind, config, api) => {
    expect(KINDS[kind].apiName(config)).toBe(api);
    expect(KINDS[kind].configName(api)).toBe(config);
  });

  it('leaves every other name as it is, in both directions', () => {
    for (const k of Object.values(KINDS)) {
      for (const name of ['displayName', 'target', 'enabled', 'messageHistoryCount', 'nope']) {
        expect(k.apiName(name)).toBe(name);
        expect(k.configName(name)).toBe(name);
      }
    }
    // A reference of one kind is not a rename in another.
    expect(KINDS.app.apiName('next')).toBe('next');
    expect(KINDS.webhook.configName('defaultSwitchboardIntegrationId')).toBe('defaultSwitchboardIntegrationId');
  });

  it('derives generated secrets and inline children from the table', () => {
    expect(KINDS['app-key'].generatedSecret?.({})).toBe('secret');
    expect(KINDS['integration-key'].generatedSecret?.({})).toBe('secret');
    expect(KINDS.webhook.generatedSecret?.({})).toBe('secret');
    expect(KINDS.integration.generatedSecret?.({ type: 'messagebird' })).toBe('webhookSecret');
    expect(KINDS.integration.generatedSecret?.({ type: 'twilio' })).toBeUndefined();
    expect(KINDS.integration.inlineChild?.({ type: 'custom' })).toEqual({ kind: 'webhook', field: 'webhooks' });
    expect(KINDS.integration.inlineChild?.({ type: 'web' })).toBeUndefined();
  });
});

describe('the field table', () => {
  it('has one list of integration types, the table\'s', () => {
    expect(INTEGRATION_TYPES).toEqual([
      'android', 'apple', 'custom', 'instagram', 'ios', 'line', 'mailgun', 'messagebird',
      'messenger', 'telegram', 'twilio', 'twitter', 'unity', 'viber', 'web', 'whatsapp',
    ]);
  });

  it('gives every channel (not custom) the responder rows, once each, and custom a child row', () => {
    for (const type of INTEGRATION_TYPES) {
      const names = INTEGRATION_FIELDS[type].map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      const responder = ['showAIDisclaimer', 'defaultResponderId', 'defaultResponder'].filter((n) => names.includes(n));
      expect(responder).toEqual(type === 'custom' ? [] : ['showAIDisclaimer', 'defaultResponderId', 'defaultResponder']);
      expect(names[0]).toBe('displayName');
    }
    expect(INTEGRATION_FIELDS.custom.find((f) => f.name === 'webhooks')).toMatchObject({ role: 'child', of: 'webhook' });
    expect(INTEGRATION_FIELDS.web.find((f) => f.name === 'defaultResponder')).toMatchObject({ role: 'read-shape', of: 'defaultResponderId' });
  });

  it('compares the write-only defaultResponderId through its read shape, and keeps real write-only fields blind', () => {
    const specs = KINDS.integration.fieldSpecs({ type: 'twilio' });
    expect(specs.find((s) => s.name === 'defaultResponderId')).toMatchObject({ readBack: true });
    expect(specs.find((s) => s.name === 'defaultResponderId')?.writeOnly).toBeUndefined();
    expect(specs.find((s) => s.name === 'authToken')).toMatchObject({ writeOnly: true, readBack: false });
    expect(specs.map((s) => s.name)).not.toContain('defaultResponder');
    expect(KINDS.integration.fieldSpecs({ type: 'custom' }).map((s) => s.name)).toEqual(['type', 'displayName']);
  });
});

describe('lost generated secrets', () => {
  // Every field the server generates that the spec reads back (not writeOnly): the keys' and webhooks'
  // `secret`, and any integration type's readOnly secret (messagebird `webhookSecret`).
  const readBack = [
    ...(['appKey', 'webhook'] as const).map((schema) => ({ schema, field: 'secret' })),
    ...SPEC_INTEGRATION_TYPES.flatMap((type) => [...specProperties(type)].filter(([name, p]) => /secret/i.test(name) && p.readOnly && !p.writeOnly).map(([field]) => ({ schema: type, field }))),
  ];

  it('are read back by the spec, so every kind that makes one says to recover it, never to delete', () => {
    expect(readBack).toContainEqual({ schema: 'messagebird', field: 'webhookSecret' });
    for (const { schema, field } of readBack) expect(specProperties(schema).get(field)?.writeOnly, `${schema}.${field}`).toBe(false);
    for (const kind of ['app-key', 'integration-key', 'webhook', 'integration'] as const) {
      const hint = KINDS[kind].lostSecretHint ?? '';
      expect(hint, kind).toContain('sunco secrets pull --secrets-out FILE');
      expect(hint, kind).toContain('run sunco-apply with --secrets-out again');
      expect(hint, kind).not.toMatch(/delete|re-create|new secret/);
    }
    expect(KINDS.integration.generatedSecret?.({ type: 'messagebird' })).toBe('webhookSecret');
  });
});
