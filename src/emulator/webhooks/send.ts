/**
 * One POST of a webhook body, the way the API sends it: `X-API-Key` set to the webhook's
 * secret (Webhooks tag, "Securing Sunshine Conversations Webhooks"), a JSON body, the spec's
 * 20 s timeout. The connection goes to the loopback addresses checked beforehand (the DNS
 * lookup is pinned to them) and redirects are not followed, so no answer can send a delivery
 * anywhere else. got is loaded on the first delivery: an emulator that delivers nothing never pays for it.
 */
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './local-target.js';
import type { AttemptOutcome } from './retry-policy.js';

export interface SendRequest {
  target: string;
  secret: string;
  body: string;
  addresses: ResolvedAddress[];
  timeoutMs: number;
  signal: AbortSignal;
}

function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    const first = addresses[0] as ResolvedAddress;
    if (all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
    else callback(null, first.address, first.family);
  };
}

export async function sendWebhook(req: SendRequest): Promise<AttemptOutcome> {
  const { default: got } = await import('got');
  try {
    const res = await got.post(req.target, {
      body: req.body,
      headers: { 'content-type': 'application/json', 'x-api-key': req.secret, 'user-agent': 'sunco-emulator' },
      timeout: { request: req.timeoutMs },
      retry: { limit: 0 },
      followRedirect: false,
      throwHttpErrors: false,
      dnsLookup: pinnedLookup(req.addresses),
      signal: req.signal,
      // The target is a loopback address checked above; local dev servers use self-signed certificates.
      https: { rejectUnauthorized: false },
    });
    return { status: res.statusCode };
  } catch (err) {
    const e = err as { code?: string; name?: string; message?: string };
    if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return { error: `no response within ${req.timeoutMs} ms` };
    return { error: e.code ?? e.message ?? 'request failed' };
  }
}
