/**
 * Property tests of plan/apply against the emulator (issue 13): random configs and random
 * edits, with the invariants of scenario.ts. `npm test` runs a fixed seed and a small count;
 * `npm run soak -- --property N` runs N cases with a fresh seed (scripts/soak.mjs), through
 * SUNCO_PROPERTY_RUNS / SUNCO_PROPERTY_SEED. A failure prints its seed and the shrunk case.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { editArb, modelArb } from './arbitraries.js';
import { newTally, runScenario } from './scenario.js';

const runs = Number(process.env.SUNCO_PROPERTY_RUNS ?? 40);
const seed = Number(process.env.SUNCO_PROPERTY_SEED ?? 13);

describe('plan/apply properties against the emulator', () => {
  it(`converge, never duplicate, keep metadata, follow renames, save secrets, respect protect (${runs} cases, seed ${seed})`, async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (model, edits) => runScenario(model, edits, tally)),
      { seed, numRuns: runs, verbose: 0 },
    );
    if (process.env.SUNCO_PROPERTY_TALLY) writeFileSync(process.env.SUNCO_PROPERTY_TALLY, JSON.stringify({ seed, cases: runs, ...tally }));
  }, 600_000);
});
