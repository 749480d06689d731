/**
 * The emulator delivers only to loopback targets: a config that names a production bot
 * must not make a local test call it. An IP literal counts when it is a loopback address;
 * `localhost` and `*.localhost` count only when every address they resolve to is one, and
 * the request is then pinned to those addresses (no second lookup that could answer
 * otherwise). Any other host name is not even looked up.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export function isLoopback(ip: string): boolean {
  if (isIP(ip) === 4) return ip.startsWith('127.');
  if (isIP(ip) !== 6) return false;
  const lower = ip.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1, or its hex form ::ffff:7f00:1).
  const mapped = /^::ffff:(.+)$/.exec(lower)?.[1];
  if (mapped === undefined) return false;
  if (isIP(mapped) === 4) return mapped.startsWith('127.');
  return /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped);
}

/** The loopback addresses to send to, or undefined when the target is not local. */
export async function loopbackAddresses(target: string): Promise<ResolvedAddress[] | undefined> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  if (family !== 0) return isLoopback(host) ? [{ address: host, family: family as 4 | 6 }] : undefined;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name !== 'localhost' && !name.endsWith('.localhost')) return undefined;
  try {
    const found = await lookup(name, { all: true });
    const addrs = found.map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    return addrs.length > 0 && addrs.every((a) => isLoopback(a.address)) ? addrs : undefined;
  } catch {
    return undefined;
  }
}
