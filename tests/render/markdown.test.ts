import { describe, expect, it } from 'vitest';
import type { ListItem, Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { MARKDOWN_OPTIONS, serialize } from '../../src/render/markdown.js';
import { listMarkdown, paperList } from '../../src/render/lists.js';
import { entryItem, plainEntryLine } from '../../src/render/entry.js';
import type { LoadedPaper } from '../../src/data/load.js';
import type { PaperFile } from '../../src/data/schema.js';
import { plainItem } from '../../src/render/plain-item.js';

/**
 * Both shortcuts in the serialisation of paper lists must give the library's own output: the text
 * handler that tries only the patterns whose character occurs (markdown.ts) and the items written
 * without the serialiser (plain-item.ts). The reference is mdast-util-to-markdown with the same
 * options and its default handlers.
 */
const LIBRARY = { ...MARKDOWN_OPTIONS, handlers: {} };

function library(items: ListItem[]): string {
  const tree: Root = { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: items }] };
  return toMarkdown(tree, LIBRARY).replace(/\n$/, '');
}

function item(title: string, url: string, tail: string): ListItem {
  return {
    type: 'listItem',
    spread: false,
    children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'link', url, children: [{ type: 'text', value: title }] }] }, { type: 'text', value: tail }] }],
  };
}

const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
const OTHER = ['é', '中', 'ß', '\u00a0', '\u2028', '\u200b', '\ufeff', '😀', '\ud800', '\u0085', '\u3000', '“', '’', '—'];
const CHARACTERS = [...ASCII, ...OTHER];

/** Characters that take part in Markdown syntax (every ASCII punctuation mark), and a letter, a digit and a space. */
const PAIRED = [...ASCII.slice(32, 127).filter((c) => !/[A-Za-z0-9]/.test(c)), 'a', 'Z', '1'];

/** Each character alone, at the start, in the middle and at the end of each field, and each pair of PAIRED in the middle. */
function variants(): ListItem[] {
  const base = { title: 'Long Context', url: 'https://arxiv.org/abs/2401.01234', tail: ' Ann Lee, Bo Chen. ICLR, 2024' };
  const out: ListItem[] = [];
  const put = (field: keyof typeof base, piece: string, everywhere = true) => {
    const value = base[field];
    const at = everywhere ? (field === 'tail' ? [1, 5, value.length] : [0, 4, value.length]) : [5];
    for (const i of at) {
      const fields = { ...base, [field]: value.slice(0, i) + piece + value.slice(i) };
      out.push(item(fields.title, fields.url, fields.tail));
    }
    const alone = { ...base, [field]: field === 'tail' ? ` ${piece}` : piece };
    out.push(item(alone.title, alone.url, alone.tail));
  };
  for (const field of ['title', 'url', 'tail'] as const) {
    for (const c of CHARACTERS) put(field, c);
    for (const a of PAIRED) for (const b of PAIRED) put(field, a + b, false);
  }
  return out;
}

describe('serialising paper lists', () => {
  const all = variants();
  const tree: Root = { type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: all }] };
  // The library's output for the whole list, once: two of the tests compare with it.
  let whole: string | undefined;
  const libraryWhole = () => (whole ??= toMarkdown(tree, LIBRARY));

  it('writes an item directly only where the serialiser writes the same line', () => {
    const taken = all.filter((i) => plainItem(i) !== undefined);
    // Most variants are plain text: the shortcut must be taken, or this test checks nothing.
    expect(taken.length).toBeGreaterThan(all.length / 2);
    const lines = library(taken).split('\n');
    expect(lines).toHaveLength(taken.length);
    const differing = taken.flatMap((i, n) => (plainItem(i) === lines[n] ? [] : [`${JSON.stringify(plainItem(i))} vs ${JSON.stringify(lines[n])}`]));
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('leaves markup, whitespace at the end, links written as autolinks and other shapes to the serialiser', () => {
    const url = 'https://x.org/a';
    expect(plainItem(item('Plain Title.', url, ' A B. ICLR, 2024'))).toBe('* **[Plain Title.](https://x.org/a)** A B. ICLR, 2024');
    for (const title of ['A *b*', 'a_b', '[x]', 'a\\b', 'a & b', '<b>', 'a`b', 'a\nb', '']) expect(plainItem(item(title, url, ' 2024'))).toBeUndefined();
    for (const bad of ['https://x.org/a b', 'https://x.org/(a)', 'https://x.org/?a&b', 'https://x.org/<a>', 'https://x.org/a\\b', '']) expect(plainItem(item('T.', bad, ' 2024'))).toBeUndefined();
    for (const tail of ['2024', ' 2024 ', '  2024', ' 2024\t', ' A *B*. 2024']) expect(plainItem(item('T.', url, tail))).toBeUndefined();
    expect(plainItem(item('https://x.org/a', url, ' 2024'))).toBeUndefined();
    const raw: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'html', value: '**[Kept.](https://x.org)** NA' }] }] };
    expect(plainItem(raw)).toBeUndefined();
    const unlinked: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'T.' }] }, { type: 'text', value: ' 2024' }] }] };
    expect(plainItem(unlinked)).toBeUndefined();
  });

  it('gives the library output for a whole list, items written directly or not, in order', () => {
    // Every variant, so plain items and the serialiser's runs alternate in every way.
    expect(listMarkdown(all)).toBe(libraryWhole().trimEnd());
  });

  it('the text handler gives the library output for every variant', () => {
    expect(serialize(tree)).toBe(libraryWhole());
  });
});

describe('a category list made from the papers themselves', () => {
  it('gives the library output for their items, lines written without an item where they can be', () => {
    const papers: PaperFile[] = [
      { title: 'Plain Title', url: 'https://x.org/a', authors: ['Ann Lee', 'Bo Chen'], venue: 'ICLR', year: 2024 },
      { title: 'Asked?', url: 'https://x.org/b', authors: ['Ann Lee'], others: true, year: 2023 },
      { title: 'No Link', authors: ['Zoë Kim'], year: 2022 },
      { title: 'Marked *up*', url: 'https://x.org/c', year: 2021 },
      { title: 'Paren', url: 'https://x.org/(c)', year: 2021 },
      { raw: '**[Kept.](https://x.org)** NA' },
      { title: 'https://x.org/d.', url: 'https://x.org/d.', year: 2020 },
      { title: 'Trailing', url: 'https://x.org/e', venue: 'ICML ', year: 2020 },
      { title: 'Under_score', url: 'https://x.org/f', authors: ['A_B'], year: 2019 },
      { title: '中文 Title', url: 'https://x.org/g?q=1#h', authors: ['李 四'], venue: 'arXiv preprint arXiv:2401.01234', year: 2024 },
      { title: 'Say "Hi."', url: 'https://x.org/i', others: true, year: 2018 },
      { title: 'And So…', url: 'https://x.org/j', year: 2018 },
    ];
    const loaded = papers.map((entry, i) => ({ category: 'c', entry, source: { file: `data/papers/c/${i}.yaml`, absPath: `/x/${i}.yaml` } }) as LoadedPaper);
    const made = paperList('c', loaded, new Map()).value;
    expect(made).toBe(library(papers.map(entryItem)));
    // The shortcut was taken where it can be, and left where it cannot.
    expect(papers.map((p) => plainEntryLine(p) !== undefined)).toEqual([true, true, false, false, false, false, false, true, false, true, true, true]);
    expect(plainEntryLine(papers[0]!)).toBe('* **[Plain Title.](https://x.org/a)** Ann Lee, Bo Chen. ICLR, 2024');
    expect(plainEntryLine(papers[1]!)).toBe('* **[Asked?](https://x.org/b)** Ann Lee, others. 2023');
    // A title that ends a sentence, inside quotes or with an ellipsis, gets no closing period; "others" naming no one is not shown.
    expect(plainEntryLine(papers[10]!)).toBe('* **[Say "Hi."](https://x.org/i)** 2018');
    expect(plainEntryLine(papers[11]!)).toBe('* **[And So…](https://x.org/j)** 2018');
  });
});
