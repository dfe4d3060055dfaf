import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareEntryFiles,
  sortEntryFiles,
  DataDirError,
  detach,
  isPaperFileName,
  loadData,
  MAX_DATA_FILE_BYTES,
  notRegular,
  notRegularMessage,
  PAPERS_DIR,
  readBytes,
} from '../../src/data/load.js';
import { tempDir } from '../helpers.js';

/**
 * Loading data/ (issue 15, src/data/load.ts): the order papers load in, strict UTF-8, the size cap,
 * and every file under data/ that is not data reported by name, unread.
 */

const CATEGORIES = 'categories:\n  - id: alpha\n    name: { en: Alpha }\n  - id: beta\n    name: { en: Beta }\n';
const paper = (title: string) => `title: "${title}"\nyear: 2024\n`;

function list(files: Record<string, string | Buffer>): string {
  const dir = tempDir('core-load-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const problemsOf = (dir: string) => loadData(dir, dir).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`);
const titlesOf = (dir: string) => loadData(dir, dir).value.papers.map((p) => `${p.category}/${p.source.file.split('/').at(-1)} ${'title' in p.entry ? p.entry.title : p.entry.raw}`);

const LINK = 'Is a symbolic link, not a regular file; only regular files are read (links are never followed), so it is not loaded.';
const FOLDER = 'Is a folder, not a regular file; only regular files are read (links are never followed), so it is not loaded.';
const TOP = 'Not loaded: data/ holds categories.yaml, news.yaml and papers/<category>/<number>-<name>.yaml only.';
const RENAME = 'Not loaded: a paper file name ends in ".yaml" exactly (lower case, not ".yml" or ".yaml.txt"); rename it.';

describe('the order papers load in', () => {
  it('takes categories by folder name, papers by the number their name starts with, then by name', () => {
    const dir = list({
      'categories.yaml': CATEGORIES,
      'papers/gamma/1-g.yaml': paper('G'),
      'papers/beta/1-b.yaml': paper('B'),
      'papers/alpha/v2-x.yaml': paper('V2'),
      'papers/alpha/b.yaml': paper('Bee'),
      'papers/alpha/a.yaml': paper('Ay'),
      'papers/alpha/10-b.yaml': paper('Ten'),
      'papers/alpha/9-z.yaml': paper('Nine Z'),
      'papers/alpha/9-a.yaml': paper('Nine A'),
      'papers/alpha/0100-r.yaml': 'raw: "* **[Raw](https://example.org)** 2024"\n',
    });
    expect(titlesOf(dir)).toEqual([
      'alpha/9-a.yaml Nine A',
      'alpha/9-z.yaml Nine Z',
      'alpha/10-b.yaml Ten',
      'alpha/0100-r.yaml * **[Raw](https://example.org)** 2024',
      'alpha/a.yaml Ay',
      'alpha/b.yaml Bee',
      'alpha/v2-x.yaml V2',
      'beta/1-b.yaml B',
      'gamma/1-g.yaml G',
    ]);
    expect(problemsOf(dir)).toEqual([]);
  });

  it('takes the folders in name order as JavaScript sorts (UTF-16 units), not as the file system lists them (bytes: U+FF01 before an emoji)', () => {
    const dir = list({ 'categories.yaml': CATEGORIES, 'papers/x\uFF01/1-a.yaml': paper('Fullwidth'), 'papers/x\u{1F600}/1-a.yaml': paper('Emoji') });
    expect(titlesOf(dir)).toEqual(['x\u{1F600}/1-a.yaml Emoji', 'x\uFF01/1-a.yaml Fullwidth']);
  });

  it.each<[string, string, number]>([
    ['9-a.yaml', '10-a.yaml', -1],
    ['10-a.yaml', '9-a.yaml', 1],
    ['9-a.yaml', '9-b.yaml', -1],
    ['9-b.yaml', '9-a.yaml', 1],
    ['9-a.yaml', '9-a.yaml', 0],
    ['a.yaml', 'b.yaml', -1],
    ['b.yaml', 'a.yaml', 1],
    ['a.yaml', 'a.yaml', 0],
    ['1-a.yaml', 'a.yaml', -1],
    ['a.yaml', '1-a.yaml', 1],
    ['v2-x.yaml', '5-a.yaml', 1],
    ['12.yaml', '5-a.yaml', 1],
  ])('compareEntryFiles(%j, %j) has the sign %i', (a, b, sign) => {
    expect(Math.sign(compareEntryFiles(a, b))).toBe(sign);
  });

  it('sorts a folder in that order', () => {
    const names = ['b.yaml', '12.yaml', '10-b.yaml', 'v2-x.yaml', '9-b.yaml', '010-a.yaml', 'a.yaml', '9-a.yaml', '100-a.yaml'];
    expect(sortEntryFiles(names)).toEqual(['9-a.yaml', '9-b.yaml', '010-a.yaml', '10-b.yaml', '100-a.yaml', '12.yaml', 'a.yaml', 'b.yaml', 'v2-x.yaml']);
  });

  it('reads categories.yaml and news.yaml, keeping their sources', () => {
    const dir = list({ 'categories.yaml': CATEGORIES, 'news.yaml': 'news:\n  - date: "2024-05-01"\n    text: { en: Hello }\n' });
    const { value, problems } = loadData(dir, dir);
    expect(problems).toEqual([]);
    expect(value.dataDir).toBe(dir);
    expect(value.categories.map((c) => c.id)).toEqual(['alpha', 'beta']);
    expect(value.categoriesSource?.file).toBe('categories.yaml');
    expect(value.news).toEqual([{ date: '2024-05-01', text: { en: 'Hello' } }]);
    expect(value.newsSource?.file).toBe('news.yaml');
    expect(value.papers).toEqual([]);
    expect(PAPERS_DIR).toBe('papers');
  });

  it('needs no news.yaml and no papers/', () => {
    const dir = list({ 'categories.yaml': CATEGORIES });
    const { value, problems } = loadData(dir, dir);
    expect(problems).toEqual([]);
    expect([value.news, value.newsSource, value.papers]).toEqual([[], undefined, []]);
  });
});

describe('a data directory that cannot be read', () => {
  it('throws DataDirError naming the folder, relative to the working directory', () => {
    const dir = list({ 'file.txt': 'x' });
    expect(() => loadData(join(dir, 'missing'), dir)).toThrow(new DataDirError('missing: no such data directory'));
    expect(() => loadData(join(dir, 'file.txt'), dir)).toThrow(new DataDirError('file.txt: no such data directory'));
    expect(() => loadData(join(dir, 'file.txt'), join(dir, 'file.txt'))).toThrow(new DataDirError('.: no such data directory'));
    expect(() => loadData(dir, dir)).toThrow(new DataDirError('categories.yaml: missing; a data directory needs categories.yaml'));
    expect(() => loadData(dir, dirname(dir))).toThrow(DataDirError);
  });
});

describe('files that are not data, reported by name and never read', () => {
  it('at the top of data/: anything named like YAML but the two files, links and folders included; notes are fine', () => {
    const dir = list({
      'categories.yaml': CATEGORIES,
      'README.md': '# notes\n',
      'notes.txt': 'notes\n',
      'extra.yaml': paper('X'),
      'extra.YML': paper('X'),
      'extra.yaml.txt': paper('X'),
      'yaml': 'x\n',
      'old.yamlish': 'x\n',
      'backup.yaml/inside.yaml': paper('X'),
    });
    symlinkSync(join(dir, 'README.md'), join(dir, 'link.yml'));
    expect(problemsOf(dir).sort()).toEqual(
      [
        `backup.yaml:1:1 error stray-file ${FOLDER}`,
        `extra.YML:1:1 error stray-file ${TOP}`,
        `extra.yaml.txt:1:1 error stray-file ${TOP}`,
        `extra.yaml:1:1 error stray-file ${TOP}`,
        `link.yml:1:1 error stray-file ${LINK}`,
      ].sort(),
    );
  });

  it('news.yaml or categories.yaml that is not a regular file', () => {
    const dir = list({ 'categories.yaml': CATEGORIES, 'news.yaml/x': 'x' });
    const { value, problems } = loadData(dir, dir);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`)).toEqual([`news.yaml:1:1 error stray-file ${FOLDER}`]);
    expect([value.news, value.newsSource]).toEqual([[], undefined]);

    const linked = list({ 'real.txt': CATEGORIES });
    symlinkSync(join(linked, 'real.txt'), join(linked, 'categories.yaml'));
    const loaded = loadData(linked, linked);
    expect(loaded.problems.map((p) => `${p.file} ${p.rule} ${p.message}`)).toEqual([`categories.yaml stray-file ${LINK}`]);
    expect([loaded.value.categories, loaded.value.categoriesSource]).toEqual([[], undefined]);
  });

  it('papers/ that is a file or a link', () => {
    const file = list({ 'categories.yaml': CATEGORIES, papers: 'x' });
    expect(problemsOf(file)).toEqual(['papers:1:1 error stray-file Is a file, not a folder; papers/ must be the folder of the categories, so nothing in it is loaded.']);
    const linked = list({ 'categories.yaml': CATEGORIES, 'real/alpha/1-a.yaml': paper('A') });
    symlinkSync(join(linked, 'real'), join(linked, 'papers'));
    expect(problemsOf(linked)).toEqual([
      'papers:1:1 error stray-file Is a symbolic link, not a folder; papers/ must be the folder of the categories, so nothing in it is loaded.',
    ]);
    expect(titlesOf(linked)).toEqual([]);
  });

  it('directly in papers/ and in a category, each with what it is and what to do', () => {
    const dir = list({
      'categories.yaml': CATEGORIES,
      'papers/0050-f.yaml': paper('F'),
      'papers/.DS_Store': 'x',
      'papers/alpha/0010-a.yaml': paper('A'),
      'papers/alpha/0020-c.YAML': paper('C'),
      'papers/alpha/0030-d.yaml.txt': paper('D'),
      'papers/alpha/0035-d.yml': paper('D'),
      'papers/alpha/notes.txt': 'x',
      'papers/alpha/.0040-hidden.yaml': paper('H'),
      'papers/alpha/old/0040-e.yaml': paper('E'),
      'papers/alpha/0590-x.yaml/0010-a.yaml': paper('X'),
      'papers/alpha/0600-y.yml.d/0010-a.yaml': paper('Y'),
    });
    symlinkSync(join(dir, 'papers/alpha/0010-a.yaml'), join(dir, 'papers/alpha/0020-link.yaml'));
    symlinkSync(join(dir, 'papers/alpha'), join(dir, 'papers/beta'));
    expect(problemsOf(dir).sort()).toEqual(
      [
        'papers/.DS_Store:1:1 error stray-file Is a hidden file (such as .DS_Store), not data; delete it.',
        'papers/0050-f.yaml:1:1 error stray-file Not loaded: a paper goes in the folder of its category, papers/<category>/<number>-<name>.yaml.',
        `papers/beta:1:1 error stray-file ${LINK}`,
        `papers/alpha/0020-c.YAML:1:1 error stray-file ${RENAME}`,
        `papers/alpha/0020-link.yaml:1:1 error stray-file ${LINK}`,
        `papers/alpha/0030-d.yaml.txt:1:1 error stray-file ${RENAME}`,
        `papers/alpha/0035-d.yml:1:1 error stray-file ${RENAME}`,
        'papers/alpha/notes.txt:1:1 error stray-file Is not a paper file (papers are "<number>-<name>.yaml"); move or delete it.',
        'papers/alpha/.0040-hidden.yaml:1:1 error stray-file Is a hidden file (such as .DS_Store), not data; delete it.',
        'papers/alpha/old:1:1 error stray-file Is a folder inside a category; papers go directly in papers/<category>/, so nothing in it is loaded.',
        'papers/alpha/0590-x.yaml:1:1 error stray-file Is a folder, not a paper file; a paper is a file papers/<category>/<number>-<name>.yaml.',
        'papers/alpha/0600-y.yml.d:1:1 error stray-file Is a folder, not a paper file; a paper is a file papers/<category>/<number>-<name>.yaml.',
      ].sort(),
    );
    expect(titlesOf(dir)).toEqual(['alpha/0010-a.yaml A']);
  });

  it.each<[string, boolean]>([
    ['0010-a.yaml', true],
    ['a.yaml', true],
    ['.yaml', false],
    ['.a.yaml', false],
    ['a.YAML', false],
    ['a.yml', false],
    ['a.yaml.txt', false],
    ['yaml', false],
  ])('isPaperFileName(%j) is %s', (name, is) => {
    expect(isPaperFileName(name)).toBe(is);
  });

  const stub = (kind: string) => {
    const is = (k: string) => () => k === kind;
    return { isFile: is('file'), isSymbolicLink: is('link'), isDirectory: is('dir'), isFIFO: is('fifo'), isSocket: is('socket') } as unknown as Parameters<typeof notRegular>[0];
  };
  it.each<[string, string | undefined]>([
    ['file', undefined],
    ['link', 'a symbolic link'],
    ['dir', 'a folder'],
    ['fifo', 'a named pipe'],
    ['socket', 'a socket'],
    ['device', 'a device'],
  ])('notRegular: a %s is %s', (kind, said) => {
    expect(notRegular(stub(kind))).toBe(said);
  });

  it('says what a thing is in its message', () => {
    expect(notRegularMessage('a socket')).toBe('Is a socket, not a regular file; only regular files are read (links are never followed), so it is not loaded.');
  });
});

describe('the size cap', () => {
  /** A valid paper padded with a comment to exactly `bytes` bytes. */
  const padded = (bytes: number) => {
    const head = paper('Big') + '# ';
    return head + 'x'.repeat(bytes - head.length - 1) + '\n';
  };

  it('is 256 KiB: a paper of that size loads, one byte more is refused by name, unread', () => {
    expect(MAX_DATA_FILE_BYTES).toBe(262_144);
    expect(padded(MAX_DATA_FILE_BYTES).length).toBe(262_144);
    const dir = list({
      'categories.yaml': CATEGORIES,
      'papers/alpha/1-fits.yaml': padded(MAX_DATA_FILE_BYTES),
      'papers/alpha/2-over.yaml': padded(MAX_DATA_FILE_BYTES + 1),
      'papers/alpha/3-far-over.yaml': padded(MAX_DATA_FILE_BYTES + 1025),
    });
    expect(problemsOf(dir)).toEqual([
      'papers/alpha/2-over.yaml:1:1 error stray-file Holds 257 KiB; a data file holds at most 256 KiB, so it is not loaded.',
      'papers/alpha/3-far-over.yaml:1:1 error stray-file Holds 258 KiB; a data file holds at most 256 KiB, so it is not loaded.',
    ]);
    expect(titlesOf(dir)).toEqual(['alpha/1-fits.yaml Big']);
  });

  it('holds for categories.yaml too', () => {
    const dir = list({ 'categories.yaml': CATEGORIES + '# ' + 'x'.repeat(MAX_DATA_FILE_BYTES) + '\n' });
    const { value, problems } = loadData(dir, dir);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([
      'categories.yaml:1:1 stray-file Holds 257 KiB; a data file holds at most 256 KiB, so it is not loaded.',
    ]);
    expect([value.categories, value.categoriesSource]).toEqual([[], undefined]);
  });
});

describe('detach (a parsed value copied out of its file\'s text)', () => {
  it('gives the same value in the same objects and arrays, every string equal', () => {
    const text = 'title: "A title long enough to be a slice"\n';
    const title = text.slice(8, 40);
    const authors = ['Ada', `${title} (long author)`];
    const exception = { rule: 'whitespace', reason: text.slice(0, 30) };
    const value = { title, authors, year: 2024, others: true, none: null, missing: undefined, exceptions: [exception], nested: { deep: [[text]] } };
    const copy = detach(value);
    expect(copy).toBe(value);
    expect(copy.authors).toBe(authors);
    expect(copy.exceptions[0]).toBe(exception);
    expect(copy).toEqual({
      title: 'A title long enough to be a slic',
      authors: ['Ada', 'A title long enough to be a slic (long author)'],
      year: 2024,
      others: true,
      none: null,
      missing: undefined,
      exceptions: [{ rule: 'whitespace', reason: 'title: "A title long enough to' }],
      nested: { deep: [[text]] },
    });
    expect(Object.keys(copy)).toEqual(['title', 'authors', 'year', 'others', 'none', 'missing', 'exceptions', 'nested']);
    expect([detach('twelve chars'), detach('thirteen char'), detach(''), detach(7), detach(undefined), detach(null)]).toEqual(['twelve chars', 'thirteen char', '', 7, undefined, null]);
  });
});

describe('reading one file (readBytes: one open, fstat, read and close)', () => {
  const read = (path: string) => {
    const problems: string[] = [];
    const sink = { push: (...found: { rule: string; line: number; column: number; message: string }[]) => found.forEach((p) => problems.push(`${p.line}:${p.column} ${p.rule} ${p.message}`)) };
    const bytes = readBytes(path, 'shown.yaml', sink as unknown as Parameters<typeof readBytes>[2]);
    return { bytes: bytes === undefined ? undefined : Buffer.from(bytes).toString('latin1'), problems };
  };

  it('gives every byte of a regular file, a byte order mark and an empty file included', () => {
    const dir = list({ 'a.yaml': Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xe9, 0x0a]), 'empty.yaml': '' });
    expect(read(join(dir, 'a.yaml'))).toEqual({ bytes: '\u00ef\u00bb\u00bfa\u00e9\n', problems: [] });
    expect(read(join(dir, 'empty.yaml'))).toEqual({ bytes: '', problems: [] });
    const big = 'y'.repeat(MAX_DATA_FILE_BYTES);
    writeFileSync(join(dir, 'big.yaml'), big);
    expect(read(join(dir, 'big.yaml')).bytes).toBe(big);
  });

  // The walk refuses these from the listing; readBytes refuses them again if one is swapped in after it.
  it('never follows a symbolic link, even to a regular file', () => {
    const dir = list({ 'real.yaml': 'title: x\n' });
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'link.yaml'));
    expect(read(join(dir, 'link.yaml'))).toEqual({ bytes: undefined, problems: [`1:1 stray-file ${LINK}`] });
  });

  it('refuses a folder and a named pipe by what it opened, without waiting on the pipe', () => {
    const dir = list({});
    mkdirSync(join(dir, 'folder.yaml'));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    expect(read(join(dir, 'folder.yaml'))).toEqual({ bytes: undefined, problems: [`1:1 stray-file ${FOLDER}`] });
    expect(read(join(dir, 'pipe.yaml'))).toEqual({ bytes: undefined, problems: [`1:1 stray-file ${notRegularMessage('a named pipe')}`] });
  });

  it('refuses a file one byte over the cap, unread', () => {
    const dir = list({ 'over.yaml': 'z'.repeat(MAX_DATA_FILE_BYTES + 1) });
    expect(read(join(dir, 'over.yaml'))).toEqual({ bytes: undefined, problems: ['1:1 stray-file Holds 257 KiB; a data file holds at most 256 KiB, so it is not loaded.'] });
  });

  it('throws when the file is gone (the walk listed it a moment ago): not a finding to hide', () => {
    expect(() => read(join(tempDir('core-load-'), 'gone.yaml'))).toThrow(/ENOENT/);
  });
});

describe('what a file holds', () => {
  const LATIN1 = 'Byte 0xE9 is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8.';

  it('refuses a file that is not UTF-8 at its first bad byte', () => {
    const dir = list({
      'categories.yaml': Buffer.concat([Buffer.from('categories:\n  - id: alpha\n    name: { en: Alph'), Buffer.from([0xe9]), Buffer.from(' }\n')]),
      'papers/alpha/1-a.yaml': Buffer.concat([Buffer.from('title: "A"\nyear: 2024\nauthors:\n  - Ren'), Buffer.from([0xe9]), Buffer.from(' Descartes\n')]),
      'papers/alpha/2-b.yaml': paper('B'),
    });
    const { value, problems } = loadData(dir, dir);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`)).toEqual([
      `categories.yaml:3:21 error encoding ${LATIN1}`,
      `papers/alpha/1-a.yaml:4:8 error encoding ${LATIN1}`,
    ]);
    expect([value.categories, value.categoriesSource]).toEqual([[], undefined]);
    expect(titlesOf(dir)).toEqual(['alpha/2-b.yaml B']);
  });

  it('reports YAML syntax where it stands, and keeps the source of a categories.yaml that does not parse', () => {
    const dir = list({ 'categories.yaml': 'categories: [\n', 'papers/alpha/1-a.yaml': 'title: "A\nyear: 2024\n', 'papers/alpha/2-b.yaml': paper('B') });
    const { value, problems } = loadData(dir, dir);
    expect(problems.map((p) => `${p.file} ${p.rule}`)).toEqual(['categories.yaml yaml-syntax', 'papers/alpha/1-a.yaml yaml-syntax']);
    expect([value.categories, value.categoriesSource?.file]).toEqual([[], 'categories.yaml']);
    expect(titlesOf(dir)).toEqual(['alpha/2-b.yaml B']);
  });

  it('reports an alias to an anchor set nowhere before it, where it stands, instead of failing to read the file', () => {
    const dir = list({
      'categories.yaml': CATEGORIES,
      'papers/alpha/1-a.yaml': 'title: *nope\nyear: 2024\n',
      'papers/alpha/2-b.yaml': 'authors:\n  - *ada\n  - &ada Ada Lovelace\ntitle: "B"\nyear: 2024\n',
      'papers/alpha/3-c.yaml': 'authors:\n  - &ada Ada Lovelace\n  - *ada\ntitle: "C"\nyear: 2024\n',
    });
    expect(problemsOf(dir)).toEqual([
      'papers/alpha/1-a.yaml:1:8 error yaml-syntax The alias "*nope" names no anchor set before it; write the value out, or set "&nope" on a value above it.',
      'papers/alpha/2-b.yaml:2:5 error yaml-syntax The alias "*ada" names no anchor set before it; write the value out, or set "&ada" on a value above it.',
    ]);
    expect(titlesOf(dir)).toEqual(['alpha/3-c.yaml C']);
  });

  it('reads with the yaml package what js-yaml refuses, when yaml finds no fault in it', () => {
    // js-yaml knows no "!!merge" tag on a plain value; yaml reads it, so the schema judges what yaml read.
    const dir = list({ 'categories.yaml': CATEGORIES, 'papers/alpha/1-a.yaml': 'title: "A"\nyear: 2024\nnote: !!merge x\n' });
    expect(problemsOf(dir)).toEqual(['papers/alpha/1-a.yaml:3:1 error schema The entry has unknown field "note"; check the spelling.']);
    // A raw entry read that way is still checked as a raw entry.
    const raw = list({ 'categories.yaml': CATEGORIES, 'papers/alpha/1-r.yaml': 'raw: "* odd"\nnote: !!merge x\n' });
    expect(problemsOf(raw)).toEqual(['papers/alpha/1-r.yaml:2:1 error schema The entry has unknown field "note"; check the spelling.']);
  });

  it('reads YAML with the core schema: a date stays text', () => {
    const dir = list({ 'categories.yaml': CATEGORIES, 'papers/alpha/1-a.yaml': 'title: "A"\nvenue: 2024-05-01\nyear: 2024\n' });
    const { value, problems } = loadData(dir, dir);
    expect(problems).toEqual([]);
    expect(value.papers.map((p) => p.entry)).toEqual([{ title: 'A', venue: '2024-05-01', year: 2024 }]);
  });

  it('validates categories.yaml, news.yaml and each paper against its schema: raw or structured, an empty file or a bare string is neither', () => {
    const dir = list({
      'categories.yaml': 'categories: 3\n',
      'news.yaml': 'news: nope\n',
      'papers/alpha/1-empty.yaml': '',
      'papers/alpha/1-null.yaml': '~\n',
      'papers/alpha/2-string.yaml': 'just text\n',
      'papers/alpha/3-raw.yaml': 'raw: "* odd"\nyear: 2024\n',
      'papers/alpha/4-paper.yaml': 'title: "T"\nraw: "x"\n',
      'papers/alpha/5-ok.yaml': paper('OK'),
    });
    const { value, problems } = loadData(dir, dir);
    expect(problems.map((p) => `${p.file} ${p.rule}`)).toEqual([
      'categories.yaml schema',
      'news.yaml schema',
      'papers/alpha/1-empty.yaml schema',
      'papers/alpha/1-null.yaml schema',
      'papers/alpha/2-string.yaml schema',
      'papers/alpha/3-raw.yaml schema',
      'papers/alpha/4-paper.yaml schema',
    ]);
    // A raw entry is checked as one: "year" is not a field of it.
    expect(problems[5]!.message).toContain('"year"');
    expect([value.categories, value.categoriesSource?.file, value.news, value.newsSource?.file]).toEqual([[], 'categories.yaml', [], 'news.yaml']);
    expect(titlesOf(dir)).toEqual(['alpha/5-ok.yaml OK']);
  });
});
