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

describe('import-readme: stray spaces around an author\'s name', () => {
  function placed(text: string) {
    const list = parseMarkdown(text).children.find((node) => node.type === 'list')!;
    const parsed = parseEntry(list.children[0]!, text, 'README.md');
    return { entry: parsed.entry, found: parsed.problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.severity}: ${p.message}`) };
  }

  it('stores "Zhao,  Feng" as two clean names and says where the extra space stood', () => {
    expect(placed('* **[A Title.](https://x.org/a)** Liang Zhao,  Xiaocheng Feng. arXiv, 2024\n')).toEqual({
      entry: { title: 'A Title', url: 'https://x.org/a', authors: ['Liang Zhao', 'Xiaocheng Feng'], venue: 'arXiv', year: 2024 },
      found: ['1:47 whitespace warning: Field "authors[1]" has leading whitespace.'],
    });
  });

  it('repairs a space before the comma and a doubled space inside a name, on the entry\'s second line', () => {
    expect(placed('Intro.\n\n* **[A Title.](https://x.org/a)** Ann Lee , Bo  Li,  others. ICLR, 2024\n')).toEqual({
      entry: { title: 'A Title', url: 'https://x.org/a', authors: ['Ann Lee', 'Bo Li'], others: true, venue: 'ICLR', year: 2024 },
      found: [
        '3:35 whitespace warning: Field "authors[0]" has trailing whitespace.',
        '3:45 whitespace warning: Field "authors[1]" has doubled whitespace.',
      ],
    });
  });

  it('reads "others" after a doubled space as the list\'s "others", not as a name', () => {
    expect(placed('* **[A Title.](https://x.org/a)** Bo Li,  others. ICLR, 2024\n')).toEqual({
      entry: { title: 'A Title', url: 'https://x.org/a', authors: ['Bo Li'], others: true, venue: 'ICLR', year: 2024 },
      found: ['1:42 entry-format warning: The entry\'s Markdown differs from the list\'s own writing from here on (" others. ICL…" becomes "others. ICLR…").'],
    });
  });

  it('reports a name written with escapes where the authors start', () => {
    expect(placed('* **[A Title.](https://x.org/a)** Bo Li,  \\*Ann\\* Lee. ICLR, 2024\n').found).toEqual([
      '1:34 whitespace warning: Field "authors[1]" has leading whitespace.',
    ]);
  });
});

describe('import-readme: titles that end a sentence', () => {
  it('reads back what build-readme writes for a title ending in an ellipsis or a quoted sentence, with nothing to report', () => {
    for (const title of ['And So...', 'And So…', 'Say "Hi."', 'Fall Short?']) {
      const line = plainEntryLine({ title, url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 })!;
      expect(line).toBe(`* **[${title}](https://x.org/a)** Ann Lee. ICLR, 2024`);
      expect(entryOf(line), title).toEqual({ entry: { title, url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 }, found: [] });
    }
  });

  it('takes the closing period off what an older README wrote after an ellipsis or a quote', () => {
    expect(entryOf('* **[And So….](https://x.org/a)** Ann Lee. ICLR, 2024').entry).toEqual({ title: 'And So…', url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 });
    expect(entryOf('* **[Say "Hi.".](https://x.org/a)** Ann Lee. ICLR, 2024').entry).toEqual({ title: 'Say "Hi."', url: 'https://x.org/a', authors: ['Ann Lee'], venue: 'ICLR', year: 2024 });
  });
});
