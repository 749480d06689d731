/**
 * Secret leakage (issue 8): every example goes through validate, plan --out, apply of that
 * plan file with --secrets-out, plan again and a no-change apply --json, all with --debug.
 * Everything printed and every plan file is then searched for every secret in play: generated
 * key and webhook secrets, write-only tokens from variables, the account key secret and its
 * Basic Authorization value. Zero hits (the secrets file itself is the one place they belong).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

const examples = resolve(import.meta.dirname, '../../examples');
const yamls = (await readdir(examples)).filter((f) => f.endsWith('.yaml'));
const cases: [string, string][] = [...yamls.map((f): [string, string] => [f, join(examples, f)]), ['split/ (directory)', join(examples, 'split')]];

let emu: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The example's variables (from its .env.example), with fresh unique values for every token and secret. */
async function variables(example: string): Promise<{ args: string[]; secrets: string[] }> {
  const envExample = example.replace(/\.yaml$/, '.env.example');
  const text = await readFile(envExample, 'utf8').catch(() => undefined);
  if (text === undefined) return { args: [], secrets: [] };
  const secrets: string[] = [];
  const lines = text.split('\n').flatMap((line) => {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) return [];
    if (!/TOKEN|SECRET|PASSWORD|KEY/.test(m[1]!)) return [line];
    const value = `leakcheck-${m[1]!.toLowerCase()}-${randomBytes(6).toString('hex')}`;
    secrets.push(value);
    return [`${m[1]}=${value}`];
  });
  const file = join(dir!, 'vars.env');
  await writeFile(file, lines.join('\n'));
  return { args: ['--var-file', file], secrets };
}

describe('no secret is ever printed or saved in a plan, --debug included', () => {
  it.each(cases)('%s', async (_name, example) => {
    emu = await startEmulator({ port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'sunco-leak-'));
    const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: emu.accountKey.keyId, SUNCO_KEY_SECRET: emu.accountKey.secret };
    const vars = await variables(example);
    const cfg = ['-f', example, ...vars.args, '--debug'];
    const outputs: Record<string, string> = {};
    const step = async (name: string, args: string[], want = 0) => {
      const r = await runCli(args, { env, cwd: dir! });
      outputs[`${name} stdout`] = r.stdout;
      outputs[`${name} stderr`] = r.stderr;
      expect(r.code, `${name}: ${r.stderr}`).toBe(want);
    };
    await step('validate', ['validate', ...cfg]);
    await step('plan', ['plan', ...cfg, '--out', 'plan1.json']);
    await step('apply plan file', ['apply', 'plan1.json', ...cfg, '--secrets-out', 'secrets.json']);
    await step('plan again', ['plan', ...cfg, '--out', 'plan2.json', '--detailed-exitcode']);
    await step('apply --json', ['apply', ...cfg, '--yes', '--json', '--secrets-out', 'secrets.json']);
    outputs['plan1.json'] = await readFile(join(dir, 'plan1.json'), 'utf8');
    outputs['plan2.json'] = await readFile(join(dir, 'plan2.json'), 'utf8');

    const saved = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8').catch(() => '{}')) as Record<string, { secret: string }>;
    // Every generated secret the emulator holds, whether or not it reached the secrets file.
    const generated = emu.store.state.provisioning.apps.flatMap((a) => [
      ...a.keys.map((k) => k.secret),
      ...a.integrations.flatMap((i) => [...i.keys.map((k) => k.secret), ...i.webhooks.map((w) => w.secret)]),
    ]);
    const { keyId, secret } = emu.accountKey;
    const secrets = [...new Set([...Object.values(saved).map((s) => s.secret), ...generated, ...vars.secrets, secret, Buffer.from(`${keyId}:${secret}`).toString('base64')])];
    // At least the account secret and its Basic value; examples with keys or webhooks add theirs.
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const hits = Object.entries(outputs).flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${where} contains ${s.slice(0, 4)}…`));
    expect(hits).toEqual([]);
    // The run really went through the API, with --debug logging each request.
    expect(outputs['plan again stderr']).toMatch(/GET .*\/v2\/apps/);
  });
});
