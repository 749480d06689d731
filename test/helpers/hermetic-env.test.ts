/**
 * The suite's setup file (test/helpers/hermetic-env.ts): what it clears and keeps, and that it
 * ran for this file, so that a child process started with `{ ...process.env }` sees no machine
 * HOME, SUNCO_* or FORCE_COLOR.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermeticEnv } from './hermetic-env.js';

describe('the hermetic test environment', () => {
  it('removes sunco, GitHub and colour variables, keeps the suite knobs and the rest, and sets HOME', () => {
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin',
      TZ: 'Asia/Kolkata',
      SUNCO_KEY_ID: 'app_junk',
      SUNCO_KEY_SECRET: 'junk',
      SUNCO_API_URL: 'http://127.0.0.1:9',
      SUNCO_PROFILE: 'junk',
      SUNCO_DEBUG: '1',
      SUNCO_PROPERTY_SEED: '7',
      GITHUB_OUTPUT: '/tmp/out',
      FORCE_COLOR: '1',
      NO_COLOR: '1',
      COLUMNS: '80',
      HOME: '/root',
      XDG_CONFIG_HOME: '/root/.config',
    };
    hermeticEnv(env, '/tmp/h');
    expect(env).toEqual({ PATH: '/usr/bin', TZ: 'Asia/Kolkata', SUNCO_PROPERTY_SEED: '7', HOME: '/tmp/h', XDG_CONFIG_HOME: '/tmp/h/.config' });
  });

  it('ran for this file: HOME is a new empty directory, and a child process sees that environment', () => {
    const home = process.env.HOME!;
    expect(home.startsWith(join(tmpdir(), 'sunco-test-home-'))).toBe(true);
    expect(readdirSync(home)).toEqual([]);
    expect(process.env.XDG_CONFIG_HOME).toBe(join(home, '.config'));
    const seen = JSON.parse(execFileSync(process.execPath, ['-p', 'JSON.stringify(process.env)'], { env: { ...process.env }, encoding: 'utf8' })) as Record<string, string>;
    expect(seen.HOME).toBe(home);
    expect(Object.keys(seen).filter((k) => /^SUNCO_(?!PROPERTY_)|^GITHUB_|^(FORCE_COLOR|NO_COLOR)$/.test(k))).toEqual([]);
  });
});
