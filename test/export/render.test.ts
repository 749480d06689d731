import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../src/export/render.js';

describe('renderDocument', () => {
  const apps = [
    { name: 'support', id: 'x', entry: { displayName: 'Support', integrations: { web: { type: 'web', brandColor: '112233', buttonWidth: '60' } } }, comments: [{ path: ['support', 'integrations', 'web'], text: 'first\nsecond line' }, { path: ['support'], text: 'the app' }] },
    { name: 'billing', id: 'y', entry: { displayName: 'Billing' }, comments: [] },
  ];

  it('writes the $schema line first, then version: 1, comments above their keys, and YAML that reads back to the same data', () => {
    const text = renderDocument(apps, { schema: '../schema/sunco.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/sunco.schema.json');
    expect(text).toContain('\nversion: 1\napps:\n  # the app\n  support:\n');
    expect(text).toContain('    integrations:\n      # first\n      # second line\n      web:\n        type: web\n        brandColor: "112233"\n        buttonWidth: "60"\n');
    expect(parse(text)).toEqual({ version: 1, apps: { support: apps[0]!.entry, billing: apps[1]!.entry } });
  });

  it('adds a variables block only when given one', () => {
    expect(renderDocument(apps, { schema: 's' })).not.toContain('variables:');
    const text = renderDocument(apps, { schema: 's', variables: { TOKEN: { sensitive: true } } });
    expect(parse(text)).toMatchObject({ version: 1, variables: { TOKEN: { sensitive: true } } });
    expect(text).toContain('\nversion: 1\nvariables:\n  TOKEN: { sensitive: true }\napps:\n');
  });
});
