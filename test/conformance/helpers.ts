/**
 * Shared set-up for the conformance files: one emulator per file, the official client on
 * the account key, and an assertion that every exchange so far matched the spec.
 */
import { expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { logProblems, sdkFor, SunCo, type Credentials, type Exchange, type Sdk } from './sdk.js';

export interface Harness {
  emu: RunningEmulator;
  /** The official client on the account key (Basic). */
  sdk: Sdk;
  /** Another client on other credentials, recording into the same log. */
  as(creds: Credentials): Promise<Sdk>;
  /** Every exchange of every client of this harness. */
  log: Exchange[];
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const emu = await startEmulator({ port: 0 });
  const log: Exchange[] = [];
  const sdk = await sdkFor(emu.url, { basic: emu.accountKey }, log);
  return { emu, sdk, log, as: (creds) => sdkFor(emu.url, creds, log), close: () => emu.close() };
}

/** Asserts that every exchange recorded since `from` conforms to the spec; returns the new mark. */
export function expectConformant(log: Exchange[], from = 0): number {
  expect(logProblems(log, from)).toEqual([]);
  return log.length;
}

/** The last exchange for `method` whose path ends with `suffix` (the raw body the client got). */
export function lastRaw(log: Exchange[], method: string, suffix: string): Exchange {
  for (let i = log.length - 1; i >= 0; i--) {
    if (log[i].method === method && log[i].path.endsWith(suffix)) return log[i];
  }
  throw new Error(`no ${method} …${suffix} in the log`);
}

/**
 * Awaits a delete-like call and asserts that the raw answer was 200 `{}` (the spec's
 * `type: object` body). The client itself hands back the string "{}" for an empty object
 * (ApiClient.deserialize falls back to the response text), so its return value is not used.
 */
export async function expectEmptyOk(log: Exchange[], call: Promise<unknown>): Promise<void> {
  await call;
  const last = log[log.length - 1];
  expect({ status: last.status, body: last.body }).toEqual({ status: 200, body: {} });
}

/** A new app made through the official client; returns its id. */
export async function createApp(h: Harness, name: string): Promise<string> {
  const { app } = await h.sdk.apps.createApp(new SunCo.AppCreateBody(name));
  return app.id as string;
}
