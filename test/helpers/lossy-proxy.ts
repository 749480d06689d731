/**
 * A proxy on 127.0.0.1 in front of the emulator that can lose chosen responses AFTER the
 * emulator has committed the request: the committed-then-lost fault, aimed at one request
 * instead of drawn at random.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LossyProxy {
  url: string;
  /** Lose the response of the next `count` requests that match (after forwarding them). */
  loseNext(match: (method: string, path: string) => boolean, count?: number): void;
  /** Answer the next matching request with this error instead of forwarding it (not executed). */
  failNext(match: (method: string, path: string) => boolean, status: number, code: string, title: string): void;
  lost: string[];
  close(): Promise<void>;
}

export async function startLossyProxy(upstream: string): Promise<LossyProxy> {
  const target = new URL(upstream);
  let rule: { match: (m: string, p: string) => boolean; left: number } | undefined;
  let failRule: { match: (m: string, p: string) => boolean; status: number; body: string } | undefined;
  const lost: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (failRule?.match(req.method ?? '', path)) {
        const { status, body } = failRule;
        failRule = undefined;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
        return;
      }
      const lose = rule !== undefined && rule.left > 0 && rule.match(req.method ?? '', path);
      if (lose) rule!.left--;
      const up = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (upRes: IncomingMessage) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            if (lose) {
              lost.push(`${req.method} ${path} ${upRes.statusCode}`);
              req.socket.destroy();
              return;
            }
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lost,
    loseNext(match, count = 1) {
      rule = { match, left: count };
    },
    failNext(match, status, code, title) {
      failRule = { match, status, body: JSON.stringify({ errors: [{ code, title }] }) };
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
