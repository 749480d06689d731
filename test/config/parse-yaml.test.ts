/**
 * What the YAML layer refuses and what it shares: keys that are not data at every level,
 * tags outside the core schema, numbers JSON cannot carry, invalid UTF-8 with its position,
 * and anchors / aliases / `<<` merge keys with top-level `x-` fields.
 */
import { secretMask } from '../../src/secret-mask.js';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, issuesOf, load, tempConfig } from './helpers.js';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/config/issues.js';

afterAll(cleanup);
const y = (...lines: string[]) => `${lines.join('\n')}\n`;
const custom = ['      bot:', '        type: custom', '        webhooks:', '          main:', '            target: https://bot.example/h', '            triggers: [conversation:message]'];

describe('keys that are not data', () => {
  // Each config has the bad key on the line given; every level of the config is covered.
  const levels: Array<[string, string[], number]> = [
    ['top level', ['version: 1', 'KEY: {}', 'apps: {}'], 2],
    ['app', ['version: 1', 'apps:', '  a:', '    displayName: A', '    KEY: { absent: true }'], 5],
    ['apps map', ['version: 1', 'apps:', '  KEY: { displayName: A }'], 3],
    ['settings', ['version: 1', 'apps:', '  a:', '    displayName: A', '    settings:', '      KEY: { multiConvoEnabled: true }'], 6],
    ['metadata', ['version: 1', 'apps:', '  a:', '    displayName: A', '    metadata:', '      KEY: x'], 6],
    ['app key', ['version: 1', 'apps:', '  a:', '    displayName: A', '    keys:', '      ci: { displayName: CI, KEY: { id: k } }'], 6],
    ['integration', ['version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', '      web:', '        type: web', '        KEY: { type: custom }'], 8],
    ['webhook', ['version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', ...custom, '            KEY: { includeFullUser: true }'], 12],
    ['switchboard', ['version: 1', 'apps:', '  a:', '    displayName: A', '    switchboard:', '      KEY: { enabled: true }'], 6],
    ['switchboard integration', ['version: 1', 'apps:', '  a:', '    displayName: A', '    switchboard:', '      integrations:', '        agent:', '          integrationType: "zd:agentWorkspace"', '          KEY: { next: agent }'], 9],
    ['prechatCapture', ['version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', '      web:', '        type: web', '        prechatCapture:', '          KEY: { enabled: true }'], 9],
    ['x- extension', ['version: 1', 'x-shared:', '  KEY: 1', 'apps: {}'], 3],
  ];
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it.each(levels)(`${key} in the %s is refused with file:line`, async (_level, lines, line) => {
      const issues = await issuesOf({ 'sunco.yaml': y(...lines.map((l) => l.replace('KEY', key))) });
      const hit = issues.find((i) => i.code === 'forbidden_key');
      expect(hit, JSON.stringify(issues)).toMatchObject({ file: 'sunco.yaml', line, message: expect.stringContaining(`"${key}" is not allowed`) });
    });
  }

  it('__proto__: {absent: true} under an app no longer deletes it: validate refuses the file', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    __proto__: { absent: true }') });
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['forbidden_key', 5, 5]]);
  });

  it('a merge key cannot smuggle one in either', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'x-evil: &evil', '  __proto__: { absent: true }', 'apps:', '  a:', '    <<: *evil', '    displayName: A') });
    expect(issues.find((i) => i.code === 'forbidden_key')).toMatchObject({ line: 3, column: 3 });
  });

  it('parsed mappings have no prototype at all', async () => {
    const loaded = await load({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    metadata: { team: x }', '    settings: { useAnimalNames: true }') });
    expect(Object.getPrototypeOf(loaded.config.apps)).toBeNull();
    expect(Object.getPrototypeOf(loaded.config.apps.a)).toBeNull();
    expect(Object.getPrototypeOf(loaded.config.apps.a.metadata)).toBeNull();
    expect(Object.getPrototypeOf(loaded.config.apps.a.settings)).toBeNull();
  });

  it.each([
    ['a YAML var file', 'vars.yaml', 'A: 1\n__proto__: x\n', 2],
    ['a YAML var file (constructor)', 'vars.yml', 'constructor: x\n', 1],
    ['a dotenv var file', 'vars.env', 'A=1\nprototype=x\n', 2],
    ['a dotenv var file (export)', 'vars.env', 'export __proto__=x\n', 1],
  ])('is refused in %s with file:line', async (_what, name, text, line) => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps: {}'), [name]: text }, { varFiles: [name] });
    expect(issues).toEqual([expect.objectContaining({ file: name, line, message: expect.stringMatching(/variable name "(__proto__|constructor|prototype)" is not allowed/) })]);
  });

  it('is refused in --var', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps: {}') }, { vars: ['__proto__=x'] });
    expect(issues.map((i) => i.code)).toEqual(['forbidden_key']);
  });
});

describe('tags', () => {
  it.each([
    ['!!js/function', '    metadata: { f: !!js/function "function () {}" }', 20],
    ['!!set', '    metadata: !!set { a, b }', 15],
    ['!!binary', '    metadata: { b: !!binary aGVsbG8= }', 20],
    ['!!timestamp', '    metadata: { t: !!timestamp 2001-12-14 }', 20],
    ['!vault', '    metadata: { t: !vault secret }', 20],
  ])('%s is refused at the tag', async (tag, line, column) => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', line) });
    expect(issues.find((i) => i.code === 'custom_tag')).toMatchObject({ line: 5, column, message: `custom YAML tag ${tag} is not allowed` });
  });

  it('core schema tags are data', async () => {
    const loaded = await load({ 'sunco.yaml': y('version: !!int 1', 'apps:', '  a:', '    displayName: !!str 42', '    metadata: !!map { n: !!float 1.5, s: !!str true }') });
    expect(loaded.config.apps.a.displayName).toBe('42');
    expect({ ...loaded.config.apps.a.metadata }).toEqual({ n: 1.5, s: 'true' });
  });

  it('a tag in a var file is refused', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps: {}'), 'v.yaml': 'A: 1\nB: !!binary aGVsbG8=\n' }, { varFiles: ['v.yaml'] });
    expect(issues).toEqual([expect.objectContaining({ file: 'v.yaml', line: 2, column: 4, message: 'custom YAML tag !!binary is not allowed' })]);
  });
});

describe('numbers', () => {
  it.each([['.inf'], ['-.inf'], ['.nan'], ['.Inf']])('conversationRetentionSeconds: %s is refused, not turned into null', async (v) => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', `    settings: { conversationRetentionSeconds: ${v} }`) });
    expect(issues).toEqual([expect.objectContaining({ code: 'bad_number', line: 5, column: 47, message: `${v} is not a finite number (.inf and .nan are not allowed)` })]);
  });

  it('an integer past 2^53 is refused: it is not the number written', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    settings: { conversationRetentionSeconds: 12345678901234567890 }') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['bad_number', 5]]);
  });

  it('integers must be integers', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    settings: { conversationRetentionSeconds: 1.5 }') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['wrong_type', 5]]);
  });
});

describe('UTF-8', () => {
  const write = async (bytes: Buffer) => {
    const cwd = await tempConfig({});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${cwd}/sunco.yaml`, bytes);
    return cwd;
  };

  it('an invalid byte is refused with its line and column, not replaced', async () => {
    const bytes = Buffer.concat([Buffer.from('version: 1\napps:\n  a:\n    displayName: "Café '), Buffer.from([0xff]), Buffer.from('"\n')]);
    const cwd = await write(bytes);
    const err = await loadConfig({ cwd, env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).errors).toEqual([expect.objectContaining({ file: 'sunco.yaml', line: 4, column: 24, code: 'bad_encoding', message: expect.stringContaining('byte 0xff') })]);
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('%s is refused', async (_what, seq) => {
    const cwd = await write(Buffer.concat([Buffer.from('version: 1\napps: { a: { displayName: "'), Buffer.from(seq), Buffer.from('" } }\n')]));
    const err = (await loadConfig({ cwd, env: {} }).catch((e: unknown) => e)) as ConfigError;
    expect(err.errors.map((i) => [i.code, i.line, i.column])).toEqual([['bad_encoding', 2, 28]]);
  });

  it('valid multi-byte text loads', async () => {
    const cwd = await write(Buffer.from('version: 1\napps: { a: { displayName: "Café 日本 🎉" } }\n'));
    expect((await loadConfig({ cwd, env: {} })).config.apps.a.displayName).toBe('Café 日本 🎉');
  });

  it('a var file with an invalid byte is refused with its position', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': y('version: 1', 'apps: {}') });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${cwd}/v.env`, Buffer.concat([Buffer.from('A=1\nB=x'), Buffer.from([0x80]), Buffer.from('\n')]));
    const err = (await loadConfig({ cwd, env: {}, varFiles: ['v.env'] }).catch((e: unknown) => e)) as ConfigError;
    expect(err.errors.map((i) => [i.file, i.code, i.line, i.column])).toEqual([['v.env', 'bad_encoding', 2, 4]]);
  });

  it('a lone surrogate escape is refused', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: "A\\ud800"') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['bad_string', 4]]);
  });
});

describe('reuse: anchors, aliases, merge keys and x- fields', () => {
  const fleet = y(
    'version: 1',
    'x-web: &web',
    '  type: web',
    '  brandColor: "65758e"',
    '  originWhitelist: [https://acme.example]',
    'x-settings: &settings { useAnimalNames: true, echoPostback: false }',
    'apps:',
    '  a:',
    '    displayName: A',
    '    settings: *settings',
    '    integrations:',
    '      web: { <<: *web, displayName: Web A }',
    '  b:',
    '    displayName: B',
    '    settings: { <<: *settings, echoPostback: true }',
    '    integrations:',
    '      web:',
    '        <<: *web',
    '        brandColor: "112233"',
  );

  it('merges shared definitions; keys written in the mapping win', async () => {
    const { config } = await load({ 'sunco.yaml': fleet });
    expect({ ...config.apps.a.integrations?.web }).toEqual({ type: 'web', brandColor: '65758e', originWhitelist: ['https://acme.example'], displayName: 'Web A' });
    expect({ ...config.apps.b.integrations?.web }).toEqual({ type: 'web', brandColor: '112233', originWhitelist: ['https://acme.example'] });
    expect({ ...config.apps.a.settings }).toEqual({ useAnimalNames: true, echoPostback: false });
    expect({ ...config.apps.b.settings }).toEqual({ useAnimalNames: true, echoPostback: true });
    expect(Object.keys(config)).not.toContain('x-web');
  });

  it('with a list of sources the earlier one wins', async () => {
    const { config } = await load({ 'sunco.yaml': y('version: 1', 'x-a: &a { useAnimalNames: true }', 'x-b: &b { useAnimalNames: false, echoPostback: true }', 'apps:', '  a:', '    displayName: A', '    settings: { <<: [*a, *b] }') });
    expect({ ...config.apps.a.settings }).toEqual({ useAnimalNames: true, echoPostback: true });
  });

  it('an error inside merged content points at the line where the value is written', async () => {
    const bad = fleet.replace('brandColor: "65758e"', 'brandColor: "#65758e"').replace('  originWhitelist', '  brandColr: x\n  originWhitelist');
    const issues = await issuesOf({ 'sunco.yaml': bad });
    // Only app a uses the shared colour (b overrides it); both use the misspelt field.
    expect(issues.map((i) => [i.code, i.line, i.address])).toEqual([
      ['bad_value', 4, 'app.a.integration.web'],
      ['unknown_field', 5, 'app.a.integration.web'],
      ['unknown_field', 5, 'app.b.integration.web'],
    ]);
  });

  it('a local value that overrides a bad merged one is what is checked', async () => {
    const cfg = y('version: 1', 'x-web: &web { type: web, brandColor: "#bad" }', 'apps:', '  a:', '    displayName: A', '    integrations:', '      web: { <<: *web, brandColor: "112233" }');
    expect((await load({ 'sunco.yaml': cfg })).config.apps.a.integrations?.web.brandColor).toBe('112233');
  });

  it('a variable in shared content is resolved at each use, and reported once where it is written', async () => {
    const cfg = y('version: 1', 'x-tg: &tg', '  type: telegram', '  token: ${TG_TOKEN}', 'apps:', '  a: { displayName: A, integrations: { tg: *tg } }', '  b: { displayName: B, integrations: { tg: *tg } }');
    const issues = await issuesOf({ 'sunco.yaml': cfg });
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['missing_variable', 4, 10]]);
    const loaded = await load({ 'sunco.yaml': cfg }, { env: { TG_TOKEN: 'tg-token' } });
    expect(loaded.config.apps.b.integrations?.tg.token).toBe('tg-token');
    expect(secretMask().has('tg-token')).toBe(true);
  });

  it('"<<" of a scalar is refused', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'x-n: &n 3', 'apps:', '  a: { <<: *n, displayName: A }') });
    expect(issues.find((i) => i.code === 'bad_merge')).toMatchObject({ line: 4, column: 12 });
  });

  it('an alias with no anchor is refused where it is written, not read as null', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    settings: *nope', '  b: { <<: *gone, displayName: B }') });
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([['unknown_alias', 5, 15], ['unknown_alias', 6, 12]]);
    expect(issues[0]?.message).toMatch(/alias \*nope names no anchor in this file/);
  });

  it('anchors do not cross the files of a directory config', async () => {
    const issues = await issuesOf({ 'conf/a.yaml': y('version: 1', 'x-base: &b { displayName: Web }', 'apps: {}'), 'conf/b.yaml': y('version: 1', 'apps:', '  web:', '    <<: *b') }, { path: 'conf' });
    expect(issues.find((i) => i.code === 'unknown_alias')).toMatchObject({ file: expect.stringMatching(/b\.yaml$/), line: 4, column: 9 });
  });

  it('x- fields are only allowed at the top level', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    x-notes: hi') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['unknown_field', 5]]);
  });
});

describe('nesting', () => {
  it('YAML nested past what the parser can recurse is refused with its position and a cause, not a stack error', async () => {
    const depth = 5000;
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', `    metadata: { x: ${'['.repeat(depth)}${']'.repeat(depth)} }`) });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'sunco.yaml', line: 5, code: 'yaml_too_deep', message: expect.stringContaining('nested too deeply') });
    expect(JSON.stringify(issues)).not.toContain('call stack');
  });

  it('so is a var file nested that deep', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps: {}'), 'v.yaml': `A: ${'['.repeat(5000)}${']'.repeat(5000)}\n` }, { varFiles: ['v.yaml'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'v.yaml', line: 1, message: expect.stringContaining('nested too deeply') });
  });
});
