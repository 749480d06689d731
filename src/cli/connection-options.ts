import type { Argv } from 'yargs';

/**
 * The connection flags shared by plan, apply and every operations command. This module is
 * imported by command builders, so it stays light: no got, no jose (see connection.ts).
 */
/** The connection values that flags, environment variables and profiles give: the one list. */
export const CONNECTION_FIELDS = ['apiUrl', 'region', 'subdomain', 'auth', 'keyId', 'keySecret'] as const;
export type ConnectionValues = Partial<Record<(typeof CONNECTION_FIELDS)[number], string>>;

export interface ConnectionArgs extends ConnectionValues {
  insecure?: boolean;
  timeout?: number;
  debug?: boolean;
  profile?: string;
}

export const CONNECTION_GROUP = 'Connection:';

export function connectionOptions<T>(yargs: Argv<T>): Argv<T & ConnectionArgs> {
  return yargs
    .option('api-url', { type: 'string', describe: 'SunCo API base URL [env SUNCO_API_URL] (default https://api.smooch.io)' })
    .option('region', { type: 'string', describe: 'SunCo region, e.g. eu-1 → https://api.eu-1.smooch.io; us is the default [env SUNCO_REGION]' })
    .option('subdomain', { type: 'string', describe: 'Zendesk subdomain: acme → https://acme.zendesk.com/sc [env SUNCO_SUBDOMAIN]' })
    .option('auth', { type: 'string', choices: ['basic', 'jwt'], describe: 'Authentication: basic, or a JWT signed with the key (HS256) [env SUNCO_AUTH] (default basic)' })
    .option('key-id', { type: 'string', describe: 'API key id (app_…, act_…, svc_… or int_…) [env SUNCO_KEY_ID]' })
    .option('key-secret', { type: 'string', describe: 'API key secret; prefer the env var, flags show in the process list [env SUNCO_KEY_SECRET]' })
    .option('insecure', { type: 'boolean', describe: 'Allow plain http:// to a host other than this machine (credentials travel in clear text)' })
    .option('timeout', { type: 'number', describe: 'Per-request timeout in seconds (default 30)' })
    .option('profile', { type: 'string', describe: 'Connection profile from profiles.yaml, used for what flags and env leave unset [env SUNCO_PROFILE] (default: the "default" profile, if any)' })
    .group(['api-url', 'region', 'subdomain', 'auth', 'key-id', 'key-secret', 'insecure', 'timeout', 'profile'], CONNECTION_GROUP) as unknown as Argv<
    T & ConnectionArgs
  >;
}
