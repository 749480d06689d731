import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Every test file starts from the same environment on any machine (no SUNCO_*, colour
    // variables or HOME of the machine's): see the file.
    setupFiles: ['test/helpers/hermetic-env.ts'],
  },
});
