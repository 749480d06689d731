/**
 * The spec's prose rules, as `sunco validate` reports them: file:line and address for each
 * violation, and the nearest valid config loads (so that refusing everything cannot pass).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, issuesOf, load } from './helpers.js';

afterAll(cleanup);
const y = (...lines: string[]) => `${lines.join('\n')}\n`;
const app = (...lines: string[]) => ({ 'sunco.yaml': y('version: 1', 'apps:', '  a:', '    displayName: A', ...lines) });
const integ = (body: string) => app('    integrations:', `      x: ${body}`);

describe('integration rules', () => {
  it.each([
    ['twilio with neither sender', integ('{ type: twilio, accountSid: AC1, authToken: t }'), 'spec_rule', 6, 7, /needs phoneNumberSid or messagingServiceSid/],
    ['mailgun incomingAddress on another domain', integ('{ type: mailgun, apiKey: k, domain: mg.example.com, incomingAddress: help@other.example.com }'), 'spec_rule', 6, 62, /incomingAddress must be an address on the domain mg\.example\.com/],
    ['line channelId alone', integ('{ type: line, channelId: c1 }'), 'spec_rule', 6, 24, /channelId and channelSecret go together: set channelSecret too/],
    ['line channelSecret alone', integ('{ type: line, channelSecret: s1 }'), 'spec_rule', 6, 24, /set channelId too/],
    ['web origin with a path', integ('{ type: web, originWhitelist: [https://acme.example, https://acme.example/shop] }'), 'bad_origin', 6, 63, /"https:\/\/acme\.example\/shop" is not an origin/],
  ])('%s: refused at file:line', async (_what, files, code, line, column, message) => {
    const issues = await issuesOf(files);
    expect(issues).toEqual([expect.objectContaining({ file: 'sunco.yaml', code, line, column, address: 'app.a.integration.x', message: expect.stringMatching(message) })]);
  });

  it.each([
    ['twilio with phoneNumberSid', integ('{ type: twilio, accountSid: AC1, authToken: t, phoneNumberSid: PN1 }')],
    ['twilio with messagingServiceSid', integ('{ type: twilio, accountSid: AC1, authToken: t, messagingServiceSid: MG1 }')],
    ['mailgun on its domain', integ('{ type: mailgun, apiKey: k, domain: mg.example.com, incomingAddress: help@mg.example.com }')],
    ['line with both', integ('{ type: line, channelId: c1, channelSecret: s1 }')],
    ['line with neither', integ('{ type: line, channelAccessToken: cat }')],
    ['web origins', integ('{ type: web, originWhitelist: [https://acme.example, "http://localhost:8080"] }')],
  ])('%s: loads', async (_what, files) => {
    await expect(load(files)).resolves.toBeDefined();
  });

  it('a sender from an unset variable counts as set; a domain from one is not checked (validate without --strict)', async () => {
    const files = app(
      '    integrations:',
      '      sms: { type: twilio, accountSid: AC1, authToken: t, phoneNumberSid: "${PN}" }',
      '      mail: { type: mailgun, apiKey: k, domain: "${DOMAIN}", incomingAddress: help@mg.example.com }',
    );
    const loaded = await load(files, { allowUnsetVariables: true });
    expect(loaded.unsetVariables).toEqual(['DOMAIN', 'PN']);
  });

  it('entries named by different unset variables are not "declared twice"; the same variable twice is', async () => {
    const two = (a: string, b: string) => app('    integrations:', `      one: { type: telegram, token: t, displayName: "${a}" }`, `      two: { type: telegram, token: t, displayName: "${b}" }`);
    await expect(load(two('${A}', '${B}'), { allowUnsetVariables: true })).resolves.toBeDefined();
    const issues = await issuesOf(two('${A}', '${A}'), { allowUnsetVariables: true });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['duplicate_identity', 7]]);
  });
});

describe('settings: endSessionEnabled and disableConversationReopen need multiConvoEnabled', () => {
  it.each(['endSessionEnabled', 'disableConversationReopen'])('%s: true without multiConvoEnabled: true is refused at the setting', async (setting) => {
    const issues = await issuesOf(app('    settings:', '      useAnimalNames: true', `      ${setting}: true`));
    expect(issues).toEqual([expect.objectContaining({ code: 'needs_multi_convo', line: 7, column: 7, address: 'app.a', message: expect.stringContaining(`${setting} needs multiConvoEnabled: true`) })]);
    await expect(load(app('    settings:', '      multiConvoEnabled: true', `      ${setting}: true`))).resolves.toBeDefined();
    await expect(load(app('    settings:', `      ${setting}: false`))).resolves.toBeDefined();
  });
});

describe('limits', () => {
  const keys = (n: number, indent: string) => Array.from({ length: n }, (_, i) => `${indent}k${i}: { displayName: key ${i} }`);
  const hooks = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `          h${from + i}: { target: "https://bot.example/${from + i}", triggers: [conversation:message] }`);
  const bot = (name: string, n: number, from = 0) => [`      ${name}:`, '        type: custom', `        displayName: ${name}`, '        webhooks:', ...hooks(n, from)];

  it('11 app keys are refused (apply would create 10, then fail); 10 load', async () => {
    const issues = await issuesOf(app('    keys:', ...keys(11, '      ')));
    expect(issues).toEqual([expect.objectContaining({ code: 'too_many_keys', line: 5, message: 'an app holds at most 10 keys (found 11)' })]);
    await expect(load(app('    keys:', ...keys(10, '      ')))).resolves.toBeDefined();
  });

  it('11 keys on one integration are refused; 10 load', async () => {
    const files = (n: number) => app('    integrations:', ...bot('bot', 1), '        keys:', ...keys(n, '          '));
    expect(await issuesOf(files(11))).toEqual([expect.objectContaining({ code: 'too_many_keys', line: 11, address: 'app.a.integration.bot', message: 'an integration holds at most 10 keys (found 11)' })]);
    await expect(load(files(10))).resolves.toBeDefined();
  });

  it('11 webhooks in one app are refused, in one integration or across several; 10 load', async () => {
    expect((await issuesOf(app('    integrations:', ...bot('bot', 11)))).map((i) => [i.code, i.line])).toEqual([['too_many_webhooks', 9]]);
    const across = await issuesOf(app('    integrations:', ...bot('one', 6), ...bot('two', 5, 6)));
    expect(across).toEqual([expect.objectContaining({ code: 'too_many_webhooks', line: 5, address: 'app.a', message: expect.stringContaining('this one declares 11') })]);
    await expect(load(app('    integrations:', ...bot('one', 5), ...bot('two', 5, 5)))).resolves.toBeDefined();
  });
});

describe('metadata', () => {
  it('a null value is refused (strings, numbers and booleans only)', async () => {
    const issues = await issuesOf(app('    metadata: { team: null, n: 1 }'));
    expect(issues).toEqual([expect.objectContaining({ code: 'metadata_nested', line: 5, message: expect.stringContaining('"team" must be a string, number or boolean') })]);
    await expect(load(app('    metadata: { team: x, n: 1, ok: true }'))).resolves.toBeDefined();
  });
});
