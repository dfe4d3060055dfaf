import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperFromBibtex, readBibtex } from '../../src/add/from-bibtex.js';
import { fixtureList } from '../helpers.js';
import { BIBTEX, run, snapshot, typed } from './helpers.js';

const MODELINE = '# yaml-language-server: $schema=../../../schema/paper.schema.json\n\n';

function highest(dir: string, category: string): number {
  return Math.max(...readdirSync(join(dir, 'data', 'papers', category)).map((name) => Number(/^(\d+)-/.exec(name)?.[1] ?? 0)));
}

const file = (n: number, slug: string) => `${String(n).padStart(4, '0')}-${slug}.yaml`;

function papersOf(text: string) {
  return readBibtex(text).records.map((record) => paperFromBibtex(record));
}

describe('BibTeX records to entries', () => {
  it('accents and braces to Unicode, "Last, First" to "First Last", venue, year, URL and arXiv id', () => {
    const [first, second, third] = papersOf(readFileSync(join(BIBTEX, 'papers.bib'), 'utf8'));
    expect(first).toEqual({
      paper: {
        title: 'LongCtx: Scaling KV Caches to a Million Tokens with Café-Style Paging',
        year: 2025,
        url: 'https://arxiv.org/abs/2503.02001',
        authors: ['Jörg Müller', 'Antonín Dvořák', 'Jan van der Berg', 'Jan Łukasiewicz', 'José García'],
        venue: 'arXiv preprint arXiv:2503.02001',
        arxiv: '2503.02001',
      },
    });
    // Twelve authors: ten and others; a booktitle; the URL kept; the closing period and line break gone.
    expect(second).toEqual({
      paper: {
        title: 'Needles, Haystacks and the Long-Context Gap',
        year: 2025,
        url: 'https://aclanthology.org/2025.acl-long.9999/',
        authors: ['Wei Chen', 'Yang Liu', 'Fang Wang', 'Lei Zhao', 'Mei Sun', 'Hao Zhou', 'Jing Wu', 'Tao Xu', 'Ling Hu', 'Ming Guo'],
        others: true,
        venue: 'Proceedings of the 63rd Annual Meeting of the Association for Computational Linguistics',
      },
    });
    // biblatex: date, eprinttype, "and others", a versioned PDF link made the /abs/ form.
    expect(third).toEqual({
      paper: {
        title: 'Memory Tokens for Streaming Agents',
        year: 2025,
        url: 'https://arxiv.org/abs/2503.02003',
        authors: ['Chidi Okafor', 'Amara Nwosu'],
        others: true,
        venue: 'arXiv preprint arXiv:2503.02003',
        arxiv: '2503.02003',
      },
    });
  });

  it('refuses records without a title or a year, and broken ones, with the reason', () => {
    const outcomes = papersOf(`@misc{a, author = {Doe, Jane}}
@misc{b, title = {T}, year = {circa 2020}}
@misc{c, title = {T}, year = {2020}
`);
    expect(outcomes).toEqual([
      { reason: 'it has no title and it has no year; records without a title or a year are refused, not guessed.' },
      { reason: 'its year "circa 2020" is not a year; records without a title or a year are refused, not guessed.' },
      { reason: expect.stringMatching(/^could not be parsed: /) },
    ]);
  });

  it('finds the arXiv id in a Semantic Scholar "ArXiv, abs/…" record and an arXiv DOI', () => {
    const [s2, doi] = papersOf(`@article{s2, title={A}, journal={ArXiv}, volume={abs/2402.08268}, year={2024}}
@article{doi, title={B}, year={2024}, doi={10.48550/arXiv.2401.00001}}`);
    expect(s2).toEqual({ paper: { title: 'A', year: 2024, url: 'https://arxiv.org/abs/2402.08268', venue: 'arXiv preprint arXiv:2402.08268', arxiv: '2402.08268' } });
    expect(doi).toEqual({ paper: { title: 'B', year: 2024, url: 'https://arxiv.org/abs/2401.00001', venue: 'arXiv preprint arXiv:2401.00001', arxiv: '2401.00001' } });
  });

  it('drops the markup the parser adds, and writes \\\'{\\i} as í', () => {
    const [record] = papersOf(String.raw`@article{x, title = {\emph{Sparse} {\em Attention} for Mar{\'\i}a's \textsc{Long} Texts}, author = {Mar{\'\i}a L{\'o}pez}, year = 2024, url = {https://example.org/x}}`);
    expect(record).toEqual({ paper: { title: 'Sparse Attention for María\'s Long Texts', year: 2024, url: 'https://example.org/x', authors: ['María López'] } });
  });

  it('reads the line of each record', () => {
    const bib = readBibtex(readFileSync(join(BIBTEX, 'mixed.bib'), 'utf8'));
    expect(bib.records.map((r) => `${r.line} ${r.name}`)).toEqual([
      '1 @article{ok2025}',
      '9 @misc{noyear}',
      '15 @article{notitle}',
      '21 @article{lost}',
      '28 @article{ok2025again}',
      '37 @article{mathy}',
      '45 @article{broken}',
    ]);
  });
});

describe('add-paper --bibtex', () => {
  let shared: string;
  beforeAll(() => {
    shared = fixtureList();
  });

  it('adds one entry per record, numbered in turn, and rebuilds the READMEs', async () => {
    const dir = fixtureList();
    const n = highest(dir, 'memory-management');
    const bib = join(BIBTEX, 'papers.bib');
    const result = await run(dir, ['--bibtex', bib, '--category', 'memory-management', '--build']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = [file(n + 10, 'longctx-scaling-kv-caches-to-a'), file(n + 20, 'needles-haystacks-and-the-long-context'), file(n + 30, 'memory-tokens-for-streaming-agents')];
    expect(result.stdout).toMatch(
      new RegExp(
        `^Added data/papers/memory-management/${names[0]} \\(${bib}:3 @article\\{muller2025context\\}\\):\\n  \\* .*\\n` +
          `Added data/papers/memory-management/${names[1]} \\(${bib}:13 @inproceedings\\{chen2025needle\\}\\):\\n  \\* .*\\n` +
          `Added data/papers/memory-management/${names[2]} \\(${bib}:22 @online\\{okafor2025memory\\}\\):\\n  \\* .*\\n` +
          'BibTeX: added 3 of 3 records\\.\\nWrote README\\.md \\(\\d+ bytes\\), README_zh\\.md \\(\\d+ bytes\\), papers\\.bib \\(\\d+ bytes\\) from \\d+ entries\\.\\n' +
          'The READMEs are rebuilt for you to look at; commit only the new file: main regenerates them after the merge\\.\\n$',
      ),
    );
    const read = (name: string) => readFileSync(join(dir, 'data', 'papers', 'memory-management', name), 'utf8');
    expect(read(names[0]!)).toBe(`${MODELINE}title: "LongCtx: Scaling KV Caches to a Million Tokens with Café-Style Paging"
url: https://arxiv.org/abs/2503.02001
authors:
  - Jörg Müller
  - Antonín Dvořák
  - Jan van der Berg
  - Jan Łukasiewicz
  - José García
venue: arXiv preprint arXiv:2503.02001
year: 2025
arxiv: "2503.02001"
`);
    expect(read(names[1]!)).toBe(`${MODELINE}title: Needles, Haystacks and the Long-Context Gap
url: https://aclanthology.org/2025.acl-long.9999/
authors:
  - Wei Chen
  - Yang Liu
  - Fang Wang
  - Lei Zhao
  - Mei Sun
  - Hao Zhou
  - Jing Wu
  - Tao Xu
  - Ling Hu
  - Ming Guo
others: true
venue: Proceedings of the 63rd Annual Meeting of the Association for Computational Linguistics
year: 2025
`);
    expect(read(names[2]!)).toBe(`${MODELINE}title: Memory Tokens for Streaming Agents
url: https://arxiv.org/abs/2503.02003
authors:
  - Chidi Okafor
  - Amara Nwosu
others: true
venue: arXiv preprint arXiv:2503.02003
year: 2025
arxiv: "2503.02003"
`);
    // The README lists them in that order, one after the other.
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain(
      [
        "* **[LongCtx: Scaling KV Caches to a Million Tokens with Café-Style Paging.](https://arxiv.org/abs/2503.02001)** Jörg Müller, Antonín Dvořák, Jan van der Berg, Jan Łukasiewicz, José García. arXiv preprint arXiv:2503.02001, 2025",
        '* **[Needles, Haystacks and the Long-Context Gap.](https://aclanthology.org/2025.acl-long.9999/)** Wei Chen, Yang Liu, Fang Wang, Lei Zhao, Mei Sun, Hao Zhou, Jing Wu, Tao Xu, Ling Hu, Ming Guo, others. Proceedings of the 63rd Annual Meeting of the Association for Computational Linguistics, 2025',
        '* **[Memory Tokens for Streaming Agents.](https://arxiv.org/abs/2503.02003)** Chidi Okafor, Amara Nwosu, others. arXiv preprint arXiv:2503.02003, 2025',
      ].join('\n'),
    );
    // Run again: every record is now a duplicate.
    const again = await run(dir, ['--bibtex', bib, '--category', 'memory-management', '--no-build']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `add-paper: not added: ${bib}:3 @article{muller2025context}: already in the list: data/papers/memory-management/${names[0]}:4 has the same arXiv ID.\n` +
        `add-paper: not added: ${bib}:13 @inproceedings{chen2025needle}: already in the list: data/papers/memory-management/${names[1]}:4 has the same URL.\n` +
        `add-paper: not added: ${bib}:22 @online{okafor2025memory}: already in the list: data/papers/memory-management/${names[2]}:4 has the same arXiv ID.\n`,
    );
    expect(again.stdout).toBe('BibTeX: added 0 of 3 records; 3 refused (see above).\n');
  });

  it('adds what it can, reports every refusal with its reason in file order, exits 1', async () => {
    const dir = fixtureList();
    const n = highest(dir, 'long-context-evaluation');
    const added = file(n + 10, 'position-interpolation-at-the-edge');
    const result = await run(dir, ['--bibtex', 'mixed.bib', '--category', 'long-context-evaluation', '--no-build'], {}, { NO_COLOR: '1' });
    // Relative to the working directory: the file is given relative to the fixtures folder here.
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('add-paper: cannot read mixed.bib: no such file or folder\n');

    const inFixtures = await run(BIBTEX, ['--bibtex', 'mixed.bib', '--category', 'long-context-evaluation', '--no-build', '--data', join(dir, 'data')]);
    expect(inFixtures.code).toBe(1);
    const shown = relative(BIBTEX, dir);
    expect(inFixtures.stdout).toBe(
      `Added ${shown}/data/papers/long-context-evaluation/${added} (mixed.bib:1 @article{ok2025}):\n` +
        '  * **[Position Interpolation at the Edge.](https://openreview.net/forum?id=abc123)** Kenji Tanaka, Sofia Rossi. Transactions on Machine Learning Research, 2025\n' +
        'BibTeX: added 1 of 7 records; 6 refused (see above).\n' +
        `Commit only the new file: main regenerates the READMEs after the merge. To look at them first, run npm run build-readme -- --data ${join(dir, 'data')} (and leave them out of the commit).\n`,
    );
    const listed = `${shown}/data/papers/unanswered-question/0010-lost-in-the-middle-how-language.yaml:3`;
    const mathy = `${shown}/data/papers/long-context-evaluation/${file(n + 20, 'attention-in-mathcalo-n-time')}`;
    expect(inFixtures.stderr).toBe(
      'add-paper: not added: mixed.bib:9 @misc{noyear}: it has no year; records without a title or a year are refused, not guessed.\n' +
        'add-paper: not added: mixed.bib:15 @article{notitle}: it has no title; records without a title or a year are refused, not guessed.\n' +
        `add-paper: not added: mixed.bib:21 @article{lost}: already in the list: ${listed} has the same title.\n` +
        `add-paper: not added: mixed.bib:28 @article{ok2025again}: repeats mixed.bib:1 @article{ok2025} of the same input (${shown}/data/papers/long-context-evaluation/${added}).\n` +
        'add-paper: not added: mixed.bib:37 @article{mathy}: lint-list would report errors for it:\n' +
        `    ${mathy}:3:8  error  Field "title" holds LaTeX markup ("\\mathcalO") with no plain-text form here; write it in Unicode.  latex-markup\n` +
        // Not the parser's "Unterminated brace-value … at line 48", a line past the end of the file.
        'add-paper: not added: mixed.bib:45 @article{broken}: could not be parsed: a { in it is never closed; every { needs a matching }\n',
    );
    expect(readdirSync(join(dir, 'data', 'papers', 'long-context-evaluation')).filter((name) => Number(name.slice(0, 4)) > n)).toEqual([added]);
  });

  it('reads standard input with -, and needs --category then', async () => {
    const before = snapshot(shared);
    const text = readFileSync(join(BIBTEX, 'papers.bib'), 'utf8');
    const result = await run(shared, ['--bibtex', '-', '--category', 'memory-management', '--dry-run'], { stdin: typed(text, false) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\(stdin:3 @article\{muller2025context\}\):\n/);
    expect(result.stdout).toMatch(/BibTeX: would add 3 of 3 records\.\nDry run: nothing written\.\n$/);
    const noCategory = await run(shared, ['--bibtex', '-'], { stdin: typed(text) });
    expect(noCategory.code).toBe(2);
    expect(noCategory.stderr).toMatch(/^add-paper: --category <id> is required with --bibtex -; the categories in data\/categories\.yaml are:\n/);
    expect(snapshot(shared)).toEqual(before);
  });

  it('checks each entry with the schema and lint-list: errors refuse it, warnings are shown', async () => {
    const bib = '@article{old, title={Ancient Attention}, year={1900}, url={https://example.org/old}}\n@article{plain, title={Plain Links}, author={Ng, Andrew}, year={2024}, url={http://example.org/plain}}\n';
    const n = highest(shared, 'memory-management');
    const result = await run(shared, ['--bibtex', '-', '--category', 'memory-management', '--dry-run'], { stdin: typed(bib, false) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `add-paper: stdin:2 @article{plain}: would be added, but lint-list will warn:\n` +
        `    data/papers/memory-management/${file(n + 10, 'plain-links')}:4:6  warning  The URL uses plain http:; link with https: if the site serves it.  http-url\n` +
        'add-paper: not added: stdin:1 @article{old}: the entry does not fit the paper schema:\n' +
        `    data/papers/memory-management/${file(n + 10, 'ancient-attention')}:5:7  error  Field "year" must be 1950 or later, but is 1900.  year\n`,
    );
  });

  it('a file with no records adds nothing, exit 1', async () => {
    const result = await run(BIBTEX, ['--bibtex', 'empty.bib', '--category', 'memory-management', '--data', join(shared, 'data'), '--no-build']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'add-paper: empty.bib has no BibTeX records; nothing added.\n' });
  });

  it('--title and --allow-withdrawn belong to the arXiv form', async () => {
    const result = await run(shared, ['--bibtex', 'x.bib', '--title', 'T']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^add-paper: --title applies to an arXiv ID, not to --bibtex\n/);
  });
});
