import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suite as Stryker runs it (stryker.config.mjs). Mutants live in the vitest process, so tests
 * of the workflows and their shell scripts can kill none of them: left out to keep the run
 * affordable. MUTATION_TESTS (comma-separated globs) narrows it further while iterating on one
 * file; Stryker's own --testFiles would do that too, but then it never activates static mutants
 * (module-level constants), which all survive (stryker-js issue #6144).
 */
const only = process.env.MUTATION_TESTS?.split(',').filter((glob) => glob !== '');

export default defineConfig({
  test: {
    ...base.test,
    include: only && only.length > 0 ? only : ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/github/**'],
    // Each file on fresh modules, as before npm test shared them (vitest.config.ts): Stryker's static
    // mutants are activated by loading a module again.
    isolate: true,
  },
});
