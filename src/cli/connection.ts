import type { ApiClient, AuthMode, ClientOptions, Credentials } from '../api/types.js';
import { resolveBaseUrl } from '../api/base-url.js';
import { UserError } from '../errors.js';
import type { ConnectionArgs } from './connection-options.js';
import type { CliIO } from './io.js';

export { type ConnectionArgs, connectionOptions } from './connection-options.js';

export interface ResolveOptions {
  /**
   * Allow no global credentials, e.g. when every app in a config brings its own
   * (`apps.<name>.credentials`); the client then refuses a call made without any.
   */
  credentialsOptional?: boolean;
}

/** Flags first, then environment: the ClientOptions for this command line. */
export function resolveConnection(argv: ConnectionArgs, io: CliIO, resolve: ResolveOptions = {}): ClientOptions {
  const env = io.env;
  const flagUrl = { apiUrl: argv.apiUrl, region: argv.region, subdomain: argv.subdomain };
  // Any URL flag replaces the URL env vars as a whole, so `--subdomain x` wins over SUNCO_API_URL rather than conflicting.
  const baseUrl = Object.values(flagUrl).some((v) => v !== undefined && v !== '')
    ? resolveBaseUrl(flagUrl, 'flags')
    : resolveBaseUrl({ apiUrl: env.SUNCO_API_URL, region: env.SUNCO_REGION, subdomain: env.SUNCO_SUBDOMAIN }, 'environment (SUNCO_API_URL, SUNCO_REGION, SUNCO_SUBDOMAIN)');

  const options: ClientOptions = { baseUrl, auth: authMode(argv.auth ?? env.SUNCO_AUTH) };
  const credentials = resolveCredentials(argv, env, resolve.credentialsOptional ?? false);
  if (credentials) options.credentials = credentials;
  if (argv.insecure) options.insecure = true;
  if (argv.timeout !== undefined) {
    if (!Number.isFinite(argv.timeout) || argv.timeout <= 0) throw new UserError(`Invalid --timeout ${String(argv.timeout)}: give a number of seconds greater than 0.`);
    options.timeoutMs = Math.round(argv.timeout * 1000);
  }
  if (argv.debug || env.SUNCO_DEBUG === '1') options.debug = (line) => io.stderr.write(`${line}\n`);
  return options;
}

/** An API client for this command line. got and jose load only here, when a command needs the API. */
export async function clientFromArgv(argv: ConnectionArgs, io: CliIO, resolve: ResolveOptions = {}): Promise<ApiClient> {
  const options = resolveConnection(argv, io, resolve);
  const { createClient } = await import('../api/client.js');
  return createClient(options);
}

function authMode(value: string | undefined): AuthMode {
  const v = (value ?? 'basic').trim().toLowerCase();
  if (v === 'basic' || v === 'jwt') return v;
  throw new UserError(`Invalid auth mode "${value}" (--auth or SUNCO_AUTH): use basic or jwt.`);
}

function resolveCredentials(argv: ConnectionArgs, env: NodeJS.ProcessEnv, optional: boolean): Credentials | undefined {
  const keyId = nonEmpty(argv.keyId) ?? nonEmpty(env.SUNCO_KEY_ID);
  const secret = nonEmpty(argv.keySecret) ?? nonEmpty(env.SUNCO_KEY_SECRET);
  if (keyId && secret) return { keyId, secret };
  if (!keyId && !secret && optional) return undefined;
  const missing = [!keyId && '--key-id (or SUNCO_KEY_ID)', !secret && '--key-secret (or SUNCO_KEY_SECRET)'].filter(Boolean);
  throw new UserError(`Missing API credentials: set ${missing.join(' and ')}. Keys are created in Zendesk Admin Center or the SunCo dashboard.`);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}
