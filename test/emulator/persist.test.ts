import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { emptyState } from '../../src/emulator/memory-store.js';
import { caller, createApp, createCustom } from '../helpers/emulator.js';

const dir = () => mkdtempSync(join(tmpdir(), 'sunco-emu-'));

describe('--state FILE', () => {
  it('persists apps, keys and integrations across a restart; mode 0600; no temp file left', async () => {
    const file = join(dir(), 'state.json');
    const first = await startEmulator({ port: 0, stateFile: file });
    expect(first.generatedKey).toBe(true);
    expect(first.accountKey.keyId).toMatch(/^act_/);
    const call = caller(first);
    const appId = await createApp(call, 'kept');
    const key = (await call('POST', `/v2/apps/${appId}/keys`, { body: { displayName: 'k' } })).body.key;
    const bot = await createCustom(call, appId);
    await first.close();

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.operations).toEqual(expect.objectContaining({ apps: expect.any(Object) }));

    // Restart without --key: the account key from the file is reused, not regenerated.
    const second = await startEmulator({ port: 0, stateFile: file });
    try {
      expect(second.generatedKey).toBe(false);
      expect(second.accountKey).toEqual(first.accountKey);
      const call2 = caller(second);
      expect((await call2('GET', `/v2/apps/${appId}`)).body.app.displayName).toBe('kept');
      expect((await call2('GET', `/v2/apps/${appId}/integrations/${bot.id}/webhooks`)).body.webhooks[0].id).toBe(bot.webhookId);
      expect((await call2('GET', `/v2/apps/${appId}`, { auth: { keyId: key.id, secret: key.secret } })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('is never written in place: each save is a new file renamed over the old one', async () => {
    const file = join(dir(), 'state.json');
    const emu = await startEmulator({ port: 0, stateFile: file, key: 'act_a:b' });
    try {
      const before = statSync(file).ino;
      const snapshot = readFileSync(file, 'utf8');
      await createApp(caller(emu), 'renamed in');
      await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 5000 }).toContain('"renamed in"');
      // A reader holding the old file still sees the whole old content; the path now names another inode.
      expect(statSync(file).ino).not.toBe(before);
      expect(JSON.parse(snapshot).provisioning.apps).toEqual([]);
      expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
    } finally {
      await emu.close();
    }
  });

  it('writes after mutations without waiting for close (debounced)', async () => {
    const file = join(dir(), 'state.json');
    const emu = await startEmulator({ port: 0, stateFile: file, key: 'act_a:b' });
    try {
      await createApp(caller(emu), 'soon');
      await expect.poll(() => readFileSync(file, 'utf8'), { timeout: 5000 }).toContain('"soon"');
    } finally {
      await emu.close();
    }
  });

  it('--key overrides the key in the state file', async () => {
    const file = join(dir(), 'state.json');
    await (await startEmulator({ port: 0, stateFile: file })).close();
    const emu = await startEmulator({ port: 0, stateFile: file, key: 'act_mine:sekret' });
    try {
      expect(emu.accountKey).toEqual({ keyId: 'act_mine', secret: 'sekret' });
      expect((await caller(emu)('GET', '/v2/apps')).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('a corrupt state file is a clear user error', async () => {
    const file = join(dir(), 'state.json');
    writeFileSync(file, '{nope');
    await expect(startEmulator({ port: 0, stateFile: file })).rejects.toThrow(/state\.json: not a valid emulator state file/);
  });

  it('initialState preloads live state', async () => {
    const state = emptyState();
    state.provisioning.apps.push({ id: '5d8cff3cd55b040010928b5b', displayName: 'Preloaded', settings: {}, metadata: null, keys: [], integrations: [] });
    const emu = await startEmulator({ port: 0, key: 'act_a:b', initialState: state });
    try {
      expect((await caller(emu)('GET', '/v2/apps/5d8cff3cd55b040010928b5b')).body.app.displayName).toBe('Preloaded');
    } finally {
      await emu.close();
    }
  });
});

describe('writeStateFile', () => {
  it('never writes through a planted symlink: the temp file is created exclusively, mode 0600', async () => {
    const { writeStateFile } = await import('../../src/emulator/persist.js');
    const d = dir();
    const file = join(d, 'state.json');
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'untouched');
    // The name the old code used (FILE.tmp-<pid>), planted as a link to a file the attacker wants.
    symlinkSync(victim, `${file}.tmp-${process.pid}`);
    await writeStateFile(file, emptyState());
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(emptyState())));
    // Only the planted link and our two files remain: no temp file is left behind.
    expect(readdirSync(d).sort()).toEqual(['state.json', `state.json.tmp-${process.pid}`, 'victim.txt'].sort());
  });
});
