/**
 * A local webhook receiver on 127.0.0.1 (port 0) for the delivery tests: records every
 * request and answers with the statuses it is told, in turn. Tests wait on requests
 * arriving (`waitFor`), never on timers.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  /** Statuses to answer, in order; once used up, 200. `'hang'` never answers. */
  answers: (number | 'hang')[];
  /** Resolves when at least `n` requests have arrived. */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(host = '127.0.0.1', path = '/hook'): Promise<Receiver> {
  const requests: Received[] = [];
  const waiters: { n: number; resolve: (r: Received[]) => void }[] = [];
  const hanging: ServerResponse[] = [];
  const receiver: Partial<Receiver> = { requests, answers: [] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      const answer = receiver.answers?.shift() ?? 200;
      if (answer === 'hang') hanging.push(res);
      else res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
      for (const w of waiters.filter((x) => requests.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve([...requests]);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    waitFor: (n: number) => (requests.length >= n ? Promise.resolve([...requests]) : new Promise<Received[]>((resolve) => waiters.push({ n, resolve }))),
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  }) as Receiver;
}
