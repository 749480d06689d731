/**
 * One POST goes to the checked loopback address and nowhere else: a redirect from a local
 * receiver is an answer (retried like any non-2xx), never followed, so it cannot send the
 * delivery (body and X-API-Key) to another address.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../../src/emulator/webhooks/send.js';
import { startReceiver, type Receiver } from './receiver.js';

let elsewhere: Receiver | undefined;
let redirector: Server | undefined;
afterEach(async () => {
  await elsewhere?.close();
  await new Promise<void>((resolve) => (redirector ? redirector.close(() => resolve()) : resolve()));
  redirector = undefined;
});

async function redirectTo(location: string, status: number): Promise<string> {
  redirector = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, { location }).end());
  });
  await new Promise<void>((resolve) => redirector!.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`;
}

describe('sendWebhook', () => {
  it.each([301, 302, 307, 308])('a %i from the receiver is returned as is, and its Location is never contacted', async (status) => {
    elsewhere = await startReceiver();
    const target = await redirectTo(elsewhere.url, status);
    const outcome = await sendWebhook({
      target, secret: 's3cret', body: '{}', addresses: [{ address: '127.0.0.1', family: 4 }], timeoutMs: 5_000, signal: new AbortController().signal,
    });
    expect(outcome).toEqual({ status });
    expect(elsewhere.requests).toEqual([]);
  });
});
