/** Test helpers: a fresh emulator on 127.0.0.1:0 and a small fetch-based caller. */
import { SignJWT } from 'jose';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export interface Creds {
  keyId: string;
  secret: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw request body (sent as is). */
  raw?: string;
  /** Credentials; default the account key. `null` sends no Authorization header. */
  auth?: Creds | null;
  /** Use a JWT instead of Basic; `scope` defaults to the one given. */
  jwt?: { scope: string };
  /** Full Authorization header, overrides auth. */
  authorization?: string;
}

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export async function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, key: 'act_test:test-secret', ...opts });
}

export function basic(c: Creds): string {
  return `Basic ${Buffer.from(`${c.keyId}:${c.secret}`).toString('base64')}`;
}

export async function jwtFor(c: Creds, scope: string): Promise<string> {
  const token = await new SignJWT({ scope }).setProtectedHeader({ alg: 'HS256', kid: c.keyId }).sign(new TextEncoder().encode(c.secret));
  return `Bearer ${token}`;
}

export function caller(emu: RunningEmulator) {
  return async (method: string, path: string, opts: CallOptions = {}): Promise<CallResult> => {
    const creds = opts.auth === undefined ? emu.accountKey : opts.auth;
    const headers: Record<string, string> = {};
    if (opts.authorization) headers.authorization = opts.authorization;
    else if (creds) headers.authorization = opts.jwt ? await jwtFor(creds, opts.jwt.scope) : basic(creds);
    let payload: string | undefined = opts.raw;
    if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${emu.url}${path}`, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

export type Call = ReturnType<typeof caller>;

/** Creates an app and returns its id. */
export async function createApp(call: Call, displayName = 'Test app'): Promise<string> {
  const r = await call('POST', '/v2/apps', { body: { displayName } });
  if (r.status !== 201) throw new Error(`create app: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.app.id as string;
}

export async function createCustom(call: Call, appId: string, displayName = 'Bot'): Promise<{ id: string; webhookId: string }> {
  const r = await call('POST', `/v2/apps/${appId}/integrations`, {
    body: { type: 'custom', displayName, webhooks: [{ target: 'https://bot.example/hook', triggers: ['conversation:message'] }] },
  });
  if (r.status !== 201) throw new Error(`create custom: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.integration.id, webhookId: r.body.integration.webhooks[0].id };
}
