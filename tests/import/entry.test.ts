import { describe, expect, it } from 'vitest';
import type { List } from 'mdast';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { parseEntry } from '../../src/import/entry.js';
import { plainEntryLine } from '../../src/render/entry.js';

function entryOf(line: string) {
  const text = `${line}\n`;
  const list = parseMarkdown(text).children[0] as List;
  const parsed = parseEntry(list.children[0]!, text, 'README.md');
  return { entry: parsed.entry, found: parsed.problems.map((p) => `${p.rule}: ${p.message}`) };
}

describe('import-readme: asterisks after the title', () => {
  it('keeps an author whose name holds escaped asterisks, as build-readme writes it', () => {
    // build-readme writes the author "*Ann* Lee" escaped.
    expect(entryOf('* **[A Title.](https://x.org/a)** \\*Ann\\* Lee, Bo Li. ICLR, 2024')).toEqual({
      entry: { title: 'A Title', url: 'https://x.org/a', authors: ['*Ann* Lee', 'Bo Li'], venue: 'ICLR', year: 2024 },
      found: [],
    });
  });

  it('still removes an editor\'s stray "**" between the title and the authors', () => {
    const { entry, found } = entryOf('* **[A Title.](https://x.org/a)**** **Ann Lee. ICLR, 2024');
    expect(entry).toEqual({ title: 'A Title', url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 });
    expect(found).toEqual(['entry-format: Stray "**" between the title and the authors removed.']);
  });
});

describe('import-readme: the self-check against the list\'s own writing', () => {
  it('reports a line written otherwise where the line is written without the serialiser, and keeps a line written as build-readme writes it', () => {
    // Both entries take plainEntryLine's path (a plain title, url and tail): the check must still see the difference.
    expect(plainEntryLine({ title: 'A Title', url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 })).toBe(
      '* **[A Title.](https://x.org/a)** Ann Lee. ICLR, 2024',
    );
    expect(entryOf('* **[A Title.](https://x.org/a)** Ann Lee. ICLR, 2024').found).toEqual([]);
    expect(entryOf('* **[A Title.](<https://x.org/a>)** Ann Lee. ICLR, 2024')).toEqual({
      entry: { title: 'A Title', url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 },
      found: ['entry-format: The entry\'s Markdown differs from the list\'s own writing from here on ("<https://x.o…" becomes "https://x.or…").'],
    });
  });
});
