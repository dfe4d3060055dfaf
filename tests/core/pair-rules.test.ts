import { describe, expect, it } from 'vitest';
import type { PaperFile } from '../../src/data/schema.js';
import { among, arxivPath, countBy, duplicateArxivId, times } from '../../src/lint/rules/duplicate-arxiv-id.js';
import { duplicateTitle } from '../../src/lint/rules/duplicate-title.js';
import { duplicateUrl } from '../../src/lint/rules/duplicate-url.js';
import { urlTitleConflict } from '../../src/lint/rules/url-title-conflict.js';
import { buildViews } from '../../src/lint/normalize.js';
import { findingsOf, paperAt } from './lint-context.js';

/**
 * The four rules over related pairs (issue 15): each reports the pairs normalize.ts gives it, on the
 * later entry, at the field that makes the pair, with the other entry's place and the number of copies.
 * Papers are written key by key as given, so `title` is line 1, the next key line 2, and so on.
 */

const at = (file: string, entry: PaperFile) => paperAt(`papers/alpha/${file}`, entry);
const line = (f: { file: string; line: number; column: number; rule: string; message: string }) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`;

describe('duplicate-arxiv-id', () => {
  it('reports one id under two titles at the arxiv field, naming the URL of the other and its title', () => {
    const papers = [
      at('1.yaml', { title: 'Data-Efficient Long Context', url: 'https://arxiv.org/abs/2402.08268', year: 2024 }),
      at('2.yaml', { title: 'Another Title', url: 'https://example.org/x', year: 2024, arxiv: '2402.08268' }),
      // A pair of another rule is not this one's.
      at('3.yaml', { title: 'Another Title', year: 2024 }),
    ];
    expect(findingsOf(duplicateArxivId, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:4:8 duplicate-arxiv-id arXiv 2402.08268 is listed twice: here and at papers/alpha/1.yaml:2 under another title ("Data-Efficient Long Context"); keep one entry, under the title arXiv gives.',
    ]);
  });

  it('reports one id under one title at the URL, naming the venue of the other', () => {
    const papers = [
      at('1.yaml', { title: 'Same Paper', venue: 'arXiv preprint arXiv:2402.08268', year: 2024 }),
      at('2.yaml', { title: 'same paper.', url: 'https://arxiv.org/pdf/2402.08268', year: 2024 }),
    ];
    expect(findingsOf(duplicateArxivId, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:2:6 duplicate-arxiv-id arXiv 2402.08268 is listed twice: here and at papers/alpha/1.yaml:2; keep one entry.',
    ]);
  });

  it('reports every pair of three copies, each saying there are others', () => {
    const papers = [
      at('1.yaml', { title: 'Same', url: 'https://arxiv.org/abs/2402.08268', year: 2024 }),
      at('2.yaml', { title: 'Same', year: 2024, arxiv: '2402.08268' }),
      at('3.yaml', { title: 'Same', venue: 'arXiv:2402.08268', year: 2024 }),
      at('4.yaml', { title: 'Unrelated', url: 'https://example.org/u', year: 2024 }),
    ];
    expect(findingsOf(duplicateArxivId, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:3:8 duplicate-arxiv-id arXiv 2402.08268 is listed 3 times: here and at papers/alpha/1.yaml:2, among others; keep one entry.',
      'papers/alpha/3.yaml:2:8 duplicate-arxiv-id arXiv 2402.08268 is listed 3 times: here and at papers/alpha/1.yaml:2, among others; keep one entry.',
      'papers/alpha/3.yaml:2:8 duplicate-arxiv-id arXiv 2402.08268 is listed 3 times: here and at papers/alpha/2.yaml:3, among others; keep one entry.',
    ]);
  });

  it('says where an entry names its id: the arXiv link, else the arxiv field, else the venue', () => {
    const { papers: views } = buildViews([
      at('1.yaml', { title: 'A', url: 'https://arxiv.org/abs/2402.08268', year: 2024, arxiv: '2402.08268' }),
      at('2.yaml', { title: 'B', url: 'https://example.org/b', year: 2024, arxiv: '2402.08268' }),
      at('3.yaml', { title: 'C', url: 'https://example.org/c', venue: 'arXiv:2402.08268', year: 2024 }),
    ]);
    expect(views.map(arxivPath)).toEqual([['url'], ['arxiv'], ['venue']]);
  });

  it('counts the copies of each key, leaving out entries without one', () => {
    const { papers: views } = buildViews([
      at('1.yaml', { title: 'A', year: 2024, arxiv: '2402.08268' }),
      at('2.yaml', { title: 'B', year: 2024 }),
      at('3.yaml', { title: 'C', year: 2024, arxiv: '2402.08268' }),
      at('4.yaml', { title: 'D', year: 2024, arxiv: '2311.12351' }),
      at('5.yaml', { title: 'E', year: 2024, arxiv: '2402.08268' }),
    ]);
    expect([...countBy(views, (view) => view.arxivId)]).toEqual([
      ['2402.08268', 3],
      ['2311.12351', 1],
    ]);
  });

  it.each<[number, string, string]>([
    [2, 'twice', ''],
    [3, '3 times', ', among others'],
    [12, '12 times', ', among others'],
  ])('%i copies: "%s" and "%s"', (n, said, others) => {
    expect(times(n)).toBe(said);
    expect(among(n)).toBe(others);
  });
});

describe('duplicate-url', () => {
  it('reports one link under one title at the URL, with the number of copies; other pairs are not its', () => {
    const papers = [
      at('1.yaml', { title: 'Same Model', url: 'https://www.example.org/model/', year: 2024 }),
      at('2.yaml', { title: 'Same model', url: 'http://example.org/model#card', year: 2024 }),
      at('3.yaml', { title: 'Other Model', url: 'https://example.org/model', year: 2024 }),
      at('4.yaml', { title: 'Same Model', url: 'https://example.org/elsewhere', year: 2024 }),
    ];
    expect(findingsOf(duplicateUrl, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:2:6 duplicate-url http://example.org/model#card is listed 3 times: here and at papers/alpha/1.yaml:2, among others; keep one entry.',
    ]);
  });

  it('says "twice" for two copies', () => {
    const papers = [
      at('1.yaml', { title: 'Same', url: 'https://example.org/a', year: 2024 }),
      at('2.yaml', { title: 'Same', url: 'https://example.org/a/', year: 2024 }),
    ];
    expect(findingsOf(duplicateUrl, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:2:6 duplicate-url https://example.org/a/ is listed twice: here and at papers/alpha/1.yaml:2; keep one entry.',
    ]);
  });
});

describe('url-title-conflict', () => {
  it('reports one link under two titles at the URL, quoting the other title; other pairs are not its', () => {
    const papers = [
      at('1.yaml', { title: 'One Model', url: 'https://example.org/m#card', year: 2024 }),
      at('2.yaml', { title: 'Another Model', url: 'https://example.org/m/#card', year: 2024 }),
      at('3.yaml', { title: 'One Model', url: 'https://example.org/elsewhere', year: 2024 }),
    ];
    expect(findingsOf(urlTitleConflict, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:2:6 url-title-conflict https://example.org/m/#card is also listed at papers/alpha/1.yaml:2 under another title ("One Model"); one of the two points at the wrong paper.',
    ]);
  });
});

describe('duplicate-title', () => {
  it('reports one title under two links at the title, naming the other link, or none when it has none', () => {
    const papers = [
      // The title on line 2: the other place named is the title's, not the entry's.
      at('1.yaml', { url: 'https://example.org/preprint', title: 'A Paper', year: 2023 }),
      at('2.yaml', { title: 'A paper.', url: 'https://example.org/published', year: 2024 }),
      at('3.yaml', { title: 'Lone Paper', year: 2024 }),
      at('4.yaml', { title: 'lone-paper', url: 'https://example.org/lone', year: 2024 }),
      // Same link: duplicate-url's, not this rule's.
      at('5.yaml', { title: 'A Paper', url: 'https://example.org/preprint', year: 2023 }),
    ];
    expect(findingsOf(duplicateTitle, papers).map(line)).toEqual([
      'papers/alpha/2.yaml:1:8 duplicate-title The same title is listed at papers/alpha/1.yaml:2 with another link (https://example.org/preprint); keep one entry, e.g. the published version.',
      'papers/alpha/4.yaml:1:8 duplicate-title The same title is listed at papers/alpha/3.yaml:1; keep one entry, e.g. the published version.',
      'papers/alpha/5.yaml:1:8 duplicate-title The same title is listed at papers/alpha/2.yaml:1 with another link (https://example.org/published); keep one entry, e.g. the published version.',
    ]);
  });
});
