/** `sunco validate` through the real CLI wiring (in-process): text, --json, exit codes. */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { cleanup, tempConfig } from '../../config/helpers.js';

const good = 'version: 1\napps:\n  a:\n    displayName: A\n    integrations:\n      sms: { type: twilio, accountSid: AC1, authToken: "${TOKEN}", phoneNumberSid: PN1 }\n      web: { type: web }\n';
const bad = 'version: 1\napps:\n  a:\n    displayName: A\n    integrations:\n      web: { type: web, brandColour: x }\n      sms: { type: twilio, accountSid: AC1, authToken: "${TOKEN}", phoneNumberSid: PN1 }\n';

afterAll(cleanup);

describe('sunco validate', () => {
  it('prints one OK line and exits 0 for a valid config (default file sunco.yaml)', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': good });
    const r = await runCli(['validate'], { cwd, env: { TOKEN: 'super-secret-token' } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('OK: 1 app, 2 resources in sunco.yaml\n');
  });

  it('takes -f, --var-file and --var', async () => {
    const cwd = await tempConfig({ 'conf/main.yaml': good, 'v.env': 'TOKEN=from-file\n' });
    expect((await runCli(['validate', '-f', 'conf/main.yaml', '--var-file', 'v.env'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', '--file', 'conf', '--var', 'TOKEN=x'], { cwd })).stdout).toBe('OK: 1 app, 2 resources in conf/main.yaml\n');
  });

  it('counts in the singular for one app and one resource', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': 'version: 1\napps:\n  a:\n    displayName: A\n    integrations:\n      web: { type: web }\n' });
    expect((await runCli(['validate'], { cwd })).stdout).toBe('OK: 1 app, 1 resource in sunco.yaml\n');
  });

  it('repeats --var and --var-file; the last one wins', async () => {
    // protect must be a boolean: only the last value of each source is valid.
    const cwd = await tempConfig({ 'sunco.yaml': 'version: 1\napps:\n  a: { displayName: A, protect: "${P}" }\n', 'a.env': 'P=nope\n', 'b.env': 'P=true\n' });
    expect((await runCli(['validate', '--var-file', 'a.env', '--var-file', 'b.env'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', '--var-file', 'b.env', '--var-file', 'a.env'], { cwd })).code).toBe(1);
    expect((await runCli(['validate', '--var', 'P=nope', '--var', 'P=false'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', '--var-file', 'b.env', '--var', 'P=nope'], { cwd })).code).toBe(1);
    const greedy = await runCli(['validate', '--var', 'P=true', 'Q=2'], { cwd });
    expect(greedy.code).toBe(1);
    expect(greedy.stderr).toContain('Unexpected argument "Q=2" for sunco validate.');
  });

  it('prints every issue with position, frame and hint, and exits 1', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': bad });
    const r = await runCli(['validate', '--strict'], { cwd, env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Error: Invalid configuration: 2 errors');
    expect(r.stderr).toContain('sunco.yaml:6:25: app.a.integration.web: unknown field "brandColour" in a web integration\n  6 |');
    expect(r.stderr).toContain('  hint: did you mean "brandColor"?');
    expect(r.stderr).toMatch(/sunco\.yaml:7:57: app\.a\.integration\.sms: variable TOKEN is not set/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--json prints {valid, errors} on stdout, exit 1 when invalid', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': bad });
    const r = await runCli(['validate', '--json', '--strict'], { cwd, env: {} });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { valid: boolean; errors: Array<Record<string, unknown>> };
    expect(out.valid).toBe(false);
    expect(out.errors[0]).toEqual({
      file: 'sunco.yaml', line: 6, column: 25, address: 'app.a.integration.web', code: 'unknown_field',
      message: 'unknown field "brandColour" in a web integration', hint: 'did you mean "brandColor"?',
    });
    expect(out.errors[1]).toMatchObject({ code: 'missing_variable', line: 7, hint: null });
  });

  it('--json on a valid config', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': good });
    const r = await runCli(['validate', '--json'], { cwd, env: { TOKEN: 't' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, errors: [], unsetVariables: [] });
  });

  it('never prints a variable value', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': good.replace('web: { type: web }', 'web: { type: web, brandColour: x }') });
    const r = await runCli(['validate'], { cwd, env: { TOKEN: 'super-secret-token' } });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('super-secret-token');
  });

  it('without --strict an unset variable is a note: everything else is still checked, exit 0', async () => {
    const cwd = await tempConfig({ 'sunco.yaml': good });
    const r = await runCli(['validate'], { cwd, env: {} });
    expect(r).toMatchObject({ code: 0, stdout: 'OK: 1 app, 2 resources in sunco.yaml\n' });
    expect(r.stderr).toBe('note: 1 variable not set; values not checked (TOKEN); --strict makes this an error\n');
    const json = await runCli(['validate', '--json'], { cwd, env: {} });
    expect(JSON.parse(json.stdout)).toEqual({ valid: true, errors: [], unsetVariables: ['TOKEN'] });
    // The other issues of the file are reported all the same.
    const bad2 = await runCli(['validate'], { cwd: await tempConfig({ 'sunco.yaml': bad }), env: {} });
    expect(bad2.code).toBe(1);
    expect(bad2.stderr).toContain('Error: Invalid configuration: 1 error\nsunco.yaml:6:25:');
    // --json names the unset variables of an invalid config too: CI can tell a fork's missing secret from a real error.
    const badJson = await runCli(['validate', '--json'], { cwd: await tempConfig({ 'sunco.yaml': bad }), env: {} });
    expect(badJson.code).toBe(1);
    expect(JSON.parse(badJson.stdout)).toMatchObject({ valid: false, unsetVariables: ['TOKEN'] });
  });

  it('a value from an unset variable is not checked, but a literal one is', async () => {
    const cfg = (v: string) => `version: 1\napps:\n  a:\n    displayName: A\n    settings: { multiConvoEnabled: ${v}, conversationRetentionSeconds: -1 }\n`;
    const r = await runCli(['validate'], { cwd: await tempConfig({ 'sunco.yaml': cfg('"${MULTI}"') }), env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid configuration: 1 error\nsunco.yaml:5:78: app.a: "settings.conversationRetentionSeconds" must be at least 0\n');
  });

  it('examples/multichannel.yaml with no variables set: exit 0 with the note; --strict: exit 1', async () => {
    const cwd = process.cwd();
    const r = await runCli(['validate', '-f', 'examples/multichannel.yaml'], { cwd, env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('OK: 1 app, 4 resources in examples/multichannel.yaml\n');
    expect(r.stderr).toMatch(/^note: 8 variables not set; values not checked \(MESSENGER_APP_ID, MESSENGER_APP_SECRET, /);
    const strict = await runCli(['validate', '--strict', '-f', 'examples/multichannel.yaml'], { cwd, env: {} });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('Error: Invalid configuration: 8 errors');
    expect(strict.stderr).toContain('set MESSENGER_APP_SECRET to the Meta app secret');
  });

  it('a missing file is a one-line error naming the path', async () => {
    const cwd = await tempConfig({});
    const r = await runCli(['validate', '-f', 'nope.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: Invalid configuration: 1 error\nnope.yaml: config file or directory nope.yaml not found\n');
  });
});
