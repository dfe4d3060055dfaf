import type { Html, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { LoadedPaper } from '../../src/data/load.js';
import type { Category, PaperFile } from '../../src/data/schema.js';
import { serialize } from '../../src/render/markdown.js';
import { pageParts, pagedSections } from '../../src/render/pages.js';

const notice: Html = { type: 'html', value: '<!-- generated -->' };

function paged(name: string, papers: PaperFile[], budget: number) {
  const categories: Category[] = [{ id: 'c', name: { en: name } }];
  const loaded = papers.map((entry, i) => ({ category: 'c', entry, source: { file: `data/papers/c/${i}.yaml`, absPath: `/x/${i}.yaml` } }) as LoadedPaper);
  return pagedSections(categories, new Map([['c', loaded]]), 'en', 2, new Map(), notice, 'README.md', budget).pages;
}

describe('a page in pieces', () => {
  const papers: PaperFile[] = Array.from({ length: 12 }, (_, i) => ({ title: `Paper *${i}* é`, url: `https://x.org/${i}`, authors: ['Zoë Kim'], year: 2020 + i }));

  it('joins to the page serialised whole, the list a piece of its own, and its pages are those of the whole text', () => {
    const pages = paged('Long Context', papers, 200);
    expect(pages.size).toBeGreaterThan(2);
    for (const [path, page] of pages) {
      const parts = pageParts(page);
      expect(parts, path).toHaveLength(3);
      expect(parts[1]).toBe((page.children.at(-1) as Html).value);
      expect(parts.join('')).toBe(serialize(page));
    }
    // The first page, written out: the list between the navigation and the last line break.
    const first = pageParts(pages.get('pages/en/c.md')!);
    expect(first[0]).toBe('<!-- generated -->\n\n# Long Context (1/' + pages.size + ')\n\nBack to [README.md](../../README.md) · [next page](c-2.md)\n\n');
    expect(first[1]!.startsWith('* **[Paper \\*0\\* é.](https://x.org/0)** Zoë Kim. 2020')).toBe(true);
    expect(first[2]).toBe('\n');
  });

  it('is the page whole when a title holds the mark, or the list is empty or ends a line', () => {
    const marked = paged('A \u0000list\u0000 B', papers, 100_000).get('pages/en/c.md')!;
    expect(pageParts(marked).join('')).toBe(serialize(marked));
    const plain = paged('Long Context', papers, 100_000).get('pages/en/c.md')!;
    const withList = (value: string): Root => ({ ...plain, children: [...plain.children.slice(0, -1), { type: 'html', value }] });
    for (const value of ['', '* a\n', '* a\r', '* a\n\n']) {
      const page = withList(value);
      expect(pageParts(page)).toEqual([serialize(page)]);
    }
  });
});
