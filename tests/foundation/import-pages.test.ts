import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_OPTIONS, importReadme } from '../../src/import/readme.js';

/** A README whose one category's papers are on a page, as build-readme writes it for a large list. */
const README = '# A list\n\n## Paper List\n\n### Memory\n\n150 papers, on their own page: [Memory](pages/en/memory.md)\n';

/** Entry n as build-readme writes it; 150 of them make a page of some 21 kB, which the importer reads in pieces. */
function entry(n: number): string {
  return `* **[Paper number ${n} on long context memory.](https://openreview.net/forum?id=p${n})** Ann Lee, Bo Chen. Proceedings of Some Conference, 2022`;
}

/** The page: build-readme's head (5 lines), then the entry lines; `lines[k]` is line k + 1. */
function page(entries: string[], tail: string[] = []): { text: string; lines: string[] } {
  const lines = ['<!-- This file is generated. -->', '', '# Memory', '', 'Back to [README.md](../../README.md)', '', ...entries, ...tail];
  return { text: `${lines.join('\n')}\n`, lines };
}

function importPage(text: string) {
  return importReadme(README, 'README.md', DEFAULT_IMPORT_OPTIONS, (href) =>
    href === 'pages/en/memory.md' ? { text, file: 'pages/en/memory.md', problems: [] } : { error: 'no such file' },
  );
}

const ENTRIES = Array.from({ length: 150 }, (_, i) => entry(i + 1));

describe('import-readme reads a long page of papers', () => {
  it('imports every entry in order, each with its line on the page, and reports a finding deep in the page at its line and column', () => {
    const entries = [...ENTRIES];
    // Entry 140, on line 146: no closing period after its title.
    entries[139] = '* **[Paper number 140 on long context memory](https://openreview.net/forum?id=p140)** Ann Lee, Bo Chen. Proceedings of Some Conference, 2022';
    const { text, lines } = page(entries);
    expect(text.length).toBeGreaterThan(20_000);
    const imported = importPage(text);
    expect(imported.value.papers).toHaveLength(150);
    expect(imported.value.papers.map((p) => ('title' in p.entry ? p.entry.title : ''))).toEqual(
      Array.from({ length: 150 }, (_, i) => `Paper number ${i + 1} on long context memory`),
    );
    expect(imported.value.papers.map((p) => p.line)).toEqual(Array.from({ length: 150 }, (_, i) => i + 7));
    expect(lines[145]).toContain('number 140 ');
    expect(imported.problems).toEqual([
      { rule: 'entry-format', severity: 'warning', file: 'pages/en/memory.md', line: 146, column: 5, message: 'The title has no closing period; the list adds one.' },
    ]);
  });

  it('reads the same from a page with Windows line endings', () => {
    const entries = [...ENTRIES];
    entries[139] = entries[139]!.replace('memory.](', 'memory](');
    const imported = importPage(page(entries).text.replace(/\n/g, '\r\n'));
    expect(imported.value.papers.map((p) => p.line)).toEqual(Array.from({ length: 150 }, (_, i) => i + 7));
    expect(imported.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['146:5 entry-format']);
  });

  it('keeps entry lines inside a fenced code block out of the papers, however long the block', () => {
    // Entries 901 to 960 (8 kB) in a fence after entry 20: code, not papers.
    const fenced = ['```', ...Array.from({ length: 60 }, (_, i) => entry(901 + i)), '```'];
    const entries = [...ENTRIES.slice(0, 20), ...fenced, ...ENTRIES.slice(20)];
    const imported = importPage(page(entries).text);
    expect(imported.value.papers).toHaveLength(150);
    expect(imported.value.papers.filter((p) => 'title' in p.entry && / 9\d\d /.test(p.entry.title))).toEqual([]);
    // Entry 20 on line 26, the fence on lines 27 to 88, entry 21 on line 89.
    expect(imported.value.papers.map((p) => p.line).slice(19, 21)).toEqual([26, 89]);
    expect(imported.problems).toEqual([]);
  });

  it('keeps entry lines inside an HTML block out of the papers, as a whole page reads', () => {
    // An HTML block runs on to the next blank line: entries 901 to 960 are its text.
    const html = ['<details>', ...Array.from({ length: 60 }, (_, i) => entry(901 + i)), '</details>', ''];
    const imported = importPage(page([...ENTRIES.slice(0, 20), '', ...html, ...ENTRIES.slice(20)]).text);
    expect(imported.value.papers).toHaveLength(150);
    expect(imported.value.papers.filter((p) => 'title' in p.entry && / 9\d\d /.test(p.entry.title))).toEqual([]);
    expect(imported.problems).toEqual([]);
  });

  it('resolves a reference link against a definition far down the page, as a whole page reads', () => {
    const entries = [...ENTRIES];
    // A title linked by reference is a linkReference, which the importer keeps verbatim; unresolved it would be plain bold text without a link.
    entries[2] = '* **[Paper number 3 on long context memory.][three]** Ann Lee, Bo Chen. Proceedings of Some Conference, 2022';
    const imported = importPage(page(entries, ['', '[three]: https://openreview.net/forum?id=p3']).text);
    expect(imported.value.papers).toHaveLength(150);
    expect(imported.problems).toEqual([
      {
        rule: 'unparsed-entry',
        severity: 'error',
        file: 'pages/en/memory.md',
        line: 9,
        column: 1,
        message: 'Entry kept verbatim: it does not start with a bold, linked title. Fix it in its data file.',
      },
    ]);
  });
});
