import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { isWellNamedEntryFile } from '../../src/data/file-name.js';
import { ROOT, tempDir, writeFiles } from '../helpers.js';

describe('file-name', () => {
  it('says what is wrong with each name and the name add-paper would give', async () => {
    const dir = join(ROOT, 'tests', 'fixtures', 'lint', 'file-name', 'fail');
    const result = await lintDataDir(dir, { cwd: dir, now: new Date('2025-06-01T12:00:00Z') });
    expect(result.problems.map(({ file, severity, message }) => `${severity} ${file}: ${message}`)).toEqual([
      'warning papers/alpha/0590-CAPS_Name.yaml: File name "0590-CAPS_Name.yaml" is not "<number>-<words>.yaml" as the list names papers (the words after the number are not lower-case letters and digits joined by single hyphens); rename it "0590-caps-underscores-a-study.yaml", the name add-paper would give it.',
      'warning papers/alpha/0600--taken.yaml: File name "0600--taken.yaml" is not "<number>-<words>.yaml" as the list names papers (the words after the number are not lower-case letters and digits joined by single hyphens); rename it "0600-taken-a-b-c-d-e-2.yaml", the name add-paper would give it.',
      'warning papers/alpha/590-short.yaml: File name "590-short.yaml" is not "<number>-<words>.yaml" as the list names papers (its number "590" has fewer than 4 digits); rename it "0590-short-number.yaml", the name add-paper would give it.',
      'warning papers/alpha/My Paper.yaml: File name "My Paper.yaml" is not "<number>-<words>.yaml" as the list names papers (it starts with no number, so the paper sorts after every numbered one of its folder); rename it "0610-my-paper-on-long-context.yaml", the name add-paper would give it.',
    ]);
  });

  it('never tells two files of a folder the same name', async () => {
    const dir = tempDir('file-name-');
    const paper = (url: string) => `title: "Same Title"\nurl: https://example.org/${url}\nauthors:\n  - "Ada Lovelace"\nyear: 2024\n`;
    writeFiles(dir, {
      'categories.yaml': 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n',
      'papers/alpha/0010-first.yaml': paper('1'),
      'papers/alpha/Same Title.yaml': paper('2'),
      'papers/alpha/same title copy.yaml': paper('3'),
      'papers/alpha/590-same.yaml': paper('4'),
      'papers/alpha/0590-Same.yaml': paper('5'),
    });
    const result = await lintDataDir(dir, { cwd: dir, now: new Date('2025-06-01T12:00:00Z') });
    expect(result.problems.filter((p) => p.rule === 'file-name').map(({ file, message }) => `${file}: ${message.replace(/^.*; rename it /, '')}`).sort()).toEqual([
      'papers/alpha/0590-Same.yaml: "0590-same-title.yaml", the name add-paper would give it.',
      'papers/alpha/590-same.yaml: "0590-same-title-2.yaml", the name add-paper would give it.',
      'papers/alpha/Same Title.yaml: "0600-same-title.yaml", the name add-paper would give it.',
      'papers/alpha/same title copy.yaml: "0610-same-title.yaml", the name add-paper would give it.',
    ]);
  });

  it.each([
    ['0010-a.yaml', true],
    ['0585-long-context-2.yaml', true],
    ['10000-a.yaml', true],
    ['0000-a.yaml', true],
    ['010-a.yaml', false],
    ['000010-a.yaml', true],
    ['0010-.yaml', false],
    ['0010-a-.yaml', false],
    ['0010-a--b.yaml', false],
    ['0010-A.yaml', false],
    ['0010-a_b.yaml', false],
    ['0010-é.yaml', false],
    ['0010 a.yaml', false],
    ['a.yaml', false],
  ])('%s: %s', (name, ok) => {
    expect(isWellNamedEntryFile(name)).toBe(ok);
  });
});
