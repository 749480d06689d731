import type { CreateClientOptions } from '../api/client.js';
import type { ApiClient, AuthMode, ClientOptions, Credentials } from '../api/types.js';
import { resolveBaseUrl } from '../api/base-url.js';
import { UserError } from '../errors.js';
import type { ConnectionArgs } from './connection-options.js';
import type { CliIO } from './io.js';
import { type Profile, loadProfile } from './profile.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export { type ConnectionArgs, connectionOptions } from './connection-options.js';

export interface ResolveOptions {
  /**
   * Allow no global credentials, e.g. when every app in a config brings its own
   * (`apps.<name>.credentials`); the client then refuses a call made without any.
   */
  credentialsOptional?: boolean;
}

/**
 * Flags first, then environment, then the profile (see profile.ts): the ClientOptions for
 * this command line. Each value comes from the first source that sets it.
 */
export function resolveConnection(
  argv: ConnectionArgs,
  io: CliIO,
  resolve: ResolveOptions = {},
  profile: Profile | undefined = loadProfile(argv.profile, io),
): ClientOptions {
  const env = io.env;
  const p = profile?.values ?? {};
  const options: ClientOptions = { baseUrl: baseUrlFrom(argv, env, profile), auth: authMode(argv.auth ?? nonEmpty(env.SUNCO_AUTH) ?? p.auth) };
  const credentials = resolveCredentials(argv, env, p, resolve.credentialsOptional ?? false);
  if (credentials) options.credentials = credentials;
  if (argv.insecure) options.insecure = true;
  if (argv.timeout !== undefined) {
    if (!Number.isFinite(argv.timeout) || argv.timeout <= 0) throw new UserError(`Invalid --timeout ${String(argv.timeout)}: give a number of seconds greater than 0.`);
    // Node's timers hold at most 2^31-1 ms (about 24.8 days); beyond that they fire at once.
    if (argv.timeout * 1000 > MAX_TIMER_MS) throw new UserError(`Invalid --timeout ${String(argv.timeout)}: at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds.`);
    // At least 1 ms: 0.0001 s rounded to 0, which got reads as no timeout at all.
    options.timeoutMs = Math.max(1, Math.round(argv.timeout * 1000));
  }
  if (argv.debug || env.SUNCO_DEBUG === '1') {
    options.debug = (line) => io.stderr.write(`${line}\n`);
    // Says which file filled in the gaps (never its values), so a surprising key id can be traced.
    if (profile) options.debug(`using profile "${profile.name}" from ${profile.path}`);
  }
  return options;
}

/** An API client for this command line. got and jose load only here, when a command needs the API. */
export async function clientFromArgv(argv: ConnectionArgs, io: CliIO, resolve: ResolveOptions = {}): Promise<ApiClient> {
  return (await connectFromArgv(argv, io, resolve)).client;
}

/**
 * The client and the global key id it signs with, wherever that came from (flag, environment
 * or profile): the planner reads an `app_…` key as app-scoped. `extra` adds client options
 * (e.g. onWait).
 */
export async function connectFromArgv(
  argv: ConnectionArgs,
  io: CliIO,
  resolve: ResolveOptions = {},
  extra: Partial<CreateClientOptions> = {},
): Promise<{ client: ApiClient; keyId: string | undefined }> {
  const options = resolveConnection(argv, io, resolve);
  const { createClient } = await import('../api/client.js');
  // Retries the user should know about (a refused connection) are said on stderr, never stdout.
  const notice = (line: string): void => void io.stderr.write(`${line}\n`);
  return { client: createClient({ ...options, notice, ...extra }), keyId: options.credentials?.keyId };
}

function authMode(value: string | undefined): AuthMode {
  const v = (value ?? 'basic').trim().toLowerCase();
  if (v === 'basic' || v === 'jwt') return v;
  throw new UserError(`Invalid auth mode "${value}" (--auth or SUNCO_AUTH): use basic or jwt.`);
}

/**
 * Any URL flag replaces the URL env vars as a whole, so `--subdomain x` wins over SUNCO_API_URL
 * rather than conflicting; likewise the environment over the profile.
 */
function baseUrlFrom(argv: ConnectionArgs, env: NodeJS.ProcessEnv, profile: Profile | undefined): string {
  const given = (u: { apiUrl?: string; region?: string; subdomain?: string }) => Object.values(u).some((v) => nonEmpty(v) !== undefined);
  const flagUrl = { apiUrl: argv.apiUrl, region: argv.region, subdomain: argv.subdomain };
  if (given(flagUrl)) return resolveBaseUrl(flagUrl, 'flags');
  const envUrl = { apiUrl: env.SUNCO_API_URL, region: env.SUNCO_REGION, subdomain: env.SUNCO_SUBDOMAIN };
  if (given(envUrl) || !profile) return resolveBaseUrl(envUrl, 'environment (SUNCO_API_URL, SUNCO_REGION, SUNCO_SUBDOMAIN)');
  const { apiUrl, region, subdomain } = profile.values;
  try {
    return resolveBaseUrl({ apiUrl, region, subdomain }, `profile "${profile.name}"`);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`${err.message} (in profile "${profile.name}" of ${profile.path})`);
    throw err;
  }
}

function resolveCredentials(argv: ConnectionArgs, env: NodeJS.ProcessEnv, p: Profile['values'], optional: boolean): Credentials | undefined {
  const keyId = nonEmpty(argv.keyId) ?? nonEmpty(env.SUNCO_KEY_ID) ?? p.keyId;
  const secret = nonEmpty(argv.keySecret) ?? nonEmpty(env.SUNCO_KEY_SECRET) ?? p.keySecret;
  if (keyId && secret) return { keyId, secret };
  if (!keyId && !secret && optional) return undefined;
  const missing = [!keyId && '--key-id (or SUNCO_KEY_ID)', !secret && '--key-secret (or SUNCO_KEY_SECRET)'].filter(Boolean);
  throw new UserError(
    `Missing API credentials: set ${missing.join(' and ')}, or use a profile (--profile). Keys are created in Zendesk Admin Center or the SunCo dashboard.`,
  );
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}
