import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/data/source.js';

/** The syntax problems of a paper file, as lint-list prints them (line:column message). */
function syntax(text: string): string[] {
  return parseSource('papers/alpha/0010-x.yaml', '/list/data/papers/alpha/0010-x.yaml', text).problems.map(
    (p) => `${p.line}:${p.column} ${p.rule} ${p.message}`,
  );
}

describe('YAML syntax errors in the list\'s words', () => {
  it('says what to do, at the place, for the mistakes contributors make', () => {
    expect(syntax('title: 2021: A Space Odyssey\nyear: 2024\n')).toEqual([
      '1:8 yaml-syntax A value holds ": " where YAML expects a new field; put the value in double quotes.',
    ]);
    expect(syntax('title: A\nyear: 2024\nyear: 2025\n')).toEqual(['3:1 yaml-syntax This field is given a second time in the file; keep one.']);
    expect(syntax('\ttitle: A\n')).toEqual(['1:1 yaml-syntax A tab indents this line; YAML indents with spaces only.']);
    expect(syntax('title: "A \\q"\n')).toEqual([
      '1:11 yaml-syntax A backslash in a double-quoted value starts an escape YAML does not know; write \\\\ for a backslash, or use single quotes.',
    ]);
    expect(syntax('title: "A" B\n')).toEqual([
      '1:12 yaml-syntax Something follows the value where YAML expects the line to end; a value with quotes, ": " or " #" inside it needs double quotes around all of it.',
    ]);
  });

  it('reports a quote never closed where it opens, not where the file ends', () => {
    expect(syntax('title: "Long context\nurl: https://x.org/a\nauthors:\n  - Ann Lee\nyear: 2024\n')).toEqual([
      '1:8 yaml-syntax This double quote (") opens a value that is never closed, so YAML reads the rest of the file into it; end the value with " on this line (a quote inside it is written \\").',
    ]);
    expect(syntax("title: A\nvenue: 'ICLR\nyear: 2024\n")).toEqual([
      "2:8 yaml-syntax This single quote (') opens a value that is never closed, so YAML reads the rest of the file into it; end the value with ' on this line (a quote inside it is written '').",
    ]);
    // Inside a [ … ] list the missing "]" at the end of the file follows from the quote: said once, at the quote.
    expect(syntax('title: A\nauthors: ["Ann Lee", "Bo Li\nyear: 2024\n')).toEqual([
      '2:22 yaml-syntax This double quote (") opens a value that is never closed, so YAML reads the rest of the file into it; end the value with " on this line (a quote inside it is written \\").',
    ]);
    // A lone quote as the last character of the file.
    expect(syntax('title: A\nvenue: "')).toEqual([
      '2:8 yaml-syntax This double quote (") opens a value that is never closed, so YAML reads the rest of the file into it; end the value with " on this line (a quote inside it is written \\").',
    ]);
    // A missing "]" with every quote closed is said where the [ opens, not on the line after it or at the end of the file.
    const bracket = 'yaml-syntax This [ opens a list that is never closed; end it with ] on this line, as in authors: [Ann Lee, Bo Li].';
    expect(syntax('authors: ["Ann Lee", "Bo Li"\n')).toEqual([`1:10 ${bracket}`]);
    expect(syntax('["Ann Lee", "Bo Li"\n')).toEqual([`1:1 ${bracket}`]);
    expect(syntax('title: A\nauthors: [A, B\nyear: 2024\nvenue: X\n')).toEqual([`2:10 ${bracket}`]);
    expect(syntax('title: A\nname: {en: A\nyear: 2024\n')).toEqual([
      '2:7 yaml-syntax This { opens a mapping that is never closed; end it with } on this line, as in name: { en: Alpha }.',
    ]);
  });

  it('says how to write a quote inside a quoted value, which already has its quotes', () => {
    expect(syntax('title: "The "Best" Paper"\nyear: 2024\n')).toEqual([
      '1:13 yaml-syntax This double quote ends the double-quoted value early; a double quote inside a double-quoted value is written \\" (title: "The \\"Best\\" Paper"), or put single quotes around the value.',
    ]);
    expect(syntax("title: 'It's'\n")).toEqual([
      "1:11 yaml-syntax This single quote ends the single-quoted value early; a single quote inside a single-quoted value is written '' (title: 'It''s'), or put double quotes around the value.",
    ]);
  });

  it('says a file nested a thousand levels deep nests too deeply, not that it repeats aliases', () => {
    const deep = 'yaml-syntax The values here nest too deeply to be read: a data file holds fields and flat lists, not lists or mappings inside one another hundreds of levels deep; remove the extra [ or {.';
    const lists = syntax(`title: A\nx: ${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    expect(lists.map((line) => line.replace(/^\d+:\d+ /, ''))).toEqual([deep]);
    const maps = syntax(`title: A\nx: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}\n`);
    expect(maps.map((line) => line.replace(/^\d+:\d+ /, ''))).toEqual([deep]);
  });

  it('never passes on the yaml package\'s own text', () => {
    // Its message here was "Source contains multiple documents; please use YAML.parseAllDocuments()".
    expect(syntax('title: A\n---\ntitle: B\n')).toEqual([
      '2:1 yaml-syntax The file holds more than one YAML document (a "---" line); a data file holds one.',
    ]);
    expect(syntax('title: @A\n')).toEqual(['1:8 yaml-syntax A value cannot start with this character unquoted; put the value in double quotes.']);
  });
});
