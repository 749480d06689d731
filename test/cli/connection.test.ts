import nock from 'nock';
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { clientFromArgv, connectionOptions, resolveConnection } from '../../src/cli/connection.js';
import { UserError } from '../../src/errors.js';
import { KEY, useNock } from '../api/helpers.js';
import { fakeIO } from '../helpers/io.js';

useNock();

const fake = (env: NodeJS.ProcessEnv = {}) => fakeIO({ env });

const creds = { keyId: KEY.keyId, keySecret: KEY.secret };
const envCreds = { SUNCO_KEY_ID: KEY.keyId, SUNCO_KEY_SECRET: KEY.secret };

describe('resolveConnection', () => {
  it('defaults: api.smooch.io, basic auth, credentials from env', () => {
    const o = resolveConnection({}, fake(envCreds));
    expect(o).toMatchObject({ baseUrl: 'https://api.smooch.io', auth: 'basic', credentials: KEY });
    expect(o.debug).toBeUndefined();
    expect(o.insecure).toBeUndefined();
  });

  it('flags win over env', () => {
    const io = fake({ ...envCreds, SUNCO_API_URL: 'https://env.example', SUNCO_AUTH: 'basic' });
    const o = resolveConnection({ apiUrl: 'https://flag.example', auth: 'jwt', keyId: 'int_1', keySecret: 'flag-secret' }, io);
    expect(o).toMatchObject({ baseUrl: 'https://flag.example', auth: 'jwt', credentials: { keyId: 'int_1', secret: 'flag-secret' } });
  });

  it('reads SUNCO_API_URL, SUNCO_REGION, SUNCO_SUBDOMAIN, SUNCO_AUTH from env', () => {
    expect(resolveConnection({}, fake({ ...envCreds, SUNCO_API_URL: 'http://127.0.0.1:8090' })).baseUrl).toBe('http://127.0.0.1:8090');
    expect(resolveConnection({}, fake({ ...envCreds, SUNCO_REGION: 'eu-1' })).baseUrl).toBe('https://api.eu-1.smooch.io');
    expect(resolveConnection({}, fake({ ...envCreds, SUNCO_SUBDOMAIN: 'acme' })).baseUrl).toBe('https://acme.zendesk.com/sc');
    expect(resolveConnection({}, fake({ ...envCreds, SUNCO_AUTH: 'JWT' })).auth).toBe('jwt');
  });

  it('a URL flag replaces the URL env vars instead of conflicting with them', () => {
    const o = resolveConnection({ subdomain: 'acme' }, fake({ ...envCreds, SUNCO_API_URL: 'https://env.example' }));
    expect(o.baseUrl).toBe('https://acme.zendesk.com/sc');
  });

  it('conflicting flags, or conflicting env vars, are a UserError', () => {
    expect(() => resolveConnection({ ...creds, apiUrl: 'https://x.example', subdomain: 'acme' }, fake())).toThrow(/Conflicting connection flags: --api-url and --subdomain/);
    expect(() => resolveConnection({}, fake({ ...envCreds, SUNCO_REGION: 'eu-1', SUNCO_SUBDOMAIN: 'acme' }))).toThrow(/Conflicting connection environment/);
  });

  it('missing credentials name the flags and env vars to set', () => {
    expect(() => resolveConnection({}, fake())).toThrow(UserError);
    expect(() => resolveConnection({}, fake())).toThrow(/--key-id \(or SUNCO_KEY_ID\) and --key-secret \(or SUNCO_KEY_SECRET\)/);
    expect(() => resolveConnection({ keyId: 'app_1' }, fake())).toThrow(/set --key-secret \(or SUNCO_KEY_SECRET\), or use a profile \(--profile\)\./);
    expect(resolveConnection({}, fake(), { credentialsOptional: true }).credentials).toBeUndefined();
  });

  it('rejects a bad SUNCO_AUTH and a bad --timeout', () => {
    expect(() => resolveConnection({}, fake({ ...envCreds, SUNCO_AUTH: 'oauth' }))).toThrow(/Invalid auth mode "oauth".*basic or jwt/);
    expect(() => resolveConnection({ timeout: 0 }, fake(envCreds))).toThrow(/--timeout/);
    expect(resolveConnection({ timeout: 2.5 }, fake(envCreds)).timeoutMs).toBe(2500);
  });

  it('--insecure and http:// to another host', async () => {
    const io = fake({ ...envCreds, SUNCO_API_URL: 'http://sunco.internal' });
    await expect(clientFromArgv({}, io)).rejects.toThrow(/plain http.*--insecure/);
    const client = await clientFromArgv({ insecure: true }, io);
    expect(client.baseUrl).toBe('http://sunco.internal');
  });
});

describe('clientFromArgv', () => {
  it('makes calls with the resolved options and writes redacted debug lines to stderr', async () => {
    nock('https://api.eu-1.smooch.io', { reqheaders: { authorization: `Basic ${Buffer.from(`${KEY.keyId}:${KEY.secret}`).toString('base64')}` } })
      .get('/v2/apps/a')
      .reply(200, { app: { id: 'a' } });
    const io = fake({ ...envCreds, SUNCO_REGION: 'eu-1', SUNCO_DEBUG: '1' });
    const client = await clientFromArgv({}, io);
    expect(await client.get('/v2/apps/a')).toEqual({ app: { id: 'a' } });
    expect(io.err()).toMatch(/→ GET https:\/\/api\.eu-1\.smooch\.io\/v2\/apps\/a\n.*← 200 GET https:\/\/api\.eu-1\.smooch\.io\/v2\/apps\/a \d+ ms/);
    expect(io.err()).not.toContain(KEY.secret);
  });
});

describe('connectionOptions', () => {
  it('adds every flag under "Connection:" with its env var in the help', async () => {
    const help = await connectionOptions(yargs([]).scriptName('sunco')).getHelp();
    const section = help.slice(help.indexOf('Connection:'));
    expect(help).toContain('Connection:');
    for (const flag of ['--api-url', '--region', '--subdomain', '--auth', '--key-id', '--key-secret', '--insecure', '--timeout', '--profile']) expect(section).toContain(flag);
    for (const env of ['SUNCO_API_URL', 'SUNCO_REGION', 'SUNCO_SUBDOMAIN', 'SUNCO_AUTH', 'SUNCO_KEY_ID', 'SUNCO_KEY_SECRET', 'SUNCO_PROFILE']) expect(section).toContain(env);
  });

  it('parses the flags into ConnectionArgs', async () => {
    const argv = await connectionOptions(yargs(['--api-url', 'http://127.0.0.1:1', '--auth', 'jwt', '--key-id', 'act_1', '--key-secret', 's', '--timeout', '5', '--insecure']))
      .parserConfiguration({ 'camel-case-expansion': true })
      .parseAsync();
    expect(resolveConnection(argv, fake())).toMatchObject({ baseUrl: 'http://127.0.0.1:1', auth: 'jwt', credentials: { keyId: 'act_1', secret: 's' }, timeoutMs: 5000, insecure: true });
  });
});
