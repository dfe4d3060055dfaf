import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, tempDir, writeFiles, type Run } from '../helpers.js';

/** A README of `count` entries: more files than the write stages between two looks at its signal (64). */
function readme(count: number): string {
  const entries = Array.from(
    { length: count },
    (_, i) => `* **[Paper ${i} on long context.](https://arxiv.org/abs/2401.${String(i).padStart(5, '0')})** Ann Lee, Bo Chen. arXiv, 2024`,
  );
  return ['# A list', '', '## Paper List', '', '### Memory', '', ...entries, ''].join('\n');
}

/**
 * import-readme run as a process that pauses mid-write (LINT_LIST_TEST_PAUSE_WRITE), then gets `signal`
 * from outside, as a Ctrl-C or a runner's SIGTERM would come: no timing, the pause waits for it.
 */
function interrupted(dir: string, args: string[], signal: NodeJS.Signals): Promise<Run & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs('import-readme', args), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', LINT_LIST_TEST_PAUSE_WRITE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!sent && stderr.includes('(LINT_LIST_TEST_PAUSE_WRITE)')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, by) => resolve({ code, signal: by, stdout, stderr }));
  });
}

describe('import-readme stopped while it writes', () => {
  it('removes its staging folder on Ctrl-C (SIGINT) and exits 130, with one line and no stack', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'README.md': readme(150) });
    const run = await interrupted(dir, ['README.md', '--out', 'data'], 'SIGINT');
    expect(run).toEqual({
      code: 130,
      signal: null,
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
      stdout: '',
      stderr: 'import-readme: paused with 64 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nimport-readme: stopped by SIGTERM; nothing written.\n',
    });
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'data']);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);
  });
});
