/**
 * The bad-config corpus: each entry is a config that must fail, with the issue it must
 * produce (code, message, position, and the did-you-mean hint where there is one).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, issuesOf, type LoadOpts } from './helpers.js';

const y = (...lines: string[]) => `${lines.join('\n')}\n`;
const head = ['version: 1', 'apps:', '  a:', '    displayName: A'];
/** An app `a` with the given lines appended (line 5 is the first of them). */
const app = (...lines: string[]) => y(...head, ...lines);
const custom = (name = 'bot') => [
  `      ${name}:`, '        type: custom', '        webhooks:', '          main: { target: https://bot.example/hook, triggers: [conversation:message] }',
];

interface Case {
  name: string;
  files: Record<string, string>;
  opts?: LoadOpts;
  code: string;
  message: string | RegExp;
  line: number;
  column: number;
  file?: string;
  address?: string;
  hint?: string | RegExp;
}

const big = `version: 1\napps: {}\n${'#'.repeat(80)}\n`.repeat(14_000);
const bomb = y(
  'version: 1', 'apps:', '  a:', '    displayName: A', '    metadata:',
  '      l1: &l1 [x, x, x, x, x, x, x, x, x, x]',
  '      l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]',
  '      l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]',
  '      l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]',
  '      l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]',
  '      l6: [*l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5]',
);
const elevenSb = Array.from({ length: 11 }, (_, i) => `        s${i}: { integrationType: "zd:agentWorkspace" }`);

const cases: Case[] = [
  // loading and YAML
  { name: 'missing default file', files: {}, code: 'file_missing', message: 'config file sunco.yaml not found', line: 0, column: 0, file: 'sunco.yaml' },
  { name: 'missing -f path', files: {}, opts: { path: 'conf/x.yaml' }, code: 'file_missing', message: 'conf/x.yaml not found', line: 0, column: 0 },
  { name: 'file too large', files: { 'sunco.yaml': big }, code: 'file_too_large', message: /limited to 1048576 bytes/, line: 0, column: 0 },
  { name: 'YAML syntax error', files: { 'sunco.yaml': app('    settings: { multiConvoEnabled: true') }, code: 'yaml_syntax', message: /flow|Missing|end/i, line: 6, column: 1 },
  { name: 'duplicate key', files: { 'sunco.yaml': app('    displayName: B') }, code: 'duplicate_key', message: 'duplicate key', line: 5, column: 5 },
  { name: 'custom tag', files: { 'sunco.yaml': app('    metadata: { team: !vault support }') }, code: 'custom_tag', message: 'custom YAML tag !vault is not allowed', line: 5, column: 23 },
  { name: 'alias bomb', files: { 'sunco.yaml': bomb }, code: 'alias_limit', message: /alias expansion produces more than 20000 values: refusing a possible alias bomb/, line: 10, column: 16 },
  { name: 'root is a list', files: { 'sunco.yaml': '- version: 1\n' }, code: 'wrong_type', message: 'value must be an object, not a list', line: 1, column: 1 },
  // schema: misspelt fields per kind
  { name: 'misspelt top-level field', files: { 'sunco.yaml': y('version: 1', 'app:', '  a: { displayName: A }') }, code: 'unknown_field', message: 'unknown field "app" at the top level', line: 2, column: 1, hint: 'did you mean "apps"?' },
  { name: 'misspelt app field', files: { 'sunco.yaml': app('    setings: { multiConvoEnabled: true }') }, code: 'unknown_field', message: 'unknown field "setings" in an app', line: 5, column: 5, address: 'app.a', hint: 'did you mean "settings"?' },
  { name: 'misspelt settings field', files: { 'sunco.yaml': app('    settings: { multiConvoEnable: true }') }, code: 'unknown_field', message: 'unknown field "multiConvoEnable" in app settings', line: 5, column: 17, hint: 'did you mean "multiConvoEnabled"?' },
  { name: 'misspelt key field', files: { 'sunco.yaml': app('    keys:', '      ci: { displayname: CI }') }, code: 'unknown_field', message: 'unknown field "displayname" in a key', line: 6, column: 13, address: 'app.a.key.ci', hint: 'did you mean "displayName"?' },
  { name: 'misspelt integration field', files: { 'sunco.yaml': app('    integrations:', '      web:', '        type: web', '        brandColour: "65758e"') }, code: 'unknown_field', message: 'unknown field "brandColour" in a web integration', line: 8, column: 9, address: 'app.a.integration.web', hint: 'did you mean "brandColor"?' },
  { name: 'field of another integration type', files: { 'sunco.yaml': app('    integrations:', '      sms: { type: twilio, accountSid: A, authToken: "t", token: x }') }, code: 'unknown_field', message: 'unknown field "token" in a twilio integration', line: 6, column: 59, hint: '"token" is a field of telegram, viber integrations' },
  { name: 'misspelt webhook field', files: { 'sunco.yaml': app('    integrations:', '      bot:', '        type: custom', '        webhooks:', '          main: { target: https://b.example/h, triggers: [conversation:message], includeFullUsr: true }') }, code: 'unknown_field', message: 'unknown field "includeFullUsr" in a webhook', line: 9, column: 82, address: 'app.a.integration.bot.webhook.main', hint: 'did you mean "includeFullUser"?' },
  { name: 'misspelt switchboard field', files: { 'sunco.yaml': app('    switchboard:', '      defualt: bot') }, code: 'unknown_field', message: 'unknown field "defualt" in a switchboard', line: 6, column: 7, address: 'app.a.switchboard', hint: 'did you mean "default"?' },
  { name: 'misspelt switchboard integration field', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', '        agent: { integrationType: "zd:agentWorkspace", nxt: agent }') }, code: 'unknown_field', message: 'unknown field "nxt" in a switchboard integration', line: 7, column: 56, address: 'app.a.switchboard.integration.agent', hint: 'did you mean "next"?' },
  { name: 'defaultResponder on a custom integration', files: { 'sunco.yaml': app('    integrations:', ...custom(), '        defaultResponder: bot') }, code: 'unknown_field', message: 'unknown field "defaultResponder" in a custom integration', line: 10, column: 9, address: 'app.a.integration.bot' },
  { name: 'colour with a #', files: { 'sunco.yaml': app('    integrations:', '      web: { type: web, brandColor: "#65758e" }') }, code: 'bad_value', message: '"brandColor" must be a 3 or 6-digit hexadecimal colour without "#", e.g. 65758e', line: 6, column: 37, address: 'app.a.integration.web' },
  { name: 'unknown displayStyle', files: { 'sunco.yaml': app('    integrations:', '      web: { type: web, displayStyle: bubble }') }, code: 'bad_value', message: /"displayStyle" must be one of: button, tab/, line: 6, column: 39, address: 'app.a.integration.web' },
  { name: 'switchboard integrationType custom', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', '        x: { integrationType: custom }') }, code: 'bad_value', message: '"integrationType" cannot be custom: name the custom integration with "integration" instead', line: 7, column: 31, address: 'app.a.switchboard.integration.x' },
  // schema: types, enums, required, read-only
  { name: 'wrong type', files: { 'sunco.yaml': app('    protect: "yes"') }, code: 'wrong_type', message: '"protect" must be a boolean, not string "yes"', line: 5, column: 14, address: 'app.a' },
  { name: 'out of range', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', '        agent: { integrationType: x, messageHistoryCount: 11 }') }, code: 'out_of_range', message: '"messageHistoryCount" must be at most 10', line: 7, column: 59 },
  { name: 'unknown integration type', files: { 'sunco.yaml': app('    integrations:', '      web: { type: webb }') }, code: 'unknown_integration_type', message: 'unknown integration type "webb"', line: 6, column: 20, hint: 'did you mean "web"?' },
  { name: 'missing required field of a type', files: { 'sunco.yaml': app('    integrations:', '      sms:', '        type: twilio', '        accountSid: AC1') }, code: 'missing_field', message: 'missing required field "authToken"', line: 6, column: 7, address: 'app.a.integration.sms' },
  { name: 'missing app displayName', files: { 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    protect: true') }, code: 'missing_field', message: 'missing required field "displayName"', line: 3, column: 3, address: 'app.a' },
  { name: 'bad trigger', files: { 'sunco.yaml': app('    integrations:', '      bot:', '        type: custom', '        webhooks:', '          main: { target: https://b.example/h, triggers: [conversation:mesage] }') }, code: 'unknown_trigger', message: 'unknown webhook trigger "conversation:mesage"', line: 9, column: 59, hint: 'did you mean "conversation:message"?' },
  { name: 'bad webhook target', files: { 'sunco.yaml': app('    integrations:', '      bot:', '        type: custom', '        webhooks:', '          main: { target: not-a-url, triggers: [conversation:message] }') }, code: 'bad_format', message: '"target" must be an absolute http(s) URL', line: 9, column: 27 },
  { name: 'read-only field set', files: { 'sunco.yaml': app('    integrations:', '      tg:', '        type: telegram', '        token: t', '        username: mybot') }, code: 'read_only_field', message: '"username" is read-only for telegram integrations', line: 9, column: 9 },
  { name: 'defaultResponderId set', files: { 'sunco.yaml': app('    integrations:', '      w: { type: web, defaultResponderId: abc }') }, code: 'read_only_field', message: 'defaultResponderId is set from defaultResponder', line: 6, column: 23 },
  { name: 'metadata nested', files: { 'sunco.yaml': app('    metadata: { team: { name: x } }') }, code: 'metadata_nested', message: 'metadata value "team" must be a string, number or boolean', line: 5, column: 23 },
  { name: 'metadata too big', files: { 'sunco.yaml': app(`    metadata: { blob: "${'x'.repeat(4100)}" }`) }, code: 'metadata_too_large', message: /metadata is 4111 bytes as JSON; the API allows at most 4096/, line: 5, column: 5 },
  { name: 'unknown version', files: { 'sunco.yaml': y('version: 2', 'apps: {}') }, code: 'unknown_version', message: 'unknown config version 2: this sunco understands version 1', line: 1, column: 10 },
  { name: 'ignoreChanges unknown field', files: { 'sunco.yaml': app('    integrations:', '      sms: { type: twilio, accountSid: A, authToken: t, ignoreChanges: [authTokn] }') }, code: 'unknown_ignore_field', message: 'ignoreChanges: "authTokn" is not a field of a twilio integration', line: 6, column: 73, hint: 'did you mean "authToken"?' },
  { name: 'invalid logical name', files: { 'sunco.yaml': y('version: 1', 'apps:', '  my.app: { displayName: A }') }, code: 'bad_name', message: 'invalid name "my.app"', line: 3, column: 3 },
  { name: 'custom without webhooks', files: { 'sunco.yaml': app('    integrations:', '      bot: { type: custom }') }, code: 'missing_field', message: 'missing required field "webhooks"', line: 6, column: 7 },
  { name: 'custom with empty webhooks', files: { 'sunco.yaml': app('    integrations:', '      bot: { type: custom, webhooks: {} }') }, code: 'custom_without_webhook', message: 'a custom integration needs at least one webhook', line: 6, column: 28 },
  { name: 'webhooks on non-custom', files: { 'sunco.yaml': app('    integrations:', '      web:', '        type: web', '        webhooks:', '          main: { target: https://b.example/h, triggers: [conversation:message] }') }, code: 'custom_only', message: 'webhooks are only allowed on custom integrations (this one is web)', line: 8, column: 9 },
  { name: 'keys on non-custom', files: { 'sunco.yaml': app('    integrations:', '      web: { type: web, keys: { k: { displayName: K } } }') }, code: 'custom_only', message: 'keys are only allowed on custom integrations', line: 6, column: 25 },
  { name: 'more than 10 switchboard integrations', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', ...elevenSb) }, code: 'too_many_switchboard_integrations', message: 'at most 10 switchboard integrations (found 11)', line: 6, column: 7 },
  // variables
  { name: 'missing variable', files: { 'sunco.yaml': app('    integrations:', '      sms: { type: twilio, accountSid: AC1, authToken: "tok-${TOKEN}" }') }, code: 'missing_variable', message: /variable TOKEN is not set/, line: 6, column: 61, address: 'app.a.integration.sms' },
  { name: ':? message', files: { 'sunco.yaml': app('    integrations:', '      sms: { type: twilio, accountSid: AC1, authToken: "${TOKEN:?ask ops for the Twilio token}" }') }, code: 'required_variable', message: 'ask ops for the Twilio token', line: 6, column: 57 },
  { name: ':? with an empty value', files: { 'sunco.yaml': app('    metadata: { team: "${TEAM:?}" }') }, opts: { env: { TEAM: '' } }, code: 'required_variable', message: 'variable TEAM is required', line: 5, column: 24 },
  { name: 'invalid variable reference', files: { 'sunco.yaml': app('    metadata: { team: "${1TEAM}" }') }, code: 'bad_variable', message: /invalid variable reference "\$\{1TEAM\}"/, line: 5, column: 24 },
  { name: 'unclosed variable reference', files: { 'sunco.yaml': app('    metadata: { team: "${TEAM" }') }, code: 'bad_variable', message: /unclosed "\$\{"/, line: 5, column: 24 },
  { name: 'var-file parse error', files: { 'sunco.yaml': app(), 'vars.env': 'A=1\n# comment\nB="unclosed\n' }, opts: { varFiles: ['vars.env'] }, code: 'var_file_syntax', message: 'B: unclosed double quote', file: 'vars.env', line: 3, column: 3 },
  { name: 'var-file line without =', files: { 'sunco.yaml': app(), 'vars.env': 'export GOOD=1\nnot a pair\n' }, opts: { varFiles: ['vars.env'] }, code: 'var_file_syntax', message: 'expected NAME=VALUE', file: 'vars.env', line: 2, column: 1 },
  { name: 'YAML var-file not a mapping', files: { 'sunco.yaml': app(), 'vars.yaml': '- a\n- b\n' }, opts: { varFiles: ['vars.yaml'] }, code: 'var_file_syntax', message: /must be a mapping/, file: 'vars.yaml', line: 1, column: 1 },
  { name: 'var-file missing', files: { 'sunco.yaml': app() }, opts: { varFiles: ['nope.env'] }, code: 'var_file_missing', message: 'cannot read variable file nope.env', line: 0, column: 0 },
  { name: 'malformed --var', files: { 'sunco.yaml': app() }, opts: { vars: ['NOEQUALS'] }, code: 'bad_var_flag', message: '--var "NOEQUALS": expected NAME=VALUE', line: 0, column: 0 },
  // reference rules
  { name: 'unknown integration reference', files: { 'sunco.yaml': app('    integrations:', ...custom(), '    switchboard:', '      integrations:', '        b: { integration: bto }') }, code: 'unknown_reference', message: 'integration names unknown integration "bto" of app "a"', line: 12, column: 27, address: 'app.a.switchboard.integration.b', hint: 'did you mean "bot"?' },
  { name: 'unknown next reference', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', '        agent: { integrationType: x, next: agnet }') }, code: 'unknown_reference', message: 'next names unknown switchboard integration "agnet"', line: 7, column: 44, hint: 'did you mean "agent"?' },
  { name: 'unknown default reference', files: { 'sunco.yaml': app('    switchboard:', '      default: agnt', '      integrations:', '        agent: { integrationType: x }') }, code: 'unknown_reference', message: 'default names unknown switchboard integration "agnt"', line: 6, column: 16, address: 'app.a.switchboard', hint: 'did you mean "agent"?' },
  { name: 'unknown defaultResponder reference', files: { 'sunco.yaml': app('    integrations:', '      web: { type: web, defaultResponder: bto }', '    switchboard:', '      integrations:', '        bot: { integrationType: x }') }, code: 'unknown_reference', message: 'defaultResponder names unknown switchboard integration "bto"', line: 6, column: 43, address: 'app.a.integration.web', hint: 'did you mean "bot"?' },
  { name: 'defaultResponder without a switchboard', files: { 'sunco.yaml': app('    integrations:', '      web: { type: web, defaultResponder: bot }') }, code: 'unknown_reference', message: 'but app "a" declares no switchboard', line: 6, column: 43 },
  { name: 'enabled switchboard without default', files: { 'sunco.yaml': app('    switchboard:', '      enabled: true', '      integrations:', '        agent: { integrationType: x }') }, code: 'enabled_without_default', message: /needs a default/, line: 6, column: 7 },
  { name: 'switchboard integration without target', files: { 'sunco.yaml': app('    switchboard:', '      integrations:', '        agent: { deliverStandbyEvents: true }') }, code: 'missing_field', message: /needs "integration" .* or "integrationType"/, line: 7, column: 9 },
  { name: 'duplicate integration identity', files: { 'sunco.yaml': app('    integrations:', '      w1: { type: web, displayName: Site }', '      w2: { type: web, displayName: Site }') }, code: 'duplicate_identity', message: 'integration with type web and displayName "Site" is declared twice (also app.a.integration.w1)', line: 7, column: 7, address: 'app.a.integration.w2', hint: /id/ },
  { name: 'duplicate webhook target', files: { 'sunco.yaml': app('    integrations:', ...custom(), '          again: { target: https://bot.example/hook, triggers: [conversation:postback] }') }, code: 'duplicate_identity', message: /webhook with target https:\/\/bot.example\/hook is declared twice/, line: 10, column: 11 },
  { name: 'duplicate key displayName', files: { 'sunco.yaml': app('    keys:', '      k1: { displayName: CI }', '      k2: { displayName: CI }') }, code: 'duplicate_identity', message: /key with displayName "CI" is declared twice/, line: 7, column: 7 },
  { name: 'duplicate app identity', files: { 'sunco.yaml': y('version: 1', 'apps:', '  a: { displayName: Same }', '  b: { displayName: Same }') }, code: 'duplicate_identity', message: /app with displayName "Same" is declared twice \(also app.a\)/, line: 4, column: 3 },
  { name: 'duplicate pinned id', files: { 'sunco.yaml': y('version: 1', 'apps:', '  a: { displayName: A, id: app1 }', '  b: { displayName: B, id: app1 }') }, code: 'duplicate_identity', message: 'app id app1 is also pinned by app.a', line: 4, column: 3 },
  { name: 'absent app with protect', files: { 'sunco.yaml': app('    absent: true', '    protect: true') }, code: 'absent_protected', message: /absent app cannot be protected/, line: 6, column: 5 },
  { name: 'absent app with children', files: { 'sunco.yaml': app('    absent: true', '    integrations:', '      web: { type: web }') }, code: 'absent_with_children', message: 'remove "integrations"', line: 6, column: 5 },
  // directories
  { name: 'duplicate app across files', files: { 'conf/a.yaml': y('version: 1', 'apps:', '  a: { displayName: A }'), 'conf/b.yml': y('version: 1', 'apps:', '  b: { displayName: B }', '  a: { displayName: A2 }') }, opts: { path: 'conf' }, code: 'duplicate_app', message: 'app "a" is declared twice: here and in conf/a.yaml:3:3', file: 'conf/b.yml', line: 4, column: 3 },
  { name: 'conflicting prune across files', files: { 'conf/a.yaml': y('version: 1', 'prune: true', 'apps: {}'), 'conf/b.yaml': y('version: 1', 'prune: false', 'apps: {}') }, opts: { path: 'conf' }, code: 'conflicting_prune', message: 'prune: false disagrees with prune: true in conf/a.yaml:2:1', file: 'conf/b.yaml', line: 2, column: 1 },
  { name: 'empty directory', files: { 'conf/readme.txt': 'x' }, opts: { path: 'conf' }, code: 'file_missing', message: 'directory conf holds no *.yaml or *.yml file', line: 0, column: 0 },
];

describe('bad config corpus', () => {
  afterAll(cleanup);
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));
  it.each(cases)('$name', async (c) => {
    const issues = await issuesOf(c.files, c.opts);
    const issue = issues.find((i) => i.code === c.code);
    expect(issue, `issues: ${JSON.stringify(issues, null, 1)}`).toBeDefined();
    if (!issue) return;
    if (typeof c.message === 'string') expect(issue.message).toContain(c.message);
    else expect(issue.message).toMatch(c.message);
    expect([issue.line, issue.column]).toEqual([c.line, c.column]);
    if (c.file !== undefined) expect(issue.file).toBe(c.file);
    if (c.address !== undefined) expect(issue.address).toBe(c.address);
    if (c.hint instanceof RegExp) expect(issue.hint).toMatch(c.hint);
    else if (c.hint !== undefined) expect(issue.hint).toBe(c.hint);
    // The frame shows the line and puts its caret under the issue's column.
    const source = c.files[issue.file];
    if (issue.line > 0 && source !== undefined) {
      const [shown, caret] = issue.frame.split('\n');
      expect(shown).toMatch(new RegExp(`^\\s+${issue.line} \\| `));
      const at = caret.indexOf('^');
      // (a masked secret shows as `*` in the same column)
      expect([source.split('\n')[issue.line - 1][issue.column - 1], '*']).toContain(shown[at]);
    }
  });
});

describe('frames never show secrets', () => {
  afterAll(cleanup);
  it('masks literal secret values in config frames, keeping columns', async () => {
    const issues = await issuesOf({ 'sunco.yaml': app('    integrations:', '      sms: { type: twilio, accountSid: AC1, authToken: hunter2, displayNam: x, phoneNumberSid: PN1 }') });
    expect(issues[0]).toMatchObject({ code: 'unknown_field', line: 6, column: 65 });
    expect(issues[0].frame).not.toContain('hunter2');
    expect(issues[0].frame).toContain('authToken: *******, displayNam');
    expect(issues[0].frame.split('\n')[1].indexOf('^')).toBe(issues[0].frame.split('\n')[0].indexOf('displayNam'));
  });

  it('masks values in variable-file frames', async () => {
    const issues = await issuesOf({ 'sunco.yaml': app(), 'v.env': 'TOKEN="s3cr3t-value\n' }, { varFiles: ['v.env'] });
    expect(issues[0]).toMatchObject({ code: 'var_file_syntax', line: 1, column: 7 });
    expect(issues[0].frame).not.toContain('s3cr3t');
  });

  it('hints at quoting when a variable breaks a flow mapping', async () => {
    const issues = await issuesOf({ 'sunco.yaml': app('    credentials: { keyId: app_1, secret: ${SECRET} }') });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'yaml_syntax', line: 5, hint: 'inside { } or [ ], quote values that use variables: "${NAME}"' });
  });
});
