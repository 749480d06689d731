/**
 * `sunco-apply PLANFILE` needs nothing but the plan file: it records the config and var-file
 * paths (never values), relative to its own directory, and apply reads them from any cwd.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness, writes } from '../../helpers/harness.js';
import { runCli } from '../../helpers/cli.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = 'version: 1\napps:\n  support:\n    displayName: "${APP_NAME}"\n';

describe('sunco-apply PLANFILE', () => {
  it('applies from another directory with only the plan file: the config and var file come from it', async () => {
    const a = join(h.dir, 'a');
    await mkdir(a);
    await writeFile(join(a, 'sunco.yaml'), config);
    await writeFile(join(a, 'vars.env'), 'APP_NAME=Support desk\n');
    const plan = await runCli(['plan', '--var-file', 'vars.env', '--out', 'plan.json'], { cwd: a, env: h.env });
    expect(plan.code).toBe(0);
    const text = await readFile(join(a, 'plan.json'), 'utf8');
    expect((JSON.parse(text) as { inputs: unknown }).inputs).toEqual({ config: 'sunco.yaml', varFiles: ['vars.env'], digests: { config: expect.stringMatching(/^hmac-sha256:/), varFiles: [expect.stringMatching(/^hmac-sha256:/)] } });

    const other = join(h.dir, 'elsewhere');
    await mkdir(other);
    const mark = h.emu.requestLog.length;
    const r = await runCli(['apply', '../a/plan.json', '--yes'], { cwd: other, env: h.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete: 1 created');
    expect(writes(h.emu, mark).length).toBeGreaterThan(0);
    const apps = await h.api.listAll<{ displayName: string }>('/v2/apps', 'apps');
    expect(apps.map((x) => x.displayName)).toEqual(['Support desk']);
  });

  it('-f and --var-file given to apply win over the recorded paths', async () => {
    await h.write('sunco.yaml', config);
    await h.write('vars.env', 'APP_NAME=One\n');
    await h.write('other.env', 'APP_NAME=Two\n');
    expect((await h.cli(['plan', '--var-file', 'vars.env', '--out', 'p.json'])).code).toBe(0);
    const mark = h.emu.requestLog.length;
    const r = await h.cli(['apply', 'p.json', '--var-file', 'other.env']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the configuration changed since the plan was made');
    expect(writes(h.emu, mark)).toEqual([]);
  });
});
