import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests spawn node processes; two cores, so keep parallelism modest.
    testTimeout: 30_000,
    // Hooks get the same budget as tests: some files do their heavy work once in beforeAll (the seed's
    // lint imports and lints 643 entries, as import-fidelity does inside a test), and vitest's 10 s
    // default for hooks failed that file on a busy machine while the same work passed as a test.
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
  },
});
