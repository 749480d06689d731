/** An app declared `absent` is deleted whole: nothing below it is read. */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { makePlan } from '../../src/cli/make-plan.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { loaded } from '../plan/fixtures.js';
import { designLiveState } from './live-fixture.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('reading an absent app', () => {
  it('lists the apps and nothing below the absent one', async () => {
    emu = await startEmulator({ port: 0, initialState: designLiveState() });
    const client = createClient({ baseUrl: emu.url, auth: 'basic', credentials: emu.accountKey });
    const cfg = loaded({ apps: { marketing: { displayName: 'Acme Marketing', absent: true } } });
    const { plan } = await makePlan({ loaded: cfg, client, keyId: emu.accountKey.keyId });
    expect(emu.requestLog.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/apps']);
    expect(plan.requests).toBe(1);
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete app.marketing']);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 1, unmanaged: 0 });
  });
});
