import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files, longest first (measured on the 2-core machine, 2026-11-30). vitest starts the
 * files it has timed before longest first, but a fresh clone has no timings, so it starts the largest
 * files first, and a long small file (gen-list, prefetch) began last and left one core idle at the end.
 * Only the order changes; a stale list costs a little time, nothing else.
 */
const LONGEST_FIRST = [
  'tests/github/regenerate.test.ts',
  'tests/foundation/launcher.test.ts',
  'tests/lint/load-worker.test.ts',
  'tests/lint/cache.test.ts',
  'tests/foundation/import-zh.test.ts',
  'tests/site/site.test.ts',
  'tests/foundation/readme-cache.test.ts',
  'tests/render/markdown.test.ts',
  'tests/foundation/import-fidelity.test.ts',
  'tests/foundation/pages.test.ts',
  'tests/core/prefetch.test.ts',
  'tests/foundation/build-readme.test.ts',
  'tests/refresh/refresh.test.ts',
  'tests/lint/registry.test.ts',
  'tests/links/unreachable.test.ts',
  'tests/import/pieces.test.ts',
  'tests/lint/gen-list.test.ts',
  'tests/lint/lazy-place.test.ts',
];

/** vitest's order when it has timed every file before; otherwise LONGEST_FIRST, then vitest's order. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const key = (file: TestSpecification) => relative(this.ctx.config.root, file.moduleId).split('\\').join('/');
    if (sorted.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${key(file)}`))) return sorted;
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(key(file));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    return sorted.map((file, at) => ({ file, at })).sort((a, b) => rank(a.file) - rank(b.file) || a.at - b.at).map(({ file }) => file);
  }
}

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
    sequence: { sequencer: LongestFirst },
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
  },
});
