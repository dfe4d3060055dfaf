import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Hooks get the same budget as tests: some files do their heavy work once in beforeAll (the seed's
    // lint imports and lints 643 entries, as import-fidelity does inside a test), and vitest's 10 s
    // default for hooks failed that file on a busy machine while the same work passed as a test.
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker's loaded modules instead of each loading vitest and src/ again (about
    // half a second of CPU per file). Safe here: no test mocks modules, stubs globals or changes
    // process state; temporary folders are removed per file by tests/setup.ts.
    isolate: false,
    // Two workers on two cores: much of a worker's time is spent waiting on a spawned command, a
    // server or the browser. (vitest's default is one fewer than the cores: a single worker here.)
    maxWorkers: 2,
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
  },
});
