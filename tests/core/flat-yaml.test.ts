import { isDeepStrictEqual } from 'node:util';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readFlatYaml } from '../../src/data/flat-yaml.js';
import { paperYaml } from '../../src/import/paper-yaml.js';

/** js-yaml's reading, as parse.ts asks for it; the thrown error when it refuses the text. */
function jsYaml(text: string): { value: unknown } | { error: true } {
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { error: true };
  }
}

const HEAD = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n\n';

describe('readFlatYaml on the shapes the writers give', () => {
  it('reads a paper file with plain, quoted and listed values', () => {
    const text =
      HEAD +
      'title: "Efficient Attention: Attention with Linear Complexities"\n' +
      'url: https://arxiv.org/abs/1812.01243\n' +
      'authors:\n' +
      '  - Shen Zhuoran\n' +
      '  - "Zoë Liu"\n' +
      "  - 'Mr \"Q\"'\n" +
      'others: true\n' +
      'venue: 2021 IEEE Winter Conference on Applications of Computer Vision (WACV), 3530–3538\n' +
      'year: 2021\n' +
      'arxiv: "1812.01243"\n';
    expect(readFlatYaml(text)).toStrictEqual({
      title: 'Efficient Attention: Attention with Linear Complexities',
      url: 'https://arxiv.org/abs/1812.01243',
      authors: ['Shen Zhuoran', 'Zoë Liu', 'Mr "Q"'],
      others: true,
      venue: '2021 IEEE Winter Conference on Applications of Computer Vision (WACV), 3530–3538',
      year: 2021,
      arxiv: '1812.01243',
    });
  });

  it('reads the two escapes the writers use, list items at column 0, and a file without a final line break', () => {
    expect(readFlatYaml('title: "A \\"quoted\\" word and a \\\\ backslash"\nauthors:\n- A\n- B\nyear: 0')).toStrictEqual({
      title: 'A "quoted" word and a \\ backslash',
      authors: ['A', 'B'],
      year: 0,
    });
  });

  it('reads what paperYaml writes, field for field', () => {
    const entries = [
      { title: 'Plain title', url: 'https://example.org/a?b=c&d=e', authors: ['A B', 'C: D', 'E #F', "O'Neil"], venue: 'NeurIPS', year: 2024 },
      { title: 'Say "hi"', authors: ['true', '中文 作者', '-'], others: true as const, venue: '13th OSDI, 578–594', year: 2018, arxiv: '1802.04799' },
      { title: 'Both \' and " in it', authors: ['back\\slash'], year: 1999 },
    ];
    for (const entry of entries) {
      const text = paperYaml(entry, '../../../schema/paper.schema.json');
      expect(readFlatYaml(text), text).toStrictEqual(entry);
    }
    // Plain words a number or an indicator might start: js-yaml's to read ("1st" could be 1e3's kin, "-dash" -1's).
    expect(readFlatYaml(paperYaml({ title: 'T', authors: ['1st'], year: 2000 }, 'x.json'))).toBeUndefined();
    expect(readFlatYaml(paperYaml({ title: 'T', authors: ['-dash'], year: 2000 }, 'x.json'))).toBeUndefined();
  });
});

describe('readFlatYaml leaves to js-yaml what it is not sure of', () => {
  const cases: [string, string][] = [
    ['a null value (key with no item)', 'title: A\nauthors:\nyear: 2020\n'],
    ['a repeated key', 'title: A\ntitle: B\n'],
    ['a comment after the first key', 'title: A\n# note\nyear: 2020\n'],
    ['a trailing comment', 'title: A # note\n'],
    ['a nested map in a list', 'exceptions:\n  - rule: missing-url\n    reason: none could be verified\n'],
    ['items at two indents', 'authors:\n  - A\n    - B\n'],
    ['a continued plain scalar', 'title: A long\n  title\n'],
    ['a blank line inside a list', 'authors:\n  - A\n\n  - B\n'],
    ['an escape other than \\" and \\\\', 'title: "line\\nbreak"\n'],
    ['a carriage return', 'title: A\r\nyear: 2020\r\n'],
    ['a tab', 'title:\tA\n'],
    ['a byte order mark', '\ufefftitle: A\n'],
    ['a document marker', '---\ntitle: A\n'],
    ['a hex number', 'year: 0x7e8\n'],
    ['a float', 'arxiv: 2403.12766\n'],
    ['null', 'venue: null\n'],
    ['a tag', 'year: !!str 2020\n'],
    ['a flow list', 'authors: [A, B]\n'],
    ['a key with a space', 'the title: A\n'],
    ['a key js-yaml reads as a boolean', 'true: A\n'],
    ['only comments', '# nothing here\n'],
    ['an empty file', ''],
    ['a lone surrogate', 'title: "\ud800"\n'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      expect(readFlatYaml(text)).toBeUndefined();
    });
  }
});

describe('readFlatYaml against js-yaml', () => {
  // Strings chosen to reach each branch: indicators first, ": " and " #" inside, numbers and the
  // core schema's words, quotes, backslashes, and characters js-yaml treats apart.
  const values = [
    'a', 'a b', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', 'a ', ' a', '-a', '- a', '-', '?a', '? a', ':a', ',a', '[a]', 'a[b]', '{a}', 'a{b}',
    'a, b', '#a', '&a', '*a', '!a', '|', '>', "'a", '"a', '%a', '@a', '`a', '=', '<<', '~', '.', '.5', '.inf', '-.inf', '.nan', '+1',
    '-1', '0', '00', '01', '7', '2021', '123456789012345', '1234567890123456', '1.5', '1e3', '1_000', '0x1f', '0o17', '0b1', '12:30',
    '2021 IEEE', '3530–3538', '1st', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes',
    'no', 'on', 'off', 'y', "It's", 'say "hi"', "say 'hi'", 'a\\b', 'a\\"b', 'a\\\\b', 'a\\nb', 'a\\u00e9b', 'a\\', 'é', 'Zoë', '中文',
    '😀', 'a\u00a0#b', '\u00a0', 'a\u200bb', 'a\u2028b', 'a\u0085b', 'a\tb', 'a\u0007b', '---', '...', 'a -b', 'a - b', 'https://x.org/a#b',
    'C#', 'a  b', 'a "b" c', '"', "'", '""', "''", 'a"', "a'", '\\',
    // What invisible-char reports (isolates, fillers, tags) is read the same, so lint sees it either way.
    'a\u2066b\u2069', 'a\u3164b', '\u115f', 'a\u{E0041}b', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', 'a\u2029b',
  ];
  const forms: ((v: string) => string)[] = [
    (v) => v,
    (v) => `"${v}"`,
    (v) => JSON.stringify(v),
    (v) => `'${v}'`,
    (v) => `'${v.replaceAll("'", "''")}'`,
    (v) => `${v} # c`,
  ];
  const keys = ['title', 'Title', 'aB1', 'true', 'null', 'yes', '_x', '__proto__', 'a b', 'a-b', 'constructor', 'toString'];

  /** Every text: fast and js-yaml agree whenever the fast reader answers; returns how many it answered. */
  function compare(texts: string[]): number {
    let answered = 0;
    for (const text of texts) {
      const fast = readFlatYaml(text);
      if (fast === undefined) continue;
      answered++;
      const slow = jsYaml(text);
      // node's comparison, not vitest's: vitest compares the .constructor of objects, which a "constructor" key replaces.
      if (!('value' in slow) || !isDeepStrictEqual(slow.value, fast)) expect.fail(`${JSON.stringify(text)}: js-yaml ${JSON.stringify(slow)}, fast ${JSON.stringify(fast)}`);
    }
    return answered;
  }

  it('agrees on every scalar form after a key', () => {
    const texts = values.flatMap((v) => forms.map((form) => `${HEAD}title: ${form(v)}\nyear: 2020\n`));
    // How many of these texts the fast reader answered when this test was written: it may answer more, never fewer.
    expect(compare(texts)).toBeGreaterThanOrEqual(455);
  });

  it('agrees on every scalar form as a list item, at indents 0, 2 and 4', () => {
    const texts = values.flatMap((v) =>
      forms.flatMap((form) => ['', '  ', '    '].map((pad) => `authors:\n${pad}- A\n${pad}- ${form(v)}\nyear: 2020\n`)),
    );
    expect(compare(texts)).toBeGreaterThanOrEqual(1335);
  });

  it('agrees on keys', () => {
    const texts = keys.flatMap((k) => [`${k}: A\n`, `${k}:\n  - A\n`, `a: 1\n${k}: 2\n`, `${k}: A\n${k}: B\n`]);
    expect(compare(texts)).toBeGreaterThanOrEqual(15);
  });

  it('agrees on lines around lists: null, blanks, comments, markers, no final line break', () => {
    const pieces = ['title: A', 'authors:', '  - B', '- C', '', '# c', '  # c', '---', '...', 'year: 1', '  more', 'title:  A', 'title:A', 'others: true'];
    const texts: string[] = [];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) texts.push(`${a}\n${b}\n${c}\n`, `${a}\n${b}\n${c}`);
    expect(compare(texts)).toBeGreaterThanOrEqual(142);
  });
});
