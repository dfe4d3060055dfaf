import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStopped, tempDir, writeFiles } from '../helpers.js';

/** A README of `count` entries: more files than the write stages between two looks at its signal (64). */
function readme(count: number): string {
  const entries = Array.from(
    { length: count },
    (_, i) => `* **[Paper ${i} on long context.](https://arxiv.org/abs/2401.${String(i).padStart(5, '0')})** Ann Lee, Bo Chen. arXiv, 2024`,
  );
  return ['# A list', '', '## Paper List', '', '### Memory', '', ...entries, ''].join('\n');
}

/** import-readme stopped by `signal` while paused mid-write (runStopped): no timing, the pause waits for it. */
function interrupted(dir: string, args: string[], signal: NodeJS.Signals) {
  return runStopped('import-readme', args, { cwd: dir, signal });
}

describe('import-readme stopped while it writes', () => {
  it('removes its staging folder on Ctrl-C (SIGINT) and exits 130, with one line and no stack', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'README.md': readme(150) });
    const run = await interrupted(dir, ['README.md', '--out', 'data'], 'SIGINT');
    expect(run).toEqual({
      code: 130,
      signal: null,
      paused: undefined,
      stdout: '',
      stderr: 'import-readme: paused with 64 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nimport-readme: stopped by SIGINT; nothing written.\n',
    });
    // No ".data.<pid>.<hex>.tmp" beside the target, and no target.
    expect(readdirSync(dir)).toEqual(['README.md']);
  });

  it('does the same on SIGTERM with 143, and leaves an existing empty target and the templates folder as they were', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'README.md': readme(150) });
    mkdirSync(join(dir, 'data'));
    const run = await interrupted(dir, ['README.md', '--out', 'data', '--templates', 'templates'], 'SIGTERM');
    expect(run).toEqual({
      code: 143,
      signal: null,
      paused: undefined,
      stdout: '',
      stderr: 'import-readme: paused with 64 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nimport-readme: stopped by SIGTERM; nothing written.\n',
    });
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'data']);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);
  });
});
