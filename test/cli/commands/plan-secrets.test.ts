/**
 * `sunco-plan --secrets-out FILE` checks the secrets file against the live objects: a note (in
 * text, JSON and markdown) names the managed keys and webhooks with no entry or a stale one. It
 * never writes the file, and the note changes neither the steps nor --detailed-exitcode.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../helpers/harness.js';
import { HOOK, KEY, OTHER, TWO_APPS_CONFIG } from '../../helpers/secret-configs.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = TWO_APPS_CONFIG;

type Secrets = Record<string, { id: string; secret: string }>;

async function applied(): Promise<Secrets> {
  await h.write('sunco.yaml', config);
  const r = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
  expect(r.code, r.stderr).toBe(0);
  return h.secrets();
}

/** The secrets file with KEY's entry gone and HOOK's under an older id; returns its text. */
async function damaged(good: Secrets): Promise<string> {
  const text = JSON.stringify({ ...good, [KEY]: undefined, [HOOK]: { id: 'wh_older_object', secret: 'an-older-webhook-secret' } });
  await writeFile(join(h.dir, 'secrets.json'), text);
  return text;
}

const NOTE = `Secrets: 1 managed object has no entry in secrets.json (${KEY}); 1 entry is stale, under another id than the live object (${HOOK}): sunco-apply --secrets-out secrets.json or sunco secrets pull --secrets-out secrets.json will recover them`;

function expectNoSecret(text: string, secrets: Secrets): void {
  for (const { secret } of Object.values(secrets)) expect(text).not.toContain(secret);
}

describe('sunco-plan --secrets-out', () => {
  it('notes missing and stale entries in text, JSON and markdown, without writing the file or changing the exit code', async () => {
    const good = await applied();
    const text = await damaged(good);
    const path = join(h.dir, 'secrets.json');
    const before = await stat(path);
    const listing = (await readdir(h.dir)).sort();

    const plain = await h.cli(['plan', '--secrets-out', 'secrets.json', '--detailed-exitcode'], { env: { SUNCO_DEBUG: '1' } });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain(`Notes:\n  - ${NOTE}\n`);
    expect(plain.stdout).toContain('No changes.');

    const json = await h.cli(['plan', '--secrets-out', 'secrets.json', '--json', '--detailed-exitcode']);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { hasChanges: boolean; steps: unknown[]; notes: unknown[]; secretsFile: unknown };
    expect(doc.hasChanges).toBe(false);
    expect(doc.steps).toEqual([]);
    expect(doc.notes).toContainEqual({ code: 'secrets-file', address: KEY, message: NOTE });
    expect(doc.secretsFile).toEqual({ path: 'secrets.json', exists: true, missing: [KEY], stale: [HOOK] });

    const md = await h.cli(['plan', '--secrets-out', 'secrets.json', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`**Notes**\n\n- ${NOTE}\n`);

    for (const r of [plain, json, md]) expectNoSecret(r.stdout + r.stderr, { ...good, old: { id: '', secret: 'an-older-webhook-secret' } });
    // Read only: same bytes, same mtime, no lock, journal or temp file left.
    expect(await readFile(path, 'utf8')).toBe(text);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect((await readdir(h.dir)).sort()).toEqual(listing);
  });

  it('a complete file gets no note; the JSON says so with empty lists', async () => {
    await applied();
    const plain = await h.cli(['plan', '--secrets-out', 'secrets.json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('Secrets:');
    const json = await h.cli(['plan', '--secrets-out', 'secrets.json', '--json']);
    const doc = JSON.parse(json.stdout) as { notes: { code: string }[]; secretsFile: unknown };
    expect(doc.notes.map((n) => n.code)).not.toContain('secrets-file');
    expect(doc.secretsFile).toEqual({ path: 'secrets.json', exists: true, missing: [], stale: [] });
    // Without the flag, nothing is checked and no key is added.
    const without = JSON.parse((await h.cli(['plan', '--json'])).stdout) as Record<string, unknown>;
    expect(without).not.toHaveProperty('secretsFile');
  });

  it('a missing file: every managed secret is missing, and plan does not create the file', async () => {
    await applied();
    const r = await h.cli(['plan', '--secrets-out', 'none.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { notes: { code: string; message: string }[]; secretsFile: unknown };
    expect(doc.secretsFile).toEqual({ path: 'none.json', exists: false, missing: [KEY, HOOK, OTHER], stale: [] });
    expect(doc.notes.find((n) => n.code === 'secrets-file')?.message).toBe(
      `Secrets: 3 managed objects have no entry in none.json, which does not exist (${KEY}, ${HOOK}, ${OTHER}): sunco-apply --secrets-out none.json or sunco secrets pull --secrets-out none.json will recover them`,
    );
    await expect(stat(join(h.dir, 'none.json'))).rejects.toThrow(/ENOENT/);
  });

  it('an invalid or unreadable file is a one-line error before any request', async () => {
    await applied();
    const from = h.emu.requestLog.length;
    for (const [content, error] of [
      // The same words as apply and secrets pull: one reader (parseSecretsText).
      ['{"app.support.key.deployer": ', 'Error: the secrets file secrets.json is not a JSON object keyed by address (invalid JSON: it ends too early); move it away or fix it'],
      ['["a list"]', 'Error: the secrets file secrets.json is not a JSON object keyed by address (not a JSON object); move it away or fix it'],
    ] as const) {
      await writeFile(join(h.dir, 'secrets.json'), content);
      const r = await h.cli(['plan', '--secrets-out', 'secrets.json']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(error)]);
      expect(await readFile(join(h.dir, 'secrets.json'), 'utf8')).toBe(content);
    }
    // V8's JSON message quotes the text; the start of a secret must not reach the terminal.
    const torn = '{"app.support.key.deployer": {"id": "app_1", "secret": "TORN-SECRET-VALUE" x';
    await writeFile(join(h.dir, 'secrets.json'), torn);
    const quoted = await h.cli(['plan', '--secrets-out', 'secrets.json']);
    expect(quoted.code).toBe(1);
    expect(quoted.stderr.trim()).toMatch(/^Error: the secrets file secrets\.json is not a JSON object keyed by address \(invalid JSON at position \d+\); move it away or fix it$/);
    expect(quoted.stderr).not.toContain('TORN');
    // A FIFO would be read for ever.
    execFileSync('mkfifo', [join(h.dir, 'fifo.json')]);
    const fifo = await h.cli(['plan', '--secrets-out', 'fifo.json']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr.trim()).toBe("Error: --secrets-out fifo.json is not a regular file: give the secrets file's path");
    const dir = await h.cli(['plan', '--secrets-out', '.']);
    expect(dir.code).toBe(1);
    expect(dir.stderr.trim()).toBe('Error: --secrets-out . is a directory: give the secrets file\'s path');
    expect(h.emu.requestLog.length).toBe(from);
  });

  it('--out refuses to overwrite the --secrets-out file', async () => {
    const good = await applied();
    const r = await h.cli(['plan', '--secrets-out', 'secrets.json', '--out', 'secrets.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--out secrets.json is the --secrets-out file: refusing to overwrite it');
    expect(await h.secrets()).toEqual(good);
  });
});
