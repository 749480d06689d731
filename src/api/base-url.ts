import { type LookupAddress, type LookupAllOptions, lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { UserError } from '../errors.js';

export const DEFAULT_BASE_URL = 'https://api.smooch.io';

export interface BaseUrlInput {
  apiUrl?: string | undefined;
  region?: string | undefined;
  subdomain?: string | undefined;
}

/**
 * One base URL from the three ways of naming it. `source` names where the values came
 * from ("flags" or "environment") so a conflict message says what to remove.
 */
export function resolveBaseUrl(input: BaseUrlInput, source = 'options'): string {
  const given = (['apiUrl', 'region', 'subdomain'] as const).filter((k) => nonEmpty(input[k]));
  const names = { apiUrl: '--api-url', region: '--region', subdomain: '--subdomain' };
  const region = input.region?.trim().toLowerCase();
  // `--region us` is the default region: it does not conflict with anything.
  const meaningful = given.filter((k) => !(k === 'region' && region === 'us'));
  if (meaningful.length > 1) {
    throw new UserError(
      `Conflicting connection ${source}: ${meaningful.map((k) => names[k]).join(' and ')} each choose the API URL; give only one.`,
    );
  }
  if (nonEmpty(input.apiUrl)) return normalizeApiUrl(input.apiUrl);
  if (nonEmpty(input.subdomain)) {
    const sub = input.subdomain.trim().toLowerCase();
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(sub)) {
      throw new UserError(`Invalid --subdomain "${input.subdomain}": expected a Zendesk subdomain such as "acme" (for acme.zendesk.com).`);
    }
    // Zendesk Suite accounts reach SunCo through their own domain, under /sc.
    return `https://${sub}.zendesk.com/sc`;
  }
  if (region && region !== 'us') {
    if (!/^[a-z0-9-]+$/.test(region)) {
      throw new UserError(`Invalid --region "${input.region}": expected a SunCo region such as "eu-1" or "us".`);
    }
    return `https://api.${region}.smooch.io`;
  }
  return DEFAULT_BASE_URL;
}

/** Parse and normalize a user-given API URL: http(s) only, no query, no trailing slash. */
export function normalizeApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UserError(`Invalid API URL "${raw}": expected an absolute URL such as https://api.smooch.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`Invalid API URL "${raw}": only http:// and https:// are supported.`);
  }
  if (url.search || url.hash) {
    throw new UserError(`Invalid API URL "${raw}": it must not contain a query string or fragment.`);
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and shell history; we have --key-id/--key-secret for that.
    throw new UserError(`Invalid API URL: it must not contain credentials; use --key-id and --key-secret.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A loopback IP literal: 127.0.0.0/8 or ::1 (also IPv4-mapped). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** `localhost` and `*.localhost`: loopback only if the resolver says so (RFC 6761 asks it to, but /etc/hosts or DNS may not). */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

function refusePlainHttp(host: string, why = ''): never {
  throw new UserError(`Refusing to send credentials over plain http to ${host}${why}: use https, or pass --insecure if you really mean it.`);
}

/**
 * Refuse to send credentials in clear text to another machine unless the user insists.
 * Returns a check still to make before the first request: a `localhost` name must resolve
 * to loopback addresses only.
 */
export function checkTransport(
  baseUrl: string,
  insecure: boolean | undefined,
  lookupAll: (host: string) => Promise<string[]> = defaultLookupAll,
): (() => Promise<void>) | undefined {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || insecure || isLoopbackHost(url.hostname)) return undefined;
  if (!isLocalhostName(url.hostname)) refusePlainHttp(url.host);
  return async () => {
    const addresses = await lookupAll(url.hostname).catch(() => [] as string[]);
    const outside = addresses.find((a) => !isLoopbackHost(a));
    if (addresses.length === 0) refusePlainHttp(url.host, ' (the name does not resolve)');
    if (outside !== undefined) refusePlainHttp(url.host, ` (it resolves to ${outside}, not a loopback address)`);
  };
}

/**
 * The name lookup for a `localhost` name's connections: the checked name is resolved again for
 * each connection (got does it), and an answer that changed since the check (/etc/hosts edited,
 * a rebinding resolver) must not carry the credentials elsewhere. Only loopback addresses are
 * handed to the socket; none left is a resolution failure.
 */
export function loopbackOnly(lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...(options as LookupAllOptions), all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const loopback = addresses.filter((a) => isLoopbackHost(a.address));
      if (loopback.length === 0) {
        const e = Object.assign(new Error(`${hostname} no longer resolves to a loopback address: refusing to send credentials over plain http`), { code: 'ENOTFOUND' });
        return callback(e, '', 4);
      }
      if ((options as LookupAllOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, loopback);
      callback(null, loopback[0]!.address, loopback[0]!.family);
    });
  };
}

async function defaultLookupAll(host: string): Promise<string[]> {
  const { lookup } = await import('node:dns/promises');
  return (await lookup(host, { all: true })).map((a) => a.address);
}

function nonEmpty(v: string | undefined): v is string {
  return typeof v === 'string' && v.trim() !== '';
}
