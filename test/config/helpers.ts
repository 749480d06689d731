import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, type ConfigIssue, loadConfig, type LoadConfigOptions } from '../../src/config/index.js';
import type { LoadedConfig } from '../../src/config/types.js';

const made: string[] = [];

/** A fresh temp dir holding the given files (path → content). */
export async function tempConfig(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sunco-config-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export async function cleanup(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export type LoadOpts = Partial<Omit<LoadConfigOptions, 'cwd'>>;

export async function load(files: Record<string, string>, opts: LoadOpts = {}): Promise<LoadedConfig> {
  const cwd = await tempConfig(files);
  return loadConfig({ cwd, env: {}, ...opts });
}

/** The issues of a config that must fail to load. */
export async function issuesOf(files: Record<string, string>, opts: LoadOpts = {}): Promise<ConfigIssue[]> {
  try {
    await load(files, opts);
  } catch (err) {
    if (err instanceof ConfigError) return err.errors;
    throw err;
  }
  throw new Error('expected the config to be invalid, but it loaded');
}
