// Mutation testing of the core (issue 15): `npm run mutation` runs this, then
// tests/bench/mutation.ts writes each file's score into tests/bench/RESULTS.md and fails under 90 %.
// Not part of `npm test`: a weekly workflow (.github/workflows/mutation.yml) runs it.
// Mutants that cannot be killed because they are equivalent are listed in stryker.equivalent.md.
// One file at a time, with only the tests that reach it (the whole run takes long on two cores):
//   MUTATION_TESTS='tests/core/*.test.ts' MUTATION_REPORT=.cache/mutation/read.json npx stryker run --mutate src/data/read.ts
//   npx tsc -p tsconfig.json && node dist/tests/bench/mutation.js .cache/mutation/load.json .cache/mutation/…json
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // Only the test files that import the mutated file run for it (vitest --related).
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Each mutant reruns only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Module-level constants (status sets, the Retry-After pattern) are part of the policy: mutate them too.
  ignoreStatic: false,
  // Two cores, shared: one test process at a time.
  concurrency: 1,
  timeoutMS: 60_000,
  mutate: [
    'src/render/entry.ts',
    'src/lint/rules/year.ts',
    'src/lint/rules/duplicate-arxiv-id.ts',
    'src/links/classify.ts',
    'src/lint/rules/duplicate-title.ts',
    'src/text/arxiv.ts',
    'src/data/validate.ts',
    'src/lint/normalize.ts',
    // What the trust issue added: loading (strict UTF-8, stray files, the size cap) and the other pair rules.
    'src/data/read.ts',
    'src/data/parse.ts',
    'src/data/cache.ts',
    'src/text/utf8.ts',
    'src/lint/rules/author-shape.ts',
    'src/lint/rules/duplicate-url.ts',
    'src/lint/rules/url-title-conflict.ts',
  ],
  // The sandbox is a copy of the repository; scratch space and old reports stay out of it.
  ignorePatterns: ['/.cache', '/reports'],
  tempDirName: '.cache/stryker-tmp',
  reporters: ['clear-text', 'progress', 'json'],
  // MUTATION_REPORT names another report, so that per-file runs (`--mutate <file>`) keep theirs apart;
  // tests/bench/mutation.ts then takes their paths and judges them together.
  jsonReporter: { fileName: process.env.MUTATION_REPORT ?? '.cache/mutation/mutation.json' },
  // The threshold is per file (tests/mutation/scores.ts); Stryker's own break is on the total.
  thresholds: { high: 95, low: 90, break: null },
  cleanTempDir: 'always',
};
