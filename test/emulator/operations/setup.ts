/** Shared setup for the operations route tests: an emulator on port 0 with one app. */
import { afterAll, beforeAll } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { assertSchema } from '../../../src/emulator/operations/spec-schemas.js';
import { type Call, caller, createApp, start } from '../../helpers/emulator.js';

export interface Env {
  emu: RunningEmulator;
  call: Call;
  appId: string;
  /** `/v2/apps/{appId}` */
  base: string;
}

/** Starts one emulator for the file; `env` is filled before the first test runs. */
export function useEmulator(): Env {
  const env = {} as Env;
  beforeAll(async () => {
    env.emu = await start();
    env.call = caller(env.emu);
    env.appId = await createApp(env.call, 'Operations');
    env.base = `/v2/apps/${env.appId}`;
  });
  afterAll(async () => {
    await env.emu.close();
  });
  return env;
}

let counter = 0;

export async function createUser(env: Env, body: Record<string, unknown> = {}): Promise<{ id: string; externalId: string }> {
  const externalId = `user-${++counter}-${Date.now()}`;
  const r = await env.call('POST', `${env.base}/users`, { body: { externalId, ...body } });
  if (r.status !== 201) throw new Error(`create user: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.user.id, externalId: r.body.user.externalId };
}

export async function createConversation(env: Env, userId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await env.call('POST', `${env.base}/conversations`, { body: { type: 'personal', participants: [{ userId }], ...extra } });
  if (r.status !== 201) throw new Error(`create conversation: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.conversation.id as string;
}

/** The response conforms to the spec's schema (throws with the first difference otherwise). */
export function conforms(schema: string, body: unknown): true {
  assertSchema(schema, body, schema);
  return true;
}
