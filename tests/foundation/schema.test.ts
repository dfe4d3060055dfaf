import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/cli/schema.js';
import { loadData } from '../../src/data/load.js';
import { ROOT, tempDir } from '../helpers.js';

function dataDir(paper: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'categories.yaml'), 'categories:\n  - id: evaluation\n    name: { en: Evaluation, zh: 评测 }\n');
  mkdirSync(join(dir, 'papers', 'evaluation'), { recursive: true });
  writeFileSync(join(dir, 'papers', 'evaluation', '0010-x.yaml'), paper);
  return dir;
}

describe('schemas', () => {
  it('publishes JSON Schemas generated from the zod schemas, committed and current', () => {
    for (const [name, text] of jsonSchemas()) {
      expect(readFileSync(join(ROOT, 'schema', name), 'utf8'), name).toBe(text);
    }
  });

  it('points every data file at its JSON Schema', () => {
    expect(readFileSync(join(ROOT, 'data', 'categories.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/categories\.schema\.json\n/);
    expect(readFileSync(join(ROOT, 'data', 'news.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/news\.schema\.json\n/);
    // Paper files: what CONTRIBUTING tells a contributor to write starts with the line. The shipped papers
    // are not read here: a paper without the comment is still valid (lint-list passes it), and a test must
    // not fail because a contributor added one. The fixture list, copied from data/, keeps the convention.
    const modeline = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n';
    const contributing = readFileSync(join(ROOT, '.github', 'CONTRIBUTING.md'), 'utf8');
    expect(contributing).toContain('```yaml\n   ' + modeline);
    const papers = join(ROOT, 'tests', 'fixtures', 'list', 'data', 'papers');
    const files = readdirSync(papers).flatMap((category) => readdirSync(join(papers, category)).map((name) => join(category, name)));
    expect(files.length).toBe(64);
    const without = files.filter((file) => !readFileSync(join(papers, file), 'utf8').startsWith(modeline));
    expect(without).toEqual([]);
  });

  it('names file, line, column and field in one plain sentence, with the field\'s own rule', () => {
    const dir = dataDir('title: A paper\nurl: javascript:alert(1)\nyear: NA\nvenu: typo\n');
    const { problems } = loadData(dir, dir);
    expect(problems).toEqual([
      { rule: 'url-scheme', severity: 'error', file: 'papers/evaluation/0010-x.yaml', line: 2, column: 6, message: 'Field "url" must be an https: or http: URL without spaces, but is "javascript:alert(1)".' },
      { rule: 'year', severity: 'error', file: 'papers/evaluation/0010-x.yaml', line: 3, column: 7, message: 'Field "year" must be a number, but is "NA".' },
      { rule: 'schema', severity: 'error', file: 'papers/evaluation/0010-x.yaml', line: 4, column: 1, message: 'The entry has unknown field "venu"; check the spelling.' },
    ]);
  });

  it('reports a missing field at the entry and YAML syntax errors at their place', () => {
    const missing = dataDir('title: A paper\nurl: https://x.org\n');
    expect(loadData(missing, missing).problems).toEqual([
      { rule: 'year', severity: 'error', file: 'papers/evaluation/0010-x.yaml', line: 1, column: 1, message: 'Field "year" is missing.' },
    ]);
    const broken = dataDir('title: A paper\nauthors: [a, b\nyear: 2024\n');
    const problems = loadData(broken, broken).problems;
    // Where the [ opens, not on the line after it.
    expect(problems.map((p) => [p.rule, p.file, p.line, p.column, p.message])).toEqual([
      ['yaml-syntax', 'papers/evaluation/0010-x.yaml', 2, 10, 'This [ opens a list that is never closed; end it with ] on this line, as in authors: [Ann Lee, Bo Li].'],
    ]);
  });
});
