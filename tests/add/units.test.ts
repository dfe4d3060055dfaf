import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorFields } from '../../src/add/authors.js';
import { categoryChoices, resolveCategory } from '../../src/cli/add-paper-prompt.js';
import { paperFromArxiv } from '../../src/add/from-arxiv.js';
import { nextOrder } from '../../src/add/place.js';
import { newProblems } from '../../src/add/plan.js';
import { readmeLine } from '../../src/add/readme-line.js';
import { cleanText, listTitle, mathToText } from '../../src/add/clean-text.js';
import type { Problem } from '../../src/core/problem.js';
import { parseArxivAtom } from '../../src/links/atom.js';
import { titleKey } from '../../src/lint/normalize.js';
import { FIXTURES } from './helpers.js';

const record = (name: string) => parseArxivAtom(readFileSync(join(FIXTURES, 'arxiv', name), 'utf8')).entries[0]!;

describe('titles and text', () => {
  it('folds whitespace and line breaks, and drops one closing period', () => {
    expect(listTitle('Sliding  Windows\n   Are Not Enough.')).toBe('Sliding Windows Are Not Enough');
    expect(listTitle('Wait for it...')).toBe('Wait for it...');
    expect(listTitle('Done. ')).toBe('Done');
  });

  it('turns inline math with a plain form into text and leaves the rest for lint', () => {
    expect(mathToText(String.raw`$\infty$Bench`)).toBe('∞Bench');
    expect(mathToText(String.raw`$O(n^{2})$ and $x_1$ and $\text{Memory}^3$`)).toBe('O(n²) and x₁ and Memory³');
    expect(mathToText(String.raw`LLM$\times$MapReduce in $\sim$1B`)).toBe('LLM×MapReduce in ∼1B');
    expect(mathToText(String.raw`$\mathcal{O}(n)$`)).toBe(String.raw`$\mathcal{O}(n)$`);
  });

  it('converts accents, escapes and text commands the way lint does', () => {
    expect(cleanText(String.raw`Schr\"odinger's \textit{Na\"ive} 2\% Cat`)).toBe("Schrödinger's Naïve 2% Cat");
    expect(cleanText('zero\u200Bwidth')).toBe('zerowidth');
  });

  it('keeps ten authors, then "others"', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Author ${i + 1}`);
    expect(authorFields(names)).toEqual({ authors: names.slice(0, 10), others: true });
    expect(authorFields(names.slice(0, 10))).toEqual({ authors: names.slice(0, 10) });
    expect(authorFields(['A'], true)).toEqual({ authors: ['A'], others: true });
    expect(authorFields([])).toEqual({});
  });
});

describe('arXiv records to entries', () => {
  it('maps every field, journal reference first, first version for the year', () => {
    expect(paperFromArxiv(record('2412.01004.xml'))).toEqual({
      title: 'Retrieval Heads Revisited',
      url: 'https://arxiv.org/abs/2412.01004',
      authors: ['Grace Hopper', 'Alan Turing'],
      venue: 'Transactions on Machine Learning Research, 2025',
      year: 2024,
      arxiv: '2412.01004',
    });
    expect(paperFromArxiv(record('2503.01001.xml')).authors).toEqual(['Ada Lovelace']);
  });

  it('renders the README line as build-readme does', () => {
    expect(readmeLine(paperFromArxiv(record('2503.01002.xml')))).toBe(
      '* **[Twelve Authors Pretrain a 1M-Token Context Model.](https://arxiv.org/abs/2503.01002)** Wei Zhang, Li Na, Omar Haddad, Sofia Rossi, Kenji Tanaka, Priya Raman, Lukas Müller, Chloé Martin, Diego Alvarez, Hana Kim, others. arXiv preprint arXiv:2503.01002, 2025',
    );
  });

  it('folds titles as the duplicate-title rule does', () => {
    // add-paper compares through lint's own views; this pins the folding it relies on.
    expect(titleKey('Lost in the Middle: How Language Models Use Long Contexts')).toBe(titleKey('lost in the middle -- how language models use long-contexts.'));
  });
});

describe('placement and categories', () => {
  it('numbers a new file ten after the highest in the folder', () => {
    expect(nextOrder(['0010-a.yaml', '0370-b.yaml', '0020-c.yaml', 'notes.txt'])).toBe(380);
    expect(nextOrder([])).toBe(10);
  });

  it('takes a category by id or by its number in the list', () => {
    const choices = categoryChoices([{ id: 'a', name: { en: 'A' }, children: [{ id: 'b', name: { en: 'B' } }] }, { id: 'c', name: { en: 'C' } }]);
    expect(choices).toEqual([
      { id: 'a', name: 'A', depth: 0 },
      { id: 'b', name: 'B', depth: 1 },
      { id: 'c', name: 'C', depth: 0 },
    ]);
    expect(['2', 'c', ' a ', '0', '4', 'd'].map((answer) => resolveCategory(answer, choices))).toEqual(['b', 'c', 'a', undefined, undefined, undefined]);
  });

  it('counts only the problems an addition brings', () => {
    const p = (line: number): Problem => ({ rule: 'whitespace', severity: 'warning', file: 'f', line, column: 1, message: 'm' });
    expect(newProblems([p(1), p(2)], [p(1), p(2), p(2), p(3)])).toEqual([p(2), p(3)]);
  });
});
