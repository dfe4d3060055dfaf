import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBibtex } from '../../src/add/from-bibtex.js';
import { bibEntries, bibEntry, escapeLatex } from '../../src/bib/bibtex.js';
import type { LoadedPaper } from '../../src/data/load.js';
import type { Paper } from '../../src/data/schema.js';
import { fixtureList, runInProcess } from '../helpers.js';
import { load } from 'js-yaml';
import { readdirSync } from 'node:fs';

function loaded(category: string, name: string, entry: Paper): LoadedPaper {
  return { category, entry, source: { file: `data/papers/${category}/${name}`, absPath: `/x/data/papers/${category}/${name}` } as LoadedPaper['source'] };
}

describe('BibTeX entries', () => {
  it('types entries by venue: arXiv preprints as @misc with eprint, conferences as @inproceedings, journals as @article', () => {
    expect(
      bibEntry({ title: 'Ring Attention with Blockwise Transformers', authors: ['Hao Liu', 'Matei Zaharia'], others: true, venue: 'arXiv preprint arXiv:2310.01889', year: 2023, url: 'https://arxiv.org/abs/2310.01889' }, 'liu2023ring'),
    ).toBe(
      '@misc{liu2023ring,\n  title = {{Ring Attention with Blockwise Transformers}},\n  author = {Hao Liu and Matei Zaharia and others},\n' +
        '  year = {2023},\n  eprint = {2310.01889},\n  archivePrefix = {arXiv},\n  url = {https://arxiv.org/abs/2310.01889},\n}',
    );
    expect(bibEntry({ title: 'T', authors: ['A B'], venue: 'The Twelfth International Conference on Learning Representations', year: 2024 }, 'k')).toBe(
      '@inproceedings{k,\n  title = {{T}},\n  author = {A B},\n  booktitle = {The Twelfth International Conference on Learning Representations},\n  year = {2024},\n}',
    );
    expect(bibEntry({ title: 'T', venue: 'Journal of Machine Learning Research, 24(240), 1--113', year: 2023 }, 'k')).toBe(
      '@article{k,\n  title = {{T}},\n  journal = {Journal of Machine Learning Research, 24(240), 1--113},\n  year = {2023},\n}',
    );
  });

  it('escapes LaTeX specials', () => {
    expect(escapeLatex('50% of $x_1$ & #2 {a} ~ ^ \\')).toBe('50\\% of \\$x\\_1\\$ \\& \\#2 \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('gives lastnameYEARfirstword keys, the first paper keeps the bare key and later ones get b, c', () => {
    const paper = (title: string, author: string): Paper => ({ title, authors: [author], year: 2024 });
    const entries = bibEntries([
      loaded('a', '0010-x.yaml', paper('The Power of Ring Attention', 'Hao Liu')),
      loaded('a', '0020-y.yaml', paper('Power Laws', 'Zhe Liu')),
      loaded('b', '0010-z.yaml', paper('Power: again', 'Jörg Liü')),
      loaded('b', '0020-w.yaml', { title: '√ ∞', year: 2020 }),
    ]);
    expect(entries.map((e) => [e.id, e.key])).toEqual([
      ['a/0010-x', 'liu2024power'],
      ['a/0020-y', 'liu2024powerb'],
      ['b/0010-z', 'liu2024powerc'],
      ['b/0020-w', 'anon2020'],
    ]);
  });

  it('gives the first suffix still free when many papers share a key, after z comes ba, and a key taken as a base is skipped', () => {
    const paper = (title: string): Paper => ({ title, authors: ['Ann Lee'], year: 2020 });
    const papers: LoadedPaper[] = [];
    for (let i = 0; i < 3; i++) papers.push(loaded('a', `00${i}-x.yaml`, paper('X')));
    // Its own base key is the one the fourth "X" would get next.
    papers.push(loaded('a', '100-xd.yaml', paper('Xd')));
    for (let i = 0; i < 22; i++) papers.push(loaded('b', `${200 + i}-x.yaml`, paper('X')));
    // "lee2020xbb" as a base, before any "X" reached it: the "X" after "ba" skips it.
    papers.push(loaded('c', '300-xbb.yaml', paper('Xbb')));
    for (let i = 0; i < 3; i++) papers.push(loaded('c', `30${i + 1}-x.yaml`, paper('X')));
    papers.push(loaded('c', '310-xd.yaml', paper('Xd')));
    const keys = bibEntries(papers).map((e) => e.key);
    expect(keys.slice(0, 4)).toEqual(['lee2020x', 'lee2020xb', 'lee2020xc', 'lee2020xd']);
    expect(keys.slice(4, 6)).toEqual(['lee2020xe', 'lee2020xf']);
    expect(keys.slice(25)).toEqual(['lee2020xz', 'lee2020xbb', 'lee2020xba', 'lee2020xbc', 'lee2020xbd', 'lee2020xdb']);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('takes the last word of the first author and the first word of the title that counts', () => {
    const key = (title: string, authors?: string[]) => bibEntries([loaded('a', '0010-x.yaml', { title, authors, year: 2024 })])[0]!.key;
    expect(key('—A Study of Things', ['  Ana  de la\tCruz  '])).toBe('cruz2024study');
    expect(key('GPT-4 Technical Report', ['OpenAI'])).toBe('openai2024gpt');
    expect(key('On the: Of/To', ['Bo Li'])).toBe('li2024');
    expect(key('Zero', ['   '])).toBe('anon2024zero');
    expect(key('Léon: Cafés', ['Renée Åström'])).toBe('astrom2024leon');
    // Letters NFKD keeps whole are spelt in ASCII, not dropped ("rsted", "ukasz" before).
    expect(key('Æther Waves', ['Émilie Ørsted'])).toBe('orsted2024aether');
    expect(key('Łódź Straße', ['Łukasz Kuciński'])).toBe('kucinski2024lodz');
    expect(key('Þing', ['Piotr Miłoś', 'B'])).toBe('milos2024thing');
  });

  it('writes no author field when a paper names no author ("others" alone names no one), and keeps "--" in a title two hyphens', () => {
    expect(bibEntry({ title: 'Journey--Part 2', others: true, year: 2024 }, 'k')).toBe('@misc{k,\n  title = {{Journey-{}-Part 2}},\n  year = {2024},\n}');
    expect(bibEntry({ title: 'T', authors: ['Ada Lovelace'], others: true, year: 2024 }, 'k')).toBe('@misc{k,\n  title = {{T}},\n  author = {Ada Lovelace and others},\n  year = {2024},\n}');
  });
});

describe('papers.bib', () => {
  it('build-readme writes it, --check covers it, and it parses back into the same titles, authors and years', async () => {
    const dir = fixtureList();
    const papers = join(dir, 'data', 'papers', 'length-extrapolation');
    // Characters LaTeX treats specially, in a paper of its own (braces and backslashes are latex-markup's to refuse).
    writeFileSync(
      join(papers, '9990-special.yaml'),
      'title: "100% of Tokens & Costs_2: #1 ~ ^ Müller"\nurl: https://example.org/a_b\nauthors:\n  - José Müller\n  - Zoë O\'Neil\nvenue: arXiv preprint arXiv:2501.09999\nyear: 2025\narxiv: "2501.09999"\n',
    );
    const built = await runInProcess('build-readme', [], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect((await runInProcess('build-readme', ['--check'], { cwd: dir })).code).toBe(0);

    const text = readFileSync(join(dir, 'papers.bib'), 'utf8');
    const bib = readBibtex(text);
    expect(bib.errors).toEqual([]);
    // The expected values come from the YAML files, read here without the toolchain.
    const expected: { title: string; authors: string[]; year: string }[] = [];
    const categories = readdirSync(join(dir, 'data', 'papers')).sort();
    const order = (name: string) => Number(/^(\d+)-/.exec(name)?.[1] ?? Infinity);
    for (const category of categories) {
      const names = readdirSync(join(dir, 'data', 'papers', category)).sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
      for (const name of names) {
        const paper = load(readFileSync(join(dir, 'data', 'papers', category, name), 'utf8')) as { title: string; authors?: string[]; others?: boolean; year: number };
        expected.push({ title: paper.title, authors: [...(paper.authors ?? []), ...(paper.others ? ['others'] : [])], year: String(paper.year) });
      }
    }
    const got = bib.records.map((r) => ({
      title: String(r.fields.title),
      authors: ((r.fields.author as { firstName?: string; lastName?: string; prefix?: string; suffix?: string; name?: string }[] | undefined) ?? []).map((c) =>
        c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '),
      ),
      year: String(r.fields.year),
    }));
    expect(got.length).toBe(expected.length);
    expect(got.find((g) => g.title.startsWith('100%'))).toEqual({
      title: '100% of Tokens & Costs_2: #1 ~ ^ Müller',
      authors: ['José Müller', "Zoë O'Neil"],
      year: '2025',
    });
    expect(got).toEqual(expected);
    const keys = bib.records.map((r) => r.name.replace(/^@\w+\{/, '').replace(/\}$/, ''));
    expect(new Set(keys).size).toBe(keys.length);

    // A hand edit of papers.bib fails --check.
    writeFileSync(join(dir, 'papers.bib'), text.replace('@misc{', '@article{'));
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- papers.bib (committed)');
  });
});
