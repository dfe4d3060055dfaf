import { describe, expect, it } from 'vitest';
import { mergeReports, parseEquivalents, previousScores, renderSection, scoreReport } from '../bench/mutation.js';

/** npm run mutation's judge: per-file scores from Stryker's JSON report, equivalents left out. */

const at = (line: number, column: number) => ({ start: { line, column } });
const REPORT = {
  files: {
    'src/b.ts': {
      mutants: [
        { mutatorName: 'ConditionalExpression', replacement: 'true', status: 'Killed', location: at(1, 1) },
        { mutatorName: 'ConditionalExpression', replacement: 'false', status: 'Timeout', location: at(1, 1) },
        { mutatorName: 'StringLiteral', replacement: '""', status: 'Survived', location: at(2, 5) },
        { mutatorName: 'BlockStatement', replacement: '{}', status: 'NoCoverage', location: at(3, 1) },
        { mutatorName: 'ObjectLiteral', replacement: '{}', status: 'CompileError', location: at(4, 1) },
        { mutatorName: 'ObjectLiteral', replacement: '{}', status: 'Ignored', location: at(5, 1) },
      ],
    },
    'src/a.ts': {
      mutants: [
        { mutatorName: 'EqualityOperator', replacement: 'a <= b', status: 'Killed', location: at(7, 3) },
        { mutatorName: 'EqualityOperator', replacement: 'a > b', status: 'Survived', location: at(7, 3) },
      ],
    },
  },
};

const LIST = [
  '# Equivalent mutants',
  '',
  '- `src/a.ts:7:3` EqualityOperator `a > b` — cannot differ here.',
  '- `src/b.ts:9:9` StringLiteral `""` — no longer in the code.',
  '- `src/c.ts:1:1` StringLiteral `""` — a file this run did not mutate.',
  '- src/a.ts: something unreadable',
  '',
].join('\n');

describe('mutation scores', () => {
  it('reads the list of equivalent mutants and names the lines it cannot read', () => {
    const { equivalents, errors } = parseEquivalents(LIST);
    expect(equivalents).toEqual([
      { file: 'src/a.ts', line: 7, column: 3, mutator: 'EqualityOperator', replacement: 'a > b', reason: 'cannot differ here.' },
      { file: 'src/b.ts', line: 9, column: 9, mutator: 'StringLiteral', replacement: '""', reason: 'no longer in the code.' },
      { file: 'src/c.ts', line: 1, column: 1, mutator: 'StringLiteral', replacement: '""', reason: 'a file this run did not mutate.' },
    ]);
    expect(errors).toEqual(['stryker.equivalent.md:6: not of the form "- `file:line:column` Mutator `replacement` — reason".']);
  });

  it('scores each file as Stryker does, then without its listed equivalents; lists the other survivors and stale entries', () => {
    const { equivalents } = parseEquivalents(LIST);
    const { scores, survivors, unused } = scoreReport(REPORT, equivalents);
    expect(scores).toEqual([
      { file: 'src/a.ts', killed: 1, survived: 1, noCoverage: 0, timeout: 0, equivalent: 1, other: 0, raw: 50, score: 100 },
      { file: 'src/b.ts', killed: 1, survived: 1, noCoverage: 1, timeout: 1, equivalent: 0, other: 2, raw: 50, score: 50 },
    ]);
    expect(survivors).toEqual([
      { file: 'src/b.ts', line: 2, column: 5, mutator: 'StringLiteral', replacement: '""', status: 'Survived' },
      { file: 'src/b.ts', line: 3, column: 1, mutator: 'BlockStatement', replacement: '{}', status: 'NoCoverage' },
    ]);
    expect(unused.map((e) => `${e.file}:${e.line}`)).toEqual(['src/b.ts:9']);
  });

  it('writes a table with the threshold judged per file', () => {
    const { scores } = scoreReport(REPORT, parseEquivalents(LIST).equivalents);
    const section = renderSection(scores, '2026-01-01T00:00:00.000Z', 3, [], new Map([['src/b.ts', '40.0 %']]));
    expect(section.split('\n').slice(0, 3)).toEqual(['## Mutation score', '', '_Measured on 2026-01-01T00:00:00.000Z._']);
    expect(section.split('\n').slice(5)).toEqual([
      'Score = (killed + timeout) / (killed + timeout + survived + no coverage − equivalent); the 3 equivalent mutants are listed, with reasons, in stryker.equivalent.md. Threshold: 90 % for every file. "Score before" is the score this section gave the file before this run (— when it had none).',
      '',
      '| file | mutants | killed | timeout | survived | no coverage | equivalent | Stryker score | score before | score |',
      '|---|---|---|---|---|---|---|---|---|---|',
      '| `src/a.ts` | 2 | 1 | 0 | 1 | 0 | 1 | 50.0 % | — | 100.0 % |',
      '| `src/b.ts` | 4 | 1 | 1 | 1 | 1 | 0 | 50.0 % | 40.0 % | **50.0 %** |',
      '',
      '- **MISSED**: 1 of 2 files score under 90 % (`src/b.ts`)',
      '',
    ]);
    expect(renderSection(scores.slice(0, 1), '2026-01-01T00:00:00.000Z', 3)).toContain('\n- **met**: every mutated file scores at least 90 %\n');
    expect(renderSection(scores, 'd', 0, ['tests/core/*.test.ts']).split('\n').slice(2, 5)).toEqual([
      '_Measured on d._',
      '',
      'Tests narrowed by MUTATION_TESTS to `tests/core/*.test.ts`: each score is a lower bound of the full run\'s.',
    ]);
  });

  it('judges per-file runs together: each file as the last report that mutated it has it', () => {
    const killed = { mutatorName: 'StringLiteral', replacement: '""', status: 'Killed', location: at(1, 1) };
    const survived = { ...killed, status: 'Survived' };
    const merged = mergeReports([
      { files: { 'src/a.ts': { mutants: [survived] }, 'src/b.ts': { mutants: [survived] } } },
      { files: { 'src/a.ts': { mutants: [killed, killed] } } },
    ]);
    expect(merged).toEqual({ files: { 'src/a.ts': { mutants: [killed, killed] }, 'src/b.ts': { mutants: [survived] } } });
  });

  it('reads the scores the section last gave, bold or not, to show them beside the new ones', () => {
    const { scores } = scoreReport(REPORT, parseEquivalents(LIST).equivalents);
    const results = ['# Benchmarks', '', '## Other', '', '| `src/z.ts` | 1 | 1 |', '', renderSection(scores, 'd', 3), '## Later', '', '| `src/y.ts` | 9 % |', ''].join('\n');
    expect([...previousScores(results)]).toEqual([
      ['src/a.ts', '100.0 %'],
      ['src/b.ts', '50.0 %'],
    ]);
    expect(previousScores('# Benchmarks\n')).toEqual(new Map());
    expect(renderSection(scores, 'd', 0, [], new Map(), 3).split('\n').slice(4, 6)).toEqual([
      "Judged from 3 Stryker runs, each over a few of the files (`--mutate`); a file's row comes from the last run that mutated it.",
      '',
    ]);
  });
});
