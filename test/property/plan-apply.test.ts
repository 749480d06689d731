/**
 * Property tests of plan/apply against the emulator (issues 13 and 14): random configs (values
 * literal or from declared and undeclared variables, sensitive or not, from every source) and
 * random edits (variables' edits and interrupted applies among them), with the invariants of
 * scenario.ts. `npm test` runs a fixed seed and a small count; `npm run soak -- --property N`
 * runs N cases with a fresh seed (scripts/soak.mjs), through SUNCO_PROPERTY_RUNS /
 * SUNCO_PROPERTY_SEED. A failure prints its seed and the shrunk case (SUNCO_PROPERTY_SHRINK=0:
 * the first failing case as it came, without shrinking).
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { editArb, modelArb } from './arbitraries.js';
import { newTally, runScenario } from './scenario.js';

const runs = Number(process.env.SUNCO_PROPERTY_RUNS ?? 40);
const seed = Number(process.env.SUNCO_PROPERTY_SEED ?? 13);

describe('plan/apply properties against the emulator', () => {
  it(`converge, never duplicate, keep metadata, follow renames, save secrets, respect protect, leak nothing, export round-trips, interrupts converge (${runs} cases, seed ${seed})`, async () => {
    const tally = newTally();
    await fc.assert(
      fc.asyncProperty(modelArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (model, edits) => runScenario(model, edits, tally)),
      { seed, numRuns: runs, verbose: 0, endOnFailure: process.env.SUNCO_PROPERTY_SHRINK === '0' },
    );
    if (process.env.SUNCO_PROPERTY_TALLY) writeFileSync(process.env.SUNCO_PROPERTY_TALLY, JSON.stringify({ seed, cases: runs, ...tally }));
  }, 600_000);
});
