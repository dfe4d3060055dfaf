import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, tempDir, writeFiles } from '../helpers.js';

const paper = (title: string, url: string, year: number, authors: string) =>
  `title: ${JSON.stringify(title)}\nurl: ${url}\n${authors}venue: ICLR\nyear: ${year}\n`;

/** The page's own words for counts, and its titles and authors, built in-process from a small list (no browser). */
describe('build-site: counts, titles and authors', () => {
  it('says "1 paper" for one, ends no title twice, and shows no lone "others"', async () => {
    const dir = tempDir('site-text-');
    writeFiles(dir, {
      'data/categories.yaml': 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n      zh: 甲\n',
      'data/papers/alpha/0010-and-so.yaml': paper('And So…', 'https://example.org/a', 2023, 'others: true\n'),
      'data/papers/alpha/0020-say-hi.yaml': paper('Say "Hi."', 'https://example.org/b', 2024, 'authors:\n  - Ada Lovelace\nothers: true\n'),
      'data/papers/alpha/0030-plain.yaml': paper('Plain', 'https://example.org/c', 2024, 'authors:\n  - Ada Lovelace\n'),
    });
    const run = await runInProcess('build-site', ['--out', 'site'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const html = readFileSync(join(dir, 'site', 'index.html'), 'utf8');
    expect([...html.matchAll(/<title>(Alpha, [^<]*)<\/title>/g)].map((m) => m[1])).toEqual(['Alpha, 2023: 1 paper', 'Alpha, 2024: 2 papers']);
    expect(html).toContain('data-count-one="{n} paper"');
    expect([...html.matchAll(/<li class="paper"[^>]*>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))).toEqual([
      'And So… ICLR, 2023 ',
      'Say "Hi." Ada Lovelace, others. ICLR, 2024 ',
      'Plain. Ada Lovelace. ICLR, 2024 ',
    ]);
    const bib = readFileSync(join(dir, 'site', 'papers.bib'), 'utf8');
    expect(bib.match(/author = \{[^}]*\}/g)).toEqual(['author = {Ada Lovelace and others}', 'author = {Ada Lovelace}']);
  });
});
