/**
 * The layer rule in eslint.config.js (docs/architecture.md, "Layers"): a wrong-way import
 * fails `npm run lint`. Each case lints one import as if it stood in a file of src/ (ESLint's
 * lintText with a file path: nothing is written), through the project's own config.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const RULE = 'import-x/no-restricted-paths';

/** The messages of `rule` for `source` linted as `file` (a path below the repository). */
async function layerErrors(file: string, source: string, rule = RULE): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('layer rule (eslint import-x/no-restricted-paths)', () => {
  it.each([
    ['src/plan/probe.ts', "import { getIO } from '../cli/io.js';\nexport const io = getIO;\n", 'plan/ must not import cli/'],
    ['src/plan/probe.ts', "export const load = () => import('../state/read.js').then(() => import('../apply/executor.js'));\n", 'plan/ must not import apply/'],
    ['src/resources/probe.ts', "import { readLiveState } from '../state/read.js';\nexport const r = readLiveState;\n", 'resources/ must not import state/'],
    ['src/state/probe.ts', "import { diff } from '../plan/diff.js';\nexport const d = diff;\n", 'state/ must not import plan/'],
    ['src/config/probe.ts', "import { getIO } from '../cli/io.js';\nexport const io = getIO;\n", 'config/ must not import cli/'],
    ['src/apply/probe.ts', "import { renderPlanText } from '../render/plan-text.js';\nexport const r = renderPlanText;\n", 'apply/ must not import render/'],
    ['src/emulator/probe.ts', "import type { LoadedConfig } from '../config/types.js';\nexport type L = LoadedConfig;\n", 'emulator/ must not import config/'],
    ['src/emulator/provisioning/probe.ts', "import { createClient } from '../../api/client.js';\nexport const c = createClient;\n", 'emulator/ may import only ./types.ts of api/'],
    ['src/export/probe.ts', "import { diff } from '../plan/diff.js';\nexport const d = diff;\n", 'export/ must not import plan/'],
    ['src/probe.ts', "import { diff } from './plan/diff.js';\nexport const d = diff;\n", 'shared leaf'],
  ])('%s: a wrong-way import fails (%#)', async (file, source, expected) => {
    const errors = await layerErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/cli/probe.ts', "import { diff } from '../plan/diff.js';\nimport { startEmulator } from '../emulator/index.js';\nexport const x = [diff, startEmulator];\n"],
    ['src/plan/probe.ts', "import { readLiveState } from '../state/read.js';\nimport { UserError } from '../errors.js';\nexport const x = [readLiveState, UserError];\n"],
    ['src/emulator/probe.ts', "import type { ApiClient } from '../api/types.js';\nimport { KINDS } from '../resources/registry.js';\nexport type C = ApiClient;\nexport const k = KINDS;\n"],
    ['src/export/probe.ts', "import { readLiveState } from '../state/read.js';\nimport { loadConfig } from '../config/index.js';\nexport const x = [readLiveState, loadConfig];\n"],
    ['src/render/probe.ts', "import type { ApplyReport } from '../apply/types.js';\nexport type R = ApplyReport;\n"],
  ])('%s: an import down the layers passes (%#)', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});

describe('purity rule: plan/, resources/ and render/ do no I/O and are deterministic', () => {
  it.each([
    ['src/plan/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'no-restricted-imports'],
    ['src/resources/probe.ts', "import got from 'got';\nexport const g = got;\n", 'no-restricted-imports'],
    ['src/render/probe.ts', "import { request } from 'node:http';\nexport const r = request;\n", 'no-restricted-imports'],
    ['src/plan/probe.ts', 'export const salt = () => Math.random().toString(36);\n', 'no-restricted-properties'],
    ['src/plan/probe.ts', 'export const at = () => Date.now();\n', 'no-restricted-properties'],
    ['src/plan/probe.ts', 'export const at = () => new Date().toISOString();\n', 'no-restricted-syntax'],
    ['src/plan/probe.ts', "export const read = async () => (await import('node:fs/promises')).readFile('x');\n", 'no-restricted-syntax'],
    ['src/render/probe.ts', "export const g = async () => (await import('got')).default;\n", 'no-restricted-syntax'],
  ])('%s: case %# is refused', async (file, source, rule) => {
    expect(await layerErrors(file, source, rule)).toHaveLength(1);
  });

  it('the same code passes in cli/, which does the I/O', async () => {
    const source = "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\nexport const at = () => Date.now();\n";
    for (const rule of ['no-restricted-imports', 'no-restricted-properties']) expect(await layerErrors('src/cli/probe.ts', source, rule)).toEqual([]);
  });
});
