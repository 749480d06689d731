import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { type CreateClientOptions, createClient } from '../../src/api/client.js';
import type { ApiClient } from '../../src/api/types.js';

export const BASE = 'https://api.smooch.io';
export const KEY = { keyId: 'app_5d8cff3cd55b040010928b5b', secret: 'S3cr3t-Value-xyz-0123456789abcdef' };

/** nock only; no real network. Every interceptor must have been used by the end of a test. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    if (pending.length > 0) throw new Error(`unused nock interceptors: ${pending.join(', ')}`);
  });
}

export interface TestClient {
  client: ApiClient;
  /** Every delay the client asked to sleep, in order. */
  sleeps: number[];
  waits: Array<{ ms: number; reason: string }>;
  debug: string[];
}

/** A client whose sleeps are recorded, not taken. */
export function testClient(overrides: Partial<CreateClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const waits: Array<{ ms: number; reason: string }> = [];
  const debug: string[] = [];
  const client = createClient({
    baseUrl: BASE,
    auth: 'basic',
    credentials: KEY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onWait: (ms, reason) => waits.push({ ms, reason }),
    debug: (line) => debug.push(line),
    ...overrides,
  });
  return { client, sleeps, waits, debug };
}

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** A socket-level error as Node raises it (nock needs a real Error, or got never settles). */
export function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
