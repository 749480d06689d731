/**
 * Red-team, round 2, of the --secrets-out file (issue 14): one file under two names, a
 * directory-looking path, and journals this run did not write.
 * - A symlink to the secrets file had its own lock (`link.json.lock`) and was replaced by the
 *   rename: applies through the two names kept two files, and the target lost the entries.
 * - A hard link: the same split, silently. Refused now.
 * - `--secrets-out out/` wrote a file named `out`.
 * - A run killed mid-append leaves a line without its newline; the next run's first line was
 *   glued to it, did not parse, and its acknowledged secret was lost at the fold.
 * - A journal line of another shape (another sunco version) was dropped and the journal removed.
 */
import { link, lstat, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsFile } from '../../src/apply/secrets-file.js';
import { appendJournal, journalPath, readJournal } from '../../src/apply/secrets-journal.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const cfg = (name: string) => `version: 1\napps:\n  ${name}:\n    displayName: ${name}\n    keys:\n      k0: { displayName: key 0 }\n      k1: { displayName: key 1 }\n`;

function oneLine(r: { code: number; stderr: string }, line: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
}

describe('one secrets file under two names', () => {
  it('a symlink and its target, given to two applies at once, are one file: every entry in it, the link still a link', async () => {
    await h.write('a.yaml', cfg('a'));
    await h.write('b.yaml', cfg('b'));
    await h.write('secrets.json', '{}\n');
    await symlink('secrets.json', join(h.dir, 'link.json'));
    const runs = await Promise.all([
      h.cli(['apply', '-f', 'a.yaml', '--yes', '--secrets-out', 'secrets.json']),
      h.cli(['apply', '-f', 'b.yaml', '--yes', '--secrets-out', 'link.json']),
    ]);
    for (const r of runs) expect(r.code, r.stdout + r.stderr).toBe(0);
    expect((await lstat(join(h.dir, 'link.json'))).isSymbolicLink()).toBe(true);
    expect(Object.keys(await h.secrets()).sort()).toEqual(['app.a.key.k0', 'app.a.key.k1', 'app.b.key.k0', 'app.b.key.k1']);
    expect((await readdir(h.dir)).sort()).toEqual(['a.yaml', 'b.yaml', 'link.json', 'secrets.json']);
  });

  it('a dangling symlink is one line before any request', async () => {
    await h.write('sunco.yaml', cfg('a'));
    await symlink('nowhere.json', join(h.dir, 'link.json'));
    oneLine(await h.cli(['apply', '--yes', '--secrets-out', 'link.json']), /^Error: the secrets file .+link\.json is a symbolic link to a file that does not exist \(or a loop\): give --secrets-out the target's path$/);
    expect(h.emu.requestLog).toEqual([]);
  });

  it('a hard-linked file is refused before any request (the rename would split its names)', async () => {
    await h.write('sunco.yaml', cfg('a'));
    await h.write('secrets.json', '{}\n');
    await link(join(h.dir, 'secrets.json'), join(h.dir, 'other.json'));
    oneLine(await h.cli(['apply', '--yes', '--secrets-out', 'other.json']), /^Error: the secrets file .+other\.json has 2 hard links: each save replaces the file, .*give --secrets-out a file with one name$/);
    expect(h.emu.requestLog).toEqual([]);
  });

  it.each([['apply', '--yes'], ['secrets', 'pull']])('sunco %s %s --secrets-out out/ names a directory: refused, no file "out" written', async (...args) => {
    await h.write('sunco.yaml', cfg('a'));
    oneLine(await h.cli([...args, '--secrets-out', 'out/']), /^Error: --secrets-out out\/ ends with a slash, so it names a directory: give a file path, e.g\. out\/secrets\.json$/);
    expect(h.emu.requestLog).toEqual([]);
    expect(await readdir(h.dir)).toEqual(['sunco.yaml']);
  });
});

describe('journals this run did not write', () => {
  it('an append after a line cut short by a kill starts a line of its own: its secret survives the fold', async () => {
    const file = join(h.dir, 'secrets.json');
    // What a run killed in the middle of its append leaves: an unacknowledged half line.
    await writeFile(journalPath(file), `${JSON.stringify({ address: 'app.a.key.x', id: 'app_1', secret: 'one' })}\n{"address":"app.a.key.y","sec`, { mode: 0o600 });
    // Another run, already past its check, appends.
    await appendJournal(file, `${JSON.stringify({ address: 'app.b.key.z', id: 'app_2', secret: 'two' })}\n`);
    expect(await readJournal(file)).toEqual({ 'app.a.key.x': { id: 'app_1', secret: 'one' }, 'app.b.key.z': { id: 'app_2', secret: 'two' } });
    await new SecretsFile(file).check();
    expect(await h.secrets()).toEqual({ 'app.a.key.x': { id: 'app_1', secret: 'one' }, 'app.b.key.z': { id: 'app_2', secret: 'two' } });
  });

  it('a journal line of another shape is refused, and the journal and the file are kept as they were', async () => {
    await h.write('sunco.yaml', cfg('a'));
    await h.write('secrets.json', '{}\n');
    const journal = `${JSON.stringify({ v: 2, addr: 'app.a.key.k0', value: 'kept-secret' })}\n`;
    await writeFile(journalPath(join(h.dir, 'secrets.json')), journal, { mode: 0o600 });
    oneLine(await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']), /^Error: the secrets journal .+secrets\.json\.journal holds a line this sunco does not read \(written by another version\?\); nothing was changed/);
    expect(h.emu.requestLog).toEqual([]);
    expect(await readFile(journalPath(join(h.dir, 'secrets.json')), 'utf8')).toBe(journal);
    expect(await readFile(join(h.dir, 'secrets.json'), 'utf8')).toBe('{}\n');
  });
});
