import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layer rule (docs/architecture.md): imports point one way along the data flow. Each
 * folder of src/ lists the folders it may import; every other folder is refused. Top-level
 * files of src/ (errors.ts) are shared leaves: anyone may import them and they import nothing.
 */
const MAY_IMPORT = {
  resources: [],
  api: ['resources'],
  config: ['resources', 'api'],
  state: ['resources', 'api', 'config'],
  plan: ['resources', 'api', 'config', 'state'],
  // export reads live state and writes config; only cli/ sits above it.
  export: ['resources', 'api', 'config', 'state'],
  apply: ['resources', 'api', 'config', 'state', 'plan'],
  // render prints plans and apply results, so it reads apply's result types.
  render: ['resources', 'api', 'config', 'state', 'plan', 'apply'],
  // emulator stands on the spec (spec/openapi.json, outside src/): of api/ only the types.
  emulator: ['resources', 'api'],
  cli: ['resources', 'api', 'config', 'state', 'plan', 'export', 'apply', 'render', 'emulator'],
};
const ALLOWED_FILES = { emulator: { api: ['./types.ts'] } };

/**
 * Wrong-way imports being removed, as { layer: { folder: ['./file.ts'] } }: each entry one
 * file, and the list only shrinks. Empty: the tree follows the table.
 */
const PENDING = {};

const layerZones = Object.entries(MAY_IMPORT).flatMap(([layer, allowed]) =>
  Object.keys(MAY_IMPORT)
    .filter((other) => other !== layer)
    .flatMap((other) => {
      const except = [...(PENDING[layer]?.[other] ?? []), ...(ALLOWED_FILES[layer]?.[other] ?? [])];
      if (allowed.includes(other) && !ALLOWED_FILES[layer]?.[other]) return [];
      if (allowed.includes(other) && ALLOWED_FILES[layer]?.[other]) {
        return [{ target: `./src/${layer}`, from: `./src/${other}`, except, message: `${layer}/ may import only ${except.join(', ')} of ${other}/ (docs/architecture.md, "Layers").` }];
      }
      return [{ target: `./src/${layer}`, from: `./src/${other}`, ...(except.length ? { except } : {}), message: `${layer}/ must not import ${other}/: imports point one way (docs/architecture.md, "Layers").` }];
    }),
);
const PURE_FORBIDDEN = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process', 'got'];
const NONDETERMINISTIC = [
  { object: 'Math', property: 'random', message: 'The planner is deterministic: no random numbers (derive, e.g. an HMAC of the inputs).' },
  { object: 'Date', property: 'now', message: 'The planner is deterministic: take the time as an input.' },
];
const leafZone = { target: './src/*.ts', from: './src', except: ['./errors.ts'], message: 'A top-level module of src/ is a shared leaf: it imports nothing from src/.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schema/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: [...layerZones, leafZone] }] },
  },
  {
    // The planner and what it stands on are pure (docs/architecture.md): no files, no network,
    // no clock, no randomness. Commands in cli/ do the I/O and hand them data.
    files: ['src/plan/**/*.ts', 'src/resources/**/*.ts', 'src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: PURE_FORBIDDEN.map((name) => ({ name, message: 'plan/, resources/ and render/ do no I/O: the command in cli/ does it (docs/architecture.md).' })) }],
      'no-restricted-properties': ['error', ...NONDETERMINISTIC],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The planner is deterministic: take the time as an input.' },
        // no-restricted-imports does not see `await import('node:fs')`.
        ...PURE_FORBIDDEN.map((name) => ({ selector: `ImportExpression[source.value='${name}']`, message: 'plan/, resources/ and render/ do no I/O: the command in cli/ does it (docs/architecture.md).' })),
      ],
    },
  },
);
