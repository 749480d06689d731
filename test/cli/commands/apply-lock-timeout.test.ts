/**
 * sunco-apply --lock-timeout: how long apply waits for another sunco holding the secrets file,
 * as `sunco secrets pull --lock-timeout` (it waited a fixed 30 s). Checked before any request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../../helpers/harness.js';

const config = 'version: 1\napps:\n  support:\n    displayName: Support\n    keys:\n      deployer: { displayName: CI deployer }\n';

let h: Harness;
let holder: ChildProcess | undefined;
beforeEach(async () => {
  h = await harness();
  await h.write('sunco.yaml', config);
});
afterEach(async () => {
  holder?.kill();
  holder = undefined;
  await h.close();
});

describe('sunco-apply --lock-timeout', () => {
  it('0: a secrets file another process holds is refused at once, before any request, the file and lock left as they were', async () => {
    holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    const path = join(h.dir, 'secrets.json');
    await writeFile(path, '{}\n');
    await writeFile(`${path}.lock`, `${holder.pid} ${hostname()} held\n`);
    const from = h.emu.requestLog.length;
    const r = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json', '--lock-timeout', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`the secrets file ${path} is locked by another process (${holder.pid} on ${hostname()})`)]);
    expect(h.emu.requestLog.length).toBe(from);
    expect(await readFile(path, 'utf8')).toBe('{}\n');
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(`${holder.pid} ${hostname()} held\n`);
  });

  it('an invalid value is one line before any request; a free file applies as usual', async () => {
    const from = h.emu.requestLog.length;
    for (const bad of ['-1', '3601', 'abc']) {
      const r = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json', '--lock-timeout', bad]);
      expect(r.code, bad).toBe(1);
      expect(r.stderr.trim().split('\n'), bad).toEqual([expect.stringMatching(/^Error: Invalid --lock-timeout: .*; give seconds from 0 to 3600\.$/)]);
    }
    expect(h.emu.requestLog.length).toBe(from);
    const ok = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json', '--lock-timeout', '5']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(Object.keys(JSON.parse(await readFile(join(h.dir, 'secrets.json'), 'utf8')) as object)).toEqual(['app.support.key.deployer']);
  });
});
