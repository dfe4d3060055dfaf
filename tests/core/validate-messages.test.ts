import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSource } from '../../src/data/source.js';
import { validate } from '../../src/data/validate.js';

/**
 * validate(): every zod failure becomes a problem in the project's words, naming the field by its
 * path (authors[0]), showing the value found, and pointing at its line and column.
 */

const Entry = z.strictObject({
  title: z.string().min(1, 'must not be empty'),
  authors: z.array(z.string().min(1, 'must not be empty')).optional(),
  others: z.literal(true).optional(),
  kind: z.enum(['paper', 'talk']).optional(),
  count: z.int().optional(),
  year: z.number().min(1950, 'must be 1950 or later').optional(),
  url: z.string().regex(/^https:/, 'must be an https: URL').optional(),
  grid: z.array(z.array(z.number())).optional(),
  exceptions: z.array(z.strictObject({ rule: z.string(), reason: z.string() })).optional(),
  // A `year` holding a `url`: the rule follows the last named key of the path.
  nested: z.strictObject({ url: z.string().regex(/^https:/, 'must be an https: URL') }).optional(),
});

function check(text: string, schema: z.ZodType = Entry, data?: unknown) {
  const { source, problems } = parseSource('papers/x.yaml', '/abs/papers/x.yaml', text);
  expect(problems).toEqual([]);
  return data === undefined ? validate(schema, source) : validate(schema, source, data);
}

/** The messages alone, each with its rule, line and column. */
function findings(text: string, schema: z.ZodType = Entry): string[] {
  return check(text, schema).problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`);
}


describe('validate: values and problems', () => {
  it('gives the value and no problem when the data fits, reading the document itself by default', () => {
    const ok = z.strictObject({ title: z.string(), authors: z.array(z.string()) });
    const text = 'title: T\nauthors: &a\n  - A\n';
    expect(check(text, ok)).toEqual({ value: { title: 'T', authors: ['A'] }, problems: [] });
  });

  it('checks the data it is given instead of the document when given some', () => {
    const ok = z.strictObject({ title: z.string() });
    expect(check('title: from the file\n', ok, { title: 'given' })).toEqual({ value: { title: 'given' }, problems: [] });
  });

  it('gives no value and full problems (rule, severity, file, line, column, message) when it does not fit', () => {
    expect(check('title: ""\n')).toEqual({
      value: undefined,
      problems: [
        { rule: 'schema', severity: 'error', file: 'papers/x.yaml', line: 1, column: 8, message: 'Field "title" must not be empty, but is "".' },
      ],
    });
  });
});

describe('validate: messages', () => {
  it('names list items by index: authors[0], grid[1][0], exceptions[0].reason', () => {
    const text = ['title: T', 'authors:', '  - ""', 'grid:', '  - [1]', '  - ["x"]', 'exceptions:', '  - rule: r', '    reason: 5', ''].join('\n');
    expect(findings(text)).toEqual([
      '3:5 schema Field "authors[0]" must not be empty, but is "".',
      '6:6 schema Field "grid[1][0]" must be a number, but is "x".',
      '9:13 schema Field "exceptions[0].reason" must be text, but 5 without quotes is read as a number; write it in quotes: reason: "5".',
    ]);
  });

  it('says "is missing" for an absent or empty field, and "The file is empty." for nothing at all', () => {
    expect(findings('authors: []\n')).toEqual(['1:1 schema Field "title" is missing.']);
    expect(findings('title:\n')).toEqual(['1:7 schema Field "title" is missing.']);
    expect(findings('')).toEqual(['1:1 schema The file is empty.']);
  });

  it('shows the value found: text quoted, a list, a mapping, a number, a boolean', () => {
    expect(findings('title: [a, b]\n')).toEqual(['1:8 schema Field "title" must be a string, but is a list.']);
    expect(findings('title: {a: 1}\n')).toEqual(['1:8 schema Field "title" must be a string, but is a mapping.']);
    // A number or yes/no where text belongs: the text as written, in quotes (YAML reads 2401.10000 as 2401.1).
    expect(findings('title: 12\n')).toEqual(['1:8 schema Field "title" must be text, but 12 without quotes is read as a number; write it in quotes: title: "12".']);
    expect(findings('title: 2401.10000\n')).toEqual([
      '1:8 schema Field "title" must be text, but 2401.10000 without quotes is read as a number; write it in quotes: title: "2401.10000".',
    ]);
    expect(findings('title: T\nauthors: [Ann, 2024]\n')).toEqual([
      '2:16 schema Field "authors[1]" must be text, but 2024 without quotes is read as a number; write it in quotes: "2024".',
    ]);
    expect(findings('title: !!binary aGVsbG8=\n')).toEqual(['1:17 schema Field "title" must be a string, but is binary data.']);
    expect(findings('title: !!timestamp 2025-01-01\n')).toEqual(['1:20 schema Field "title" must be a string, but is a date.']);
    expect(findings('title: true\n')).toEqual(['1:8 schema Field "title" must be text, but true without quotes is read as a yes/no value; write it in quotes: title: "true".']);
    expect(findings('title: T\nauthors: A\n')).toEqual(['2:10 schema Field "authors" must be a list, but is "A".']);
    expect(findings('- a\n')).toEqual(['1:1 schema The file must be a mapping, but is a list.']);
  });

  it('shows a long text cut to 57 characters and "...", and text of 60 characters whole', () => {
    const sixty = 'x'.repeat(60);
    const long = `${'y'.repeat(57)}zzzz`;
    expect(findings(`title: T\nurl: ${sixty}\n`)).toEqual([`2:6 url-scheme Field "url" must be an https: URL, but is "${sixty}".`]);
    expect(findings(`title: T\nurl: ${long}\n`)).toEqual([`2:6 url-scheme Field "url" must be an https: URL, but is "${'y'.repeat(57)}...".`]);
  });

  it('uses "an" before a vowel and "a" before a consonant', () => {
    // zod's own word for it is "int".
    expect(findings('title: T\ncount: 1.5\n')).toEqual(['2:8 schema Field "count" must be a whole number, but is 1.5.']);
    expect(findings('title: T\nyear: "2024"\n')).toEqual(['2:7 year Field "year" must be a number, but is "2024".']);
  });

  it('lists the allowed values of a choice, and shows "nothing" or "empty" for a missing or empty one', () => {
    expect(findings('title: T\nkind: poster\n')).toEqual(['2:7 schema Field "kind" must be "paper" or "talk", but is "poster".']);
    expect(findings('title: T\nothers: false\n')).toEqual(['2:9 schema Field "others" must be true, but is false.']);
    expect(findings('title: T\nothers:\n')).toEqual(['2:8 schema Field "others" must be true, but is empty.']);
    const missing = check('title: T\n', z.strictObject({ title: z.string(), others: z.literal(true) })).problems;
    expect(missing.map((p) => p.message)).toEqual(['Field "others" must be true, but is nothing.']);
  });

  it('names one unknown field, or several in the plural, of the entry or of a nested mapping, where the (first) one is written', () => {
    expect(findings('title: T\nnote2: x\n')).toEqual(['2:1 schema The entry has unknown field "note2"; check the spelling.']);
    expect(findings('title: T\nnote2: x\nauthor: A\n')).toEqual([
      '2:1 schema The entry has unknown fields "note2", "author"; check the spelling.',
    ]);
    expect(findings('title: T\nexceptions:\n  - rule: r\n    reason: because\n    why: x\n')).toEqual([
      '5:5 schema Field "exceptions[0]" has unknown field "why"; check the spelling.',
    ]);
  });

  it('adds the value to other failures when there is one, and nothing when the field is absent', () => {
    // `note` is refined to fail whatever it holds, even when it holds nothing.
    const noted = z.strictObject({ title: z.string(), note: z.string().optional().refine(() => false, 'is never right') });
    expect(findings('title: T\nnote: hello\n', noted)).toEqual(['2:7 schema Field "note" is never right, but is "hello".']);
    const absent = check('title: T\n', noted, { title: 'T', note: undefined }).problems;
    expect(absent.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['1:1 Field "note" is never right.']);
  });

  it('files a failure under the rule of the last named field on its path: year, url-scheme, else schema', () => {
    expect(findings('title: T\nyear: 1900\n')).toEqual(['2:7 year Field "year" must be 1950 or later, but is 1900.']);
    expect(findings('title: T\nurl: http://x\n')).toEqual(['2:6 url-scheme Field "url" must be an https: URL, but is "http://x".']);
    expect(findings('title: T\nnested:\n  url: http://x\n')).toEqual(['3:8 url-scheme Field "nested.url" must be an https: URL, but is "http://x".']);
    // An item of a list named `url` is still a URL: the rule skips the index to the field's name.
    const urls = z.strictObject({ url: z.array(z.string().regex(/^https:/, 'must be an https: URL')) });
    expect(findings('url:\n  - http://x\n', urls)).toEqual(['2:5 url-scheme Field "url[0]" must be an https: URL, but is "http://x".']);
    const yearOfUrl = z.strictObject({ url: z.strictObject({ year: z.number() }) });
    expect(findings('url:\n  year: x\n', yearOfUrl)).toEqual(['2:9 year Field "url.year" must be a number, but is "x".']);
  });
});
