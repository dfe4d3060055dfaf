import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { yamlText } from '../../src/data/entry-file.js';
import type { PaperFile } from '../../src/data/schema.js';
import { paperYaml } from '../../src/import/paper-yaml.js';
import { FIXTURE_LIST } from '../helpers.js';

const SCHEMA = '../../schema/paper.schema.json';

/** Strings that sit on each of the `yaml` package's rules for plain, single- and double-quoted scalars. */
const STRINGS = [
  'Plain title', '', ' ', 'x', 'Title: with colon', 'Ends with colon:', 'a:b', 'has # hash', 'has#hash', '#start', '- dash', '-', '?', '? q', '?x', '-x',
  'trailing space ', ' leading space', 'tab\tinside', 'line\nbreak', 'cr\rhere', 'nul\0', 'del\x7f', 'nel\u0085', 'nbsp\u00a0inside', 'ls\u2028ps\u2029',
  'lone \ud800 surrogate', 'emoji 😀', 'Zoë Kočiský', '中文标题', "it's", 'say "hi"', `both ' and "`, 'back\\slash', '"quoted"', "'single'",
  '2112.00001', '2021', '0x1F', '0o17', '1e5', '.5', '+1', '-1', '.inf', '-.Inf', '.nan', 'null', 'Null', 'NULL', '~', 'true', 'False', 'TRUE', 'yes', 'no', 'on',
  '---', '--- x', '...', '... x', '%YAML', 'a --- b', '[bracket', 'a [b] {c}', '{brace', ',comma', 'a, b', '&anchor', '*alias', '!tag', '|pipe', '>gt', '@at', '`tick',
  'a: ', 'key:value', 'https://arxiv.org/abs/2112.00001', 'http://x.org/a?b=c&d=e#frag', 'arXiv preprint arXiv:2112.00001', '100% sure', 'a % b', 'Q&A', 'C++ & C#',
];

describe('paperYaml', () => {
  it('writes a paper as the yaml package does, byte for byte (a literal file)', () => {
    const paper: PaperFile = {
      title: 'NeedleFormer: Compressing Agents to 10M Tokens',
      url: 'https://arxiv.org/abs/2112.00001',
      authors: ['Zoë Liu', "Jun O'Chen"],
      others: true,
      venue: '"Quoted" venue',
      year: 2021,
      arxiv: '2112.00001',
    };
    expect(paperYaml(paper, SCHEMA)).toBe(
      [
        '# yaml-language-server: $schema=../../schema/paper.schema.json',
        '',
        'title: "NeedleFormer: Compressing Agents to 10M Tokens"',
        'url: https://arxiv.org/abs/2112.00001',
        'authors:',
        '  - Zoë Liu',
        "  - Jun O'Chen",
        'others: true',
        `venue: '"Quoted" venue'`,
        'year: 2021',
        'arxiv: "2112.00001"',
        '',
      ].join('\n'),
    );
  });

  it('gives yamlText\'s bytes for each tricky string, as a title, a venue and an author', () => {
    for (const value of STRINGS) {
      const paper = { title: value, authors: ['Ann Lee', value], venue: value, year: 2020 } as PaperFile;
      expect(paperYaml(paper, SCHEMA), JSON.stringify(value)).toBe(yamlText(paper, SCHEMA));
    }
  });

  it('gives yamlText\'s bytes for raw entries, odd numbers and odd shapes (it hands them to yamlText)', () => {
    const odd = [
      { raw: '* **[Broken](x** y\n  more' },
      { title: 'T', year: 2020.5 },
      { title: 'T', year: -0 },
      { title: 'T', year: 2020, authors: [] },
      { title: 'T', year: 2020, authors: ['A', 7] },
      { title: 'T', year: 2020, 'odd key': 'v' },
      { title: 'T', year: 2020, true: 'v' },
      { title: 'T', year: 2020, others: false },
      {},
    ] as unknown as PaperFile[];
    for (const paper of odd) expect(paperYaml(paper, SCHEMA), JSON.stringify(paper)).toBe(yamlText(paper, SCHEMA));
    // A schema path the comment cannot hold on one line.
    expect(paperYaml({ title: 'T', year: 2020 }, 'a\nb')).toBe(yamlText({ title: 'T', year: 2020 }, 'a\nb'));
  });

  it('gives yamlText\'s bytes for every paper of the fixture list', () => {
    const papers = join(FIXTURE_LIST, 'data', 'papers');
    let count = 0;
    for (const category of readdirSync(papers)) {
      for (const name of readdirSync(join(papers, category))) {
        const paper = load(readFileSync(join(papers, category, name), 'utf8')) as PaperFile;
        expect(paperYaml(paper, SCHEMA), name).toBe(yamlText(paper, SCHEMA));
        count++;
      }
    }
    expect(count).toBeGreaterThan(5);
  });
});
