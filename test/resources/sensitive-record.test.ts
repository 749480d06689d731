import { describe, expect, it } from 'vitest';
import { formatSensitiveRecord, parseSensitiveRecord, recordKey, replaceAtPaths, sensitiveMetadataKeys } from '../../src/resources/sensitive-record.js';

describe('the sensitive-field record', () => {
  it('round-trips in one canonical form: sorted keys and paths, ids as in bindings (16 characters for a 24-hex id)', () => {
    const id = '5d8cff3cd55b040010928b5b';
    expect(recordKey(id)).toHaveLength(16);
    const text = formatSensitiveRecord([[recordKey(id), ['target']], ['', ['metadata.team', 'displayName', 'displayName']]])!;
    expect(text).toBe(`{"":["displayName","metadata.team"],"${recordKey(id)}":["target"]}`);
    expect(formatSensitiveRecord(parseSensitiveRecord({ 'sunco:sensitive': text }))).toBe(text);
    expect(formatSensitiveRecord([])).toBeUndefined();
  });

  it('reads the first format (metadata key names) and treats anything unreadable as no record', () => {
    expect(parseSensitiveRecord({ 'sunco:sensitive': '["team","a.b"]' })).toEqual(new Map([['', ['metadata.a.b', 'metadata.team']]]));
    expect(sensitiveMetadataKeys({ 'sunco:sensitive': '{"":["displayName","metadata.a.b"]}' })).toEqual(['a.b']);
    for (const bad of ['{', '5', 'null', '{"x":"target"}', '[1,2]']) expect(parseSensitiveRecord({ 'sunco:sensitive': bad }).size).toBe(0);
    expect(parseSensitiveRecord(undefined).size).toBe(0);
  });

  it('replaces scalars at paths (metadata keys with dots, array items, nested fields) without touching the input', () => {
    const obj = { displayName: 'D', metadata: { 'a.b': 'x', c: 1 }, originWhitelist: ['o1', 'o2'], settings: { n: 5 }, empty: '' };
    const out = replaceAtPaths(obj, ['displayName', 'metadata.a.b', 'originWhitelist.1', 'settings.n', 'empty', 'gone.deep'], (p) => `<${p}>`);
    expect(out).toEqual({ displayName: '<displayName>', metadata: { 'a.b': '<metadata.a.b>', c: 1 }, originWhitelist: ['o1', '<originWhitelist.1>'], settings: { n: '<settings.n>' }, empty: '' });
    expect(obj.metadata['a.b']).toBe('x');
    expect(obj.originWhitelist[1]).toBe('o2');
  });
});
