/**
 * Red-team, round 2, of saved plan files and file flags (issue 14): a plan file on a FIFO or a
 * pipe (a hang: reading a FIFO nobody writes to never returns), an empty plan path (`sunco-apply
 * -` or `sunco-apply "$UNSET"` applied the config unreviewed, as if no plan file was given), an
 * empty `--out` (nothing saved, nothing said), an empty `--secrets-out` (`sunco api POST …/keys`
 * made the key and saved its secret nowhere), and a plan whose changes were rewritten in
 * another Unicode normalisation (refused, but blamed on the live state).
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, writes } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = 'version: 1\napps:\n  support:\n    displayName: Support\n    keys:\n      k0: { displayName: key 0 }\n';

function oneLine(r: { code: number; stderr: string }, line: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd().split('\n')).toEqual([typeof line === 'string' ? line : expect.stringMatching(line)]);
}

describe('what sunco-apply takes as a plan file', () => {
  it('a FIFO is refused unread, with no request (reading it waited for ever)', async () => {
    await h.write('sunco.yaml', config);
    execFileSync('mkfifo', [join(h.dir, 'plan.json')]);
    oneLine(await h.cli(['apply', 'plan.json', '--secrets-out', 'secrets.json']), 'Error: Cannot read the plan file plan.json: it is not a regular file (a pipe, a device or a socket); give sunco-apply the file sunco-plan --out wrote');
    expect(h.emu.requestLog).toEqual([]);
  });

  it.each([['-'], ['']])('%j is no plan file: refused, not an apply of the config as it stands', async (arg) => {
    await h.write('sunco.yaml', config);
    oneLine(await h.cli(['apply', arg, '--yes', '--secrets-out', 'secrets.json']), 'Error: Missing PLANFILE: give the path of a plan file written by sunco-plan --out (a plan cannot come from stdin).');
    expect(h.emu.requestLog).toEqual([]);
  });

  it('sunco show "" names the missing path instead of "it is a directory"', async () => {
    oneLine(await h.cli(['show', '']), 'Error: Missing PLANFILE: give the path of a plan file written by sunco-plan --out.');
  });

  it('a plan whose changes were rewritten (NFD for NFC) with config and live state as they were is called edited, not stale live state', async () => {
    await h.write('sunco.yaml', 'version: 1\napps:\n  cafe:\n    displayName: "Caf\u00e9"\n');
    expect((await h.cli(['plan', '--out', 'plan.json'])).code).toBe(0);
    const file = join(h.dir, 'plan.json');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('Caf\u00e9');
    await writeFile(file, text.normalize('NFD'));
    const r = await h.cli(['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the saved changes are not the ones the config and the live state give now, and neither changed (was the plan file edited?): app.cafe');
    expect(r.stderr).not.toContain('the live state changed');
    expect(writes(h.emu)).toEqual([]);
  });
});

describe('an empty file flag (an unset variable in a CI script)', () => {
  it('sunco-plan --out "" is refused before any request (it saved nothing and said nothing)', async () => {
    await h.write('sunco.yaml', config);
    oneLine(await h.cli(['plan', '--out', '']), 'Error: --out needs a file name: give the path to save the plan to, e.g. --out plan.json.');
    expect(h.emu.requestLog).toEqual([]);
  });

  it('sunco-apply --secrets-out "" is refused before any request', async () => {
    await h.write('sunco.yaml', config);
    oneLine(await h.cli(['apply', '--yes', '--secrets-out', '']), 'Error: --secrets-out needs a file name, e.g. --secrets-out secrets.json (secrets are never written to stdout).');
    expect(h.emu.requestLog).toEqual([]);
  });

  it('sunco-apply --secrets-out - names --secrets-out (yargs reads "-" as a PLANFILE), and sunco-plan --out=- is not a file named "-"', async () => {
    await h.write('sunco.yaml', config);
    oneLine(await h.cli(['apply', '--yes', '--secrets-out', '-']), 'Error: --secrets-out needs a file name, e.g. --secrets-out secrets.json (secrets are never written to stdout).');
    oneLine(await h.cli(['plan', '--out=-']), 'Error: --out - is not stdout: give the path to save the plan to, e.g. --out plan.json (--format json prints the plan on stdout).');
    expect(await readdir(h.dir)).toEqual(['sunco.yaml']);
    expect(h.emu.requestLog).toEqual([]);
  });

  it('sunco api POST …/keys --secrets-out "" makes no key (it made one and saved its secret nowhere)', async () => {
    const appId = (await h.api.post<{ app: { id: string } }>('/v2/apps', { displayName: 'Raw' })).app.id;
    const mark = h.emu.requestLog.length;
    oneLine(await h.cli(['api', 'POST', `/v2/apps/${appId}/keys`, '--data', '{"displayName":"k"}', '--secrets-out', '']), 'Error: --secrets-out needs a file name, e.g. --secrets-out secrets.json; nothing was sent.');
    expect(writes(h.emu, mark)).toEqual([]);
    expect(await readdir(h.dir)).toEqual([]);
  });
});
