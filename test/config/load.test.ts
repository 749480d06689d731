/** Loading valid configs: examples, variables and their sources, sensitive fields, fingerprint, positions. */
import { resetSecretMask, secretMask } from '../../src/secret-mask.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { cleanup, issuesOf, load } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const y = (...lines: string[]) => `${lines.join('\n')}\n`;
const sms = (authToken: string, extra: string[] = []) => y(
  'version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', '      sms:', '        type: twilio',
  '        accountSid: AC1', `        authToken: ${authToken}`, ...(extra.some((l) => l.includes('phoneNumberSid')) ? [] : ['        phoneNumberSid: PN1']), ...extra,
);

afterAll(cleanup);

describe('examples', () => {
  it('every example is checked here (a new one must be added to this list)', () => {
    // examples/github/ holds CI workflows, not configs (test/examples/github.test.ts checks them);
    // examples/fleet/ is validated, planned and applied by test/examples/fleet.test.ts.
    expect(readdirSync(`${root}examples`).filter((f) => !f.endsWith('.env.example') && f !== 'github').sort()).toEqual(['bot', 'bot.yaml', 'fleet', 'handoff.yaml', 'multichannel.yaml', 'split', 'web.yaml']);
  });

  it.each([
    ['web.yaml', ['website']],
    ['bot.yaml', ['bot']],
    ['handoff.yaml', ['support']],
    ['split', ['sales', 'support']],
    ['bot', ['playground']],
  ])('examples/%s is valid and declares its apps', async (path, apps) => {
    const loaded = await loadConfig({ cwd: root, env: {}, path: `examples/${path}` });
    expect(Object.keys(loaded.config.apps).sort()).toEqual(apps);
  });

  it('multichannel.yaml is valid with its env example, and coerces a whole-variable boolean', async () => {
    const loaded = await loadConfig({ cwd: root, env: {}, path: 'examples/multichannel.yaml', varFiles: ['examples/multichannel.env.example'] });
    const integ = loaded.config.apps.support.integrations ?? {};
    expect(integ.telegram.token).toBe('123456:example-telegram-token');
    expect(integ.telegram.showAIDisclaimer).toBe(true);
    expect(loaded.config.apps.support.displayName).toBe('Acme Support');
    // A write-only field: its value is masked by value in all output, whatever it came from.
    expect(secretMask().has('123456:example-telegram-token')).toBe(true);
  });

  it('the split directory merges both files in sorted order', async () => {
    const loaded = await loadConfig({ cwd: root, env: {}, path: 'examples/split' });
    expect(loaded.files).toEqual(['examples/split/sales.yaml', 'examples/split/support.yaml']);
    expect(Object.keys(loaded.config.apps).sort()).toEqual(['sales', 'support']);
    expect(loaded.config.prune).toBe(false);
    expect(loaded.sources.get('app.support')).toEqual({ file: 'examples/split/support.yaml', line: 7, column: 3 });
  });

  it('the model matches the DESIGN.md shape', async () => {
    const loaded = await loadConfig({ cwd: root, env: {}, path: 'examples/handoff.yaml' });
    expect(loaded.config.apps.support.switchboard).toEqual({
      enabled: true, default: 'bot',
      integrations: {
        bot: { integration: 'bot', deliverStandbyEvents: false, next: 'agent' },
        agent: { integrationType: 'zd:agentWorkspace', deliverStandbyEvents: false, messageHistoryCount: 10, next: 'bot' },
      },
    });
  });
});

describe('variables', () => {
  it('later sources win: environment < --var-file (in order) < --var', async () => {
    const files = { 'sunco.yaml': sms('${TOK}', ['        phoneNumberSid: ${PN}', '        messagingServiceSid: ${MS}']), 'one.env': 'TOK=file1\nPN=file1\n', 'two.yaml': 'TOK: file2\n' };
    const loaded = await load(files, { env: { TOK: 'env', PN: 'env', MS: 'env' }, varFiles: ['one.env', 'two.yaml'], vars: ['TOK=flag'] });
    const s = loaded.config.apps.a.integrations?.sms ?? { type: 'twilio' };
    expect([s.authToken, s.phoneNumberSid, s.messagingServiceSid]).toEqual(['flag', 'file1', 'env']);
  });

  it('defaults apply when unset or empty; $${ is a literal ${; text around references is kept', async () => {
    const loaded = await load({ 'sunco.yaml': sms('"pre-${A:-dflt}-${B:-x}-$${NOT_A_VAR}"') }, { env: { B: '' } });
    expect(loaded.config.apps.a.integrations?.sms.authToken).toBe('pre-dflt-x-${NOT_A_VAR}');
  });

  it('a literal $${ alone is not a variable use, so not sensitive', async () => {
    const loaded = await load({ 'sunco.yaml': sms('"$${HOME}"') });
    expect(loaded.config.apps.a.integrations?.sms.authToken).toBe('${HOME}');
    expect(loaded.sensitive.size).toBe(0);
  });

  it('dotenv: quotes, escapes, export and comments', async () => {
    const env = 'export A="x\\ny" # c\nB=\'lit $x #no\'\nC=plain value # comment\n# D=1\n';
    const loaded = await load({ 'sunco.yaml': sms('"${A}|${B}|${C}|${D:-none}"'), 'v.env': env }, { varFiles: ['v.env'] });
    expect(loaded.config.apps.a.integrations?.sms.authToken).toBe('x\ny|lit $x #no|plain value|none');
  });

  it('whole-scalar variables are coerced only where the schema wants a boolean or integer', async () => {
    const files = { 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: ${N}', '    protect: ${P}', '    settings: { conversationRetentionSeconds: "${N}" }') };
    const loaded = await load(files, { vars: ['N=42', 'P=true'] });
    expect(loaded.config.apps.a).toMatchObject({ displayName: '42', protect: true, settings: { conversationRetentionSeconds: 42 } });
    const bad = await issuesOf(files, { vars: ['N=42', 'P=yes'] });
    expect(bad.map((i) => [i.code, i.line, i.column])).toEqual([['wrong_type', 5, 14]]);
  });

  it('every missing variable is reported at once, with its address', async () => {
    const issues = await issuesOf({ 'sunco.yaml': sms('${T1}', ['        phoneNumberSid: ${T2}']) });
    expect(issues.map((i) => [i.code, i.line, i.address, i.message.split(' (')[0]])).toEqual([
      ['missing_variable', 9, 'app.a.integration.sms', 'variable T1 is not set'],
      ['missing_variable', 10, 'app.a.integration.sms', 'variable T2 is not set'],
    ]);
  });
});

describe('sensitive, fingerprint and sources', () => {
  const files = { 'sunco.yaml': y(
    'version: 1', 'apps:', '  a:', '    displayName: A', '    metadata: { team: "${TEAM}", fixed: x }',
    '    credentials: { keyId: app_1, secret: "${SECRET}" }', '    integrations:', '      sms:', '        type: twilio',
    '        accountSid: AC1', '        authToken: ${TOKEN}', '        phoneNumberSid: PN1',
  ) };
  const env = { TEAM: 'support', SECRET: 's3cr3t', TOKEN: 'tok' };

  it('an undeclared variable is not sensitive by itself: only the per-app credentials are marked', async () => {
    const loaded = await load(files, { env });
    expect([...loaded.sensitive].sort()).toEqual(['app.a#credentials.secret']);
  });

  it('marks every field whose value came from a variable declared sensitive, and registers its value', async () => {
    resetSecretMask();
    const declared = { 'sunco.yaml': `variables:\n  TEAM: { sensitive: true, description: the team }\n  UNUSED: { default: nothing }\n${files['sunco.yaml']}` };
    const loaded = await load(declared, { env });
    expect([...loaded.sensitive].sort()).toEqual(['app.a#credentials.secret', 'app.a#metadata.team']);
    expect(secretMask().has('support')).toBe(true);
    expect(secretMask().has('s3cr3t')).toBe(true);
  });

  it('a declared default fills an unset variable; a given value wins over it', async () => {
    const cfg = (v: string) => ({ 'sunco.yaml': y('variables:', `  BRAND: { default: ${v} }`, 'version: 1', 'apps:', '  a:', '    displayName: "${BRAND} Care"') });
    expect((await load(cfg('Acme'))).config.apps.a.displayName).toBe('Acme Care');
    expect((await load(cfg('Acme'), { env: { BRAND: 'Beta' } })).config.apps.a.displayName).toBe('Beta Care');
  });

  it('a malformed declaration is an issue at its position', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('variables:', '  BRAND: { sensitiv: true }', 'version: 1', 'apps: {}') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['unknown_field', 2]]);
  });

  it('per-app credentials secrets are sensitive even when literal', async () => {
    const loaded = await load({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    credentials: { keyId: app_1, secret: literal }') });
    expect([...loaded.sensitive].sort()).toEqual(['app.a#credentials.secret']);
    expect(loaded.config.apps.a.credentials).toEqual({ keyId: 'app_1', secret: 'literal' });
  });

  it('the fingerprint is stable, changes with a variable value, and does not reveal it', async () => {
    const a = await load(files, { env });
    const b = await load(files, { env: { ...env } });
    const c = await load(files, { env: { ...env, TOKEN: 'tok2' } });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    for (const v of Object.values(env)) expect(a.fingerprint).not.toContain(v);
  });

  it('the fingerprint ignores key order and comments', async () => {
    const a = await load({ 'sunco.yaml': y('version: 1', 'apps:', '  a: { displayName: A, protect: true }') });
    const b = await load({ 'sunco.yaml': y('# comment', 'apps:', '  a:', '    protect: true', '    displayName: A', 'version: 1') });
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('sources hold every entry and field, nested fields included', async () => {
    const loaded = await load(files, { env });
    const at = (k: string) => { const p = loaded.sources.get(k); return p && [p.file, p.line, p.column]; };
    expect(at('app.a')).toEqual(['sunco.yaml', 3, 3]);
    expect(at('app.a#metadata.team')).toEqual(['sunco.yaml', 5, 17]);
    expect(at('app.a.integration.sms')).toEqual(['sunco.yaml', 8, 7]);
    expect(at('app.a.integration.sms#authToken')).toEqual(['sunco.yaml', 11, 9]);
  });

  it('sources and issues name files relative to cwd', async () => {
    const issues = await issuesOf({ 'conf/main.yaml': y('version: 1', 'apps:', '  a: { displayName: A, protect: 1 }') }, { path: 'conf/main.yaml' });
    expect(issues[0]).toMatchObject({ file: 'conf/main.yaml', line: 3, column: 33, code: 'wrong_type' });
  });

  // localeCompare put a.yaml before B.yaml, and ä.yaml before z.yaml under LANG=en_US but
  // after it under sv_SE: the order of the messages hung on the user's locale.
  it('issues of several files come in the order the files are read, whatever the locale', async () => {
    const bad = (app: string) => y('version: 1', 'apps:', `  ${app}: { displayName: X, protect: 1 }`);
    const files = { 'conf/z.yaml': bad('z'), 'conf/ä.yaml': bad('ae'), 'conf/a.yaml': bad('a'), 'conf/B.yaml': bad('b') };
    const issues = await issuesOf(files, { path: 'conf' });
    expect(issues.map((i) => i.file)).toEqual(['conf/B.yaml', 'conf/a.yaml', 'conf/z.yaml', 'conf/ä.yaml']);
  });
});

describe('issue collection', () => {
  it('a missing variable in a reference is reported once, as a variable issue', async () => {
    const issues = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    switchboard:', '      default: ${DEF}', '      integrations: { agent: { integrationType: x, next: agnt } }') });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['missing_variable', 6], ['unknown_reference', 7]]);
  });

  it('collects issues from every file and every stage that can run', async () => {
    const issues = await issuesOf({
      'c/1.yaml': y('version: 1', 'apps:', '  a: { displayName: A, protet: true }'),
      'c/2.yaml': y('version: 1', 'apps:', '  b: { displayName: "${MISSING}" }', '  c:', '    displayName: C', '    integrations: { w: { type: web, brandColr: x } }'),
    }, { path: 'c' });
    expect(issues.map((i) => `${i.file}:${i.line}:${i.code}`)).toEqual(['c/1.yaml:3:unknown_field', 'c/2.yaml:3:missing_variable', 'c/2.yaml:6:unknown_field']);
  });

  it('a misspelt field does not hide a dangling reference or a duplicate app in another file', async () => {
    const issues = await issuesOf({
      'c/1.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', '      web: { type: web, brandColr: x, defaultResponder: bto }',
        '    switchboard:', '      integrations: { bot: { integrationType: x } }'),
      'c/2.yaml': y('version: 1', 'apps:', '  a: { displayName: A2, protet: true }'),
    }, { path: 'c' });
    expect(issues.map((i) => `${i.file}:${i.line}:${i.code}`)).toEqual(['c/1.yaml:6:unknown_field', 'c/2.yaml:3:duplicate_app', 'c/2.yaml:3:unknown_field']);
    const one = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    integrations:', '      web: { type: web, brandColr: x, defaultResponder: bto }',
      '    switchboard:', '      integrations: { bot: { integrationType: x } }') });
    expect(one.map((i) => `${i.line}:${i.column}:${i.code}:${i.hint ?? ''}`)).toEqual(['6:25:unknown_field:did you mean "brandColor"?', '6:57:unknown_reference:did you mean "bot"?']);
  });

  it('a value of the wrong type stops the reference rules (they read the typed model), and a missing apps map is reported once', async () => {
    const typed = await issuesOf({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', '    protect: 1', '    switchboard: { default: nope }') });
    expect(typed.map((i) => i.code)).toEqual(['wrong_type']);
    const noApps = await issuesOf({ 'sunco.yaml': y('version: 1', 'prune: true', 'aps: {}') });
    expect(noApps.map((i) => i.code).sort()).toEqual(['missing_field', 'unknown_field']);
  });
});
