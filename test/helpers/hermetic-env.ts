/**
 * Runs before every test file (vitest.config.ts `setupFiles`): the suite must pass the same on
 * any machine, whatever the environment of `npm test`. In-process runs already get only the env
 * a test gives them (test/helpers/io.ts); this is for what reads process.env itself, mostly child
 * processes started with `{ ...process.env }` (npm, the built binaries):
 * - sunco's own variables (SUNCO_KEY_SECRET, SUNCO_API_URL, SUNCO_PROFILE, SUNCO_DEBUG...) and
 *   the action's GITHUB_* ones are removed: a CI job that sets them for its own deploy step would
 *   otherwise steer the tests' runs (a junk SUNCO_API_URL, an appended GITHUB_OUTPUT);
 * - FORCE_COLOR / NO_COLOR / COLUMNS are removed: CI often sets FORCE_COLOR=1, which wins over a
 *   test's NO_COLOR=1 and put escape codes in the output it matches;
 * - HOME and XDG_CONFIG_HOME point at a new empty directory: no profiles.yaml, ~/.npmrc or npm
 *   cache of the machine is read (a stale npx link in the machine's cache failed CI once).
 * A test that means to set any of these passes it to the run it makes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The suite's own knobs, read on purpose (test/property: SUNCO_PROPERTY_RUNS, _SEED, _TALLY). */
const KEPT = /^SUNCO_PROPERTY_/;
const CLEARED = /^(SUNCO_|GITHUB_)|^(FORCE_COLOR|NO_COLOR|COLUMNS|LINES)$/;

export function hermeticEnv(env: NodeJS.ProcessEnv, home: string): void {
  for (const name of Object.keys(env)) if (CLEARED.test(name) && !KEPT.test(name)) delete env[name];
  env.HOME = home;
  env.XDG_CONFIG_HOME = join(home, '.config');
}

const home = mkdtempSync(join(tmpdir(), 'sunco-test-home-'));
hermeticEnv(process.env, home);
afterAll(() => rmSync(home, { recursive: true, force: true }));
