import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { lintData } from '../../src/lint/check-list.js';
import { fixtureList, runCli, tempDir, writeFiles } from '../helpers.js';

/**
 * A finding is placed (line and column, from the yaml package's document model) only when an
 * exception keeps it (src/lint/check-list.ts): a cold run of a list whose only findings are
 * silenced never loads yaml. The commands run as processes, from the launcher's bundle (where yaml
 * is external and loads through require), each with an empty cache folder; a preloaded script
 * reports the yaml modules in require.cache when the process exits.
 */

const SILENCED = {
  'data/papers/survey-technical-report/0900-a-paper-without-a-link.yaml':
    'title: "A paper without a link"\nyear: 2024\nexceptions:\n  - rule: missing-url\n    reason: "The workshop never put the paper online."\n',
};

const KEPT = {
  // No link and no exception: missing-url on the title's value, line 3 column 8.
  'data/papers/survey-technical-report/0910-another-paper-without-a-link.yaml': '# A comment line\n\ntitle: "Another paper without a link"\nyear: 2024\n',
  // An exception that silences nothing: unused-exception on its rule, line 5 column 11.
  'data/papers/survey-technical-report/0920-a-paper-with-a-link.yaml':
    'title: "A paper with a link"\nurl: https://example.org/paper\nyear: 2024\nexceptions:\n  - rule:   missing-url\n    reason: "Kept from before it had a link."\n',
};

function probe(dir: string): string {
  const path = join(dir, 'yaml-probe.cjs');
  writeFileSync(
    path,
    "process.on('exit', () => { const n = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(k)).length; process.stderr.write(`yaml modules loaded: ${n}\\n`); });\n",
  );
  return path;
}

/** Run a command cold (an empty cache folder), and say whether it loaded yaml. */
function coldRun(dir: string, command: string, args: string[]): { code: number | null; stdout: string; loadedYaml: boolean } {
  const cache = join(tempDir('lazy-place-cache-'), 'cache');
  mkdirSync(cache);
  const run = runCli(command, args, { cwd: dir, env: { LINT_LIST_CACHE_DIR: cache, NODE_OPTIONS: `--require ${probe(tempDir('lazy-place-probe-'))}` } });
  const count = /yaml modules loaded: (\d+)/.exec(run.stderr);
  if (!count) throw new Error(`no probe output: ${run.stderr}`);
  return { code: run.code, stdout: run.stdout, loadedYaml: Number(count[1]) > 0 };
}

const findings = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { rule: string; file: string; line: number; column: number }[] }).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);

describe('findings are placed only when kept', () => {
  it('a cold lint-list and build-readme of a list whose only finding is silenced never load yaml', () => {
    const dir = fixtureList();
    writeFiles(dir, SILENCED);
    const lint = coldRun(dir, 'lint-list', ['--format', 'json']);
    expect(lint.code).toBe(0);
    expect(findings(lint.stdout)).toEqual([]);
    expect((JSON.parse(lint.stdout) as { summary: { silenced: number } }).summary.silenced).toBe(1);
    expect(lint.loadedYaml).toBe(false);

    const build = coldRun(dir, 'build-readme', []);
    expect(build.code).toBe(0);
    expect(build.loadedYaml).toBe(false);
  });

  it('kept findings carry their exact line and column, and an unused exception is still reported where it stands', () => {
    const dir = fixtureList();
    writeFiles(dir, { ...SILENCED, ...KEPT });
    const lint = coldRun(dir, 'lint-list', ['--format', 'json']);
    expect(findings(lint.stdout)).toEqual([
      'data/papers/survey-technical-report/0910-another-paper-without-a-link.yaml:3:8 missing-url',
      'data/papers/survey-technical-report/0920-a-paper-with-a-link.yaml:5:13 unused-exception',
    ]);
    expect((JSON.parse(lint.stdout) as { summary: { silenced: number } }).summary.silenced).toBe(1);
    // Placing them needs the document model: the probe sees yaml load.
    expect(lint.loadedYaml).toBe(true);
  });

  it('returns plain problems: data properties only, no symbol, the same after a JSON round trip', async () => {
    const dir = fixtureList();
    writeFiles(dir, { ...SILENCED, ...KEPT });
    const loaded = loadData(join(dir, 'data'), dir);
    const result = await lintData(loaded.value, { loadProblems: loaded.problems });
    expect(result.value.silenced).toBe(1);
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([
      'data/papers/survey-technical-report/0910-another-paper-without-a-link.yaml:3:8 missing-url',
      'data/papers/survey-technical-report/0920-a-paper-with-a-link.yaml:5:13 unused-exception',
    ]);
    for (const problem of result.problems) {
      expect(Object.getOwnPropertySymbols(problem)).toEqual([]);
      for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(problem))) {
        expect(descriptor.get).toBeUndefined();
        expect(descriptor.enumerable).toBe(true);
      }
      expect(JSON.parse(JSON.stringify(problem))).toEqual(problem);
    }
  });
});
