import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureList, runInProcess } from '../helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

/**
 * What the pull-request workflow's checks do with the kinds of pull request that must fail,
 * shown on a throwaway copy of the list (data/, templates/, README.md, README_zh.md).
 */
describe('a pull request that', () => {
  it('edits README.md by hand fails `npm run build-readme -- --check`, naming the file', async () => {
    const dir = fixtureList();
    // Start from READMEs that match data/ in the copy, whatever state the working tree is in.
    expect((await runInProcess('build-readme', [], { cwd: dir })).code).toBe(0);
    expect(await runInProcess('build-readme', ['--check'], { cwd: dir })).toEqual({ code: 0, stdout: 'README.md, README_zh.md, papers.bib: up to date.\n', stderr: '' });

    const readme = join(dir, 'README.md');
    writeFileSync(readme, readFileSync(readme, 'utf8').replace('## Paper List', '## Paper List\n\n* **[A paper added by hand.](https://arxiv.org/abs/2501.00001)** Someone. 2025'));
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- README.md (committed)\n+++ README.md (generated)\n');
    expect(check.stdout).toContain('\n-* **[A paper added by hand.](https://arxiv.org/abs/2501.00001)** Someone. 2025\n');
    expect(check.stderr).toBe(
      'build-readme --check: 1 of 3 files differ from what data/ and templates/ give (README.md). ' +
        'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
    );
  });

  it('adds a paper that is already listed fails `npm run lint-list` with duplicate- findings', async () => {
    const dir = fixtureList();
    const folder = join(dir, 'data', 'papers', 'length-extrapolation');
    const original = readdirSync(folder).sort()[0]!;
    copyFileSync(join(folder, original), join(folder, '9990-the-same-paper-again.yaml'));
    const run = await runInProcess('lint-list', ['--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const { findings } = LintJsonOutput.parse(JSON.parse(run.stdout));
    const duplicates = findings.filter((f) => f.rule.startsWith('duplicate-'));
    expect(duplicates.length).toBeGreaterThan(0);
    expect(
      duplicates.every((f) => f.file.endsWith('/9990-the-same-paper-again.yaml') || f.file.endsWith(`/${original}`)),
      JSON.stringify(duplicates),
    ).toBe(true);
  });
});
