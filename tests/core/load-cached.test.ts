import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_CACHE_FILE, DataCache } from '../../src/data/cache.js';
import { loadData } from '../../src/data/load.js';
import { parseDataFile } from '../../src/data/parse.js';
import { readData, type ParseDataFile } from '../../src/data/read.js';
import { placeOf } from '../../src/data/source.js';
import { tempDir } from '../helpers.js';

/**
 * Loading through the data cache (src/data/read.ts with src/data/cache.ts), in-process: a second run
 * gives exactly what the first gave — values, problems, places — without parsing a file whose bytes
 * it has seen, and parses again exactly the files whose bytes changed.
 */

const CATEGORIES = 'categories:\n  - id: alpha\n    name: { en: Alpha }\n  - id: beta\n    name: { en: Beta }\n';
const NEWS = 'news:\n  - date: 2025-01-02\n    text: { en: "Hello" }\n';

function list(files: Record<string, string | Buffer>): string {
  const dir = tempDir('core-load-cached-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A parser that counts what it parses, by display path. */
function counting(): { parse: ParseDataFile; parsed: string[] } {
  const parsed: string[] = [];
  return { parsed, parse: (kind, absPath, file, text) => (parsed.push(file), parseDataFile(kind, absPath, file, text)) };
}

/** What a load gave, as plain data: problems, the values and the files they came from. */
function shape(result: ReturnType<typeof loadData>) {
  const { value, problems } = result;
  return {
    problems: problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`),
    categories: value.categories,
    categoriesFile: value.categoriesSource?.file,
    news: value.news,
    newsFile: value.newsSource?.file,
    papers: value.papers.map((p) => ({ file: p.source.file, category: p.category, entry: p.entry })),
  };
}

const FILES = {
  'categories.yaml': CATEGORIES,
  'news.yaml': NEWS,
  'papers/alpha/0010-good.yaml': 'title: "Good"\nauthors:\n  - Ada Lovelace\nyear: 2024\nurl: https://example.org/good\n',
  'papers/alpha/0020-schema.yaml': 'title: "Bad year"\nyear: "soon"\nurl: https://example.org/bad\n',
  'papers/alpha/0030-syntax.yaml': 'title: "Unclosed\nyear: 2024\n',
  'papers/beta/0010-latin1.yaml': Buffer.concat([Buffer.from('title: "Caf'), Buffer.from([0xe9]), Buffer.from('"\nyear: 2024\n')]),
  'papers/beta/0020-raw.yaml': 'raw: "* **[Raw.](https://example.org/raw)** A. B. arXiv, 2024."\n',
};

describe('loading with the data cache', () => {
  it('gives on a warm run exactly what a run without the cache gives, parsing nothing', () => {
    const dir = list(FILES);
    const cacheDir = join(dir, '.cache');
    const plain = shape(loadData(dir, dir));
    expect(plain.papers.map((p) => p.file)).toEqual(['papers/alpha/0010-good.yaml', 'papers/beta/0020-raw.yaml']);
    expect(plain.problems.map((p) => p.split(' ').slice(0, 3).join(' '))).toEqual([
      'papers/alpha/0020-schema.yaml:2:7 error year',
      'papers/alpha/0030-syntax.yaml:1:8 error yaml-syntax',
      'papers/beta/0010-latin1.yaml:1:12 error encoding',
    ]);

    const cold = counting();
    const coldCache = DataCache.open(cacheDir, 'build-1')!;
    expect(shape(readData(dir, dir, cold.parse, { cache: coldCache }))).toEqual(plain);
    // Every file that decodes is parsed once; the Latin-1 one stops at decoding.
    expect(cold.parsed.sort()).toEqual(['categories.yaml', 'news.yaml', 'papers/alpha/0010-good.yaml', 'papers/alpha/0020-schema.yaml', 'papers/alpha/0030-syntax.yaml', 'papers/beta/0020-raw.yaml']);
    coldCache.save();

    const warm = counting();
    const warmResult = readData(dir, dir, warm.parse, { cache: DataCache.open(cacheDir, 'build-1')! });
    expect(shape(warmResult)).toEqual(plain);
    expect(warm.parsed).toEqual([]);
    // Places still come from the text when asked for, and agree with a fresh parse.
    const good = warmResult.value.papers[0]!;
    expect(placeOf(good.source, ['year'])).toEqual({ line: 4, column: 7 });
    expect(placeOf(good.source, ['authors', 0])).toEqual({ line: 3, column: 5 });
  });

  it('keys files alike whether they were read ahead on a second thread or not', () => {
    const dir = list(FILES);
    const plain = shape(loadData(dir, dir));
    for (const [first, second] of [[1, Number.POSITIVE_INFINITY], [Number.POSITIVE_INFINITY, 1]] as const) {
      const cacheDir = join(dir, `.cache-${first}`);
      const cold = DataCache.open(cacheDir, 'build-1')!;
      expect(shape(readData(dir, dir, counting().parse, { cache: cold, prefetchMin: first }))).toEqual(plain);
      cold.save();
      const warm = counting();
      expect(shape(readData(dir, dir, warm.parse, { cache: DataCache.open(cacheDir, 'build-1')!, prefetchMin: second }))).toEqual(plain);
      // The prefetch's hash is the main thread's: every paper file is found in the cache.
      expect(warm.parsed).toEqual([]);
    }
  });

  it('gives a cached file its text as written: every character, a byte order mark and non-ASCII included', () => {
    const text = '\uFEFFtitle: "Caf\u00e9 \u4e2d\u6587 \u{1F600}"\nyear: 2024\nurl: https://example.org/cafe\n';
    const dir = list({ ...FILES, 'papers/alpha/0010-good.yaml': text });
    const cacheDir = join(dir, '.cache');
    const cold = DataCache.open(cacheDir, 'build-1')!;
    expect(readData(dir, dir, parseDataFile, { cache: cold }).value.papers[0]!.source.text).toBe(text);
    cold.save();
    const warm = readData(dir, dir, parseDataFile, { cache: DataCache.open(cacheDir, 'build-1')! }).value.papers[0]!.source;
    expect(warm.text).toBe(text);
    expect(warm.text).toBe(text);
    expect([warm.file, warm.absPath]).toEqual(['papers/alpha/0010-good.yaml', join(dir, 'papers/alpha/0010-good.yaml')]);
    expect(placeOf(warm, ['url'])).toEqual({ line: 3, column: 6 });
    expect(warm.doc.get('year')).toBe(2024);
    expect(warm.lines.linePos(text.indexOf('year'))).toEqual({ line: 2, col: 1 });
  });

  it('parses again exactly the files whose bytes changed, and forgets nothing of the others', () => {
    const dir = list(FILES);
    const cacheDir = join(dir, '.cache');
    const first = DataCache.open(cacheDir, 'build-1')!;
    readData(dir, dir, parseDataFile, { cache: first });
    first.save();

    writeFileSync(join(dir, 'papers/alpha/0010-good.yaml'), 'title: "Good"\nauthors:\n  - Ada Lovelace\nyear: 1800\nurl: https://example.org/good\n');
    writeFileSync(join(dir, 'papers/beta/0010-latin1.yaml'), 'title: "Café"\nyear: 2024\nurl: https://example.org/cafe\n');
    const second = counting();
    const cache = DataCache.open(cacheDir, 'build-1')!;
    const result = readData(dir, dir, second.parse, { cache });
    expect(second.parsed.sort()).toEqual(['papers/alpha/0010-good.yaml', 'papers/beta/0010-latin1.yaml']);
    expect(shape(result)).toEqual(shape(loadData(dir, dir)));
    expect(shape(result).problems.filter((p) => p.startsWith('papers/alpha/0010-good.yaml'))).toEqual([
      'papers/alpha/0010-good.yaml:4:7 error year Field "year" must be 1950 or later, but is 1800.',
    ]);
  });

  it('keeps no source for a file that does not decode, warm or cold', () => {
    const dir = list({ ...FILES, 'categories.yaml': Buffer.concat([Buffer.from(CATEGORIES), Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]) });
    const cacheDir = join(dir, '.cache');
    const plain = shape(loadData(dir, dir));
    expect(plain.categoriesFile).toBeUndefined();
    expect(plain.problems[0]).toBe('categories.yaml:6:6 error encoding Byte 0xE9 is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8.');
    const cold = DataCache.open(cacheDir, 'build-1')!;
    expect(shape(readData(dir, dir, parseDataFile, { cache: cold }))).toEqual(plain);
    cold.save();
    expect(shape(readData(dir, dir, parseDataFile, { cache: DataCache.open(cacheDir, 'build-1')! }))).toEqual(plain);
  });

  it('keeps the places the rules asked for with the file\'s record', () => {
    const dir = list(FILES);
    const cacheDir = join(dir, '.cache');
    const cache = DataCache.open(cacheDir, 'build-1')!;
    const { value } = readData(dir, dir, parseDataFile, { cache });
    expect(placeOf(value.papers[0]!.source, ['year'])).toEqual({ line: 4, column: 7 });
    cache.save();
    const lines = readFileSync(join(cacheDir, DATA_CACHE_FILE), 'utf8').split('\n');
    const alpha = lines.map((line) => (line.startsWith('[') ? (JSON.parse(line) as [string, Record<string, [string, { places?: unknown }]>]) : undefined)).find((line) => line?.[0] === `${join(dir, 'papers', 'alpha')}\u0000papers/alpha`)!;
    const [, good] = alpha[1]['0010-good.yaml']!;
    expect(good.places).toEqual({ '["year"]': { line: 4, column: 7 } });
  });

  it('names papers by their bare file name when run from their category folder', () => {
    const dir = list(FILES);
    const cwd = join(dir, 'papers', 'alpha');
    const cache = DataCache.open(join(dir, '.cache'), 'build-1')!;
    expect(readData(dir, cwd, parseDataFile, { cache }).value.papers.map((p) => p.source.file)).toEqual(['0010-good.yaml', '../beta/0020-raw.yaml']);
    expect(loadData(dir, cwd).value.papers.map((p) => p.source.file)).toEqual(['0010-good.yaml', '../beta/0020-raw.yaml']);
  });

  it('parses everything again under another build', () => {
    const dir = list(FILES);
    const cacheDir = join(dir, '.cache');
    const first = DataCache.open(cacheDir, 'build-1')!;
    readData(dir, dir, parseDataFile, { cache: first });
    first.save();
    const other = counting();
    readData(dir, dir, other.parse, { cache: DataCache.open(cacheDir, 'build-2')! });
    expect(other.parsed).toHaveLength(6);
  });
});
