import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { contentHash, DATA_CACHE_FILE, DataCache, type FileRecord } from '../../src/data/cache.js';
import { lazySource } from '../../src/data/source.js';
import { tempDir } from '../helpers.js';

/**
 * The per-file data cache (src/data/cache.ts), in-process: what it keeps, when it trusts a record,
 * what it refuses to read back, and when it writes. The build id is passed in, as scripts/run.mjs's
 * define would give it, so every case runs without a bundle.
 */

const problem: Problem = { rule: 'year', severity: 'error', file: 'papers/a/0010-x.yaml', line: 4, column: 7, message: 'Field "year" must be 1950 or later, but is 1800.' };
const record = (): FileRecord => ({ decoded: true, value: { title: 'A' }, problems: [problem] });
/** The records of the folder /list (shown as "list"), as read.ts asks for them. */
const list = (cache: DataCache) => cache.folder('/list', 'list');
const KEY = '/list\u0000list';
const inFormat = (folders: unknown) => ({ format: 'data-cache-v3', build: 'b1', folders });
/**
 * The cache file as one value { format, build, folders }: its lines are a header, then [folder key, records]
 * (a folder's records may take several lines).
 */
const stored = (dir: string) => {
  const text = readFileSync(join(dir, DATA_CACHE_FILE), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const [header, ...lines] = text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as unknown);
  const folders: Record<string, Record<string, unknown>> = {};
  for (const [key, records] of lines as [string, Record<string, unknown>][]) Object.assign((folders[key] ??= {}), records);
  return { ...(header as object), folders } as unknown;
};
/** Write `value` ({ format, build, folders }) as the cache's lines, or a string as it is. */
const write = (dir: string, value: unknown) => {
  if (typeof value === 'string') return writeFileSync(join(dir, DATA_CACHE_FILE), value);
  const { folders, ...header } = value as { folders?: unknown };
  const lines = folders === undefined ? [] : folders !== null && typeof folders === 'object' && !Array.isArray(folders) ? Object.entries(folders) : [folders];
  writeFileSync(join(dir, DATA_CACHE_FILE), [header, ...lines].map((line) => `${JSON.stringify(line)}\n`).join(''));
};

describe('contentHash', () => {
  it('is the base64 sha256 of the bytes', () => {
    expect(contentHash(new TextEncoder().encode('abc'))).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});

describe('DataCache.open', () => {
  it('caches nothing without a folder or without a build id', () => {
    const dir = tempDir();
    expect(DataCache.open(undefined, 'b1')).toBeUndefined();
    expect(DataCache.open(false, 'b1')).toBeUndefined();
    // Unbundled sources (unit tests) have no build id: nothing to key the cache on.
    expect(DataCache.open(dir)).toBeUndefined();
    expect(DataCache.open(dir, undefined)).toBeUndefined();
    expect(DataCache.open(dir, 'b1')).toBeInstanceOf(DataCache);
  });

  it('writes what it was given, under its format and build, and reads it back by path and content', () => {
    const dir = tempDir();
    const first = DataCache.open(dir, 'b1')!;
    expect(list(first).get('a.yaml', 'h1')).toBeUndefined();
    list(first).set('a.yaml', 'h1', record());
    first.save();
    expect(stored(dir)).toEqual({
      format: 'data-cache-v3',
      build: 'b1',
      folders: { [KEY]: { 'a.yaml': ['h1', { decoded: true, value: { title: 'A' }, problems: [problem] }] } },
    });
    expect(readdirSync(dir)).toEqual([DATA_CACHE_FILE]);

    const again = DataCache.open(dir, 'b1')!;
    expect(list(again).get('a.yaml', 'h1')).toEqual(record());
    // Other bytes, another display path or another absolute path: not the same file.
    expect(list(again).get('a.yaml', 'h2')).toBeUndefined();
    expect(again.folder('/list', 'data').get('a.yaml', 'h1')).toBeUndefined();
    expect(again.folder('/other', 'list').get('a.yaml', 'h1')).toBeUndefined();
    expect(list(again).get('b.yaml', 'h1')).toBeUndefined();
    // The same folder asked for again: the same records.
    expect(list(again).get('a.yaml', 'h1')).toEqual(record());
  });

  it.each<[string, unknown]>([
    ['another build', { format: 'data-cache-v3', build: 'b2', folders: { [KEY]: { 'a.yaml': ['h1', record()] } } }],
    ['another format', { format: 'data-cache-v1', build: 'b1', folders: { [KEY]: { 'a.yaml': ['h1', record()] } } }],
    ['the first format', JSON.stringify({ format: 'data-cache-v1', build: 'b1', files: { '/list/a.yaml\u0000list/a.yaml': ['h1', record()] } })],
    ['the second format', { format: 'data-cache-v2', build: 'b1', folders: { [KEY]: { 'a.yaml': ['h1', record()] } } }],
    ['a truncated last line', `${JSON.stringify({ format: 'data-cache-v3', build: 'b1' })}\n${JSON.stringify([KEY, { 'a.yaml': ['h1', record()] }])}\n["${KEY}",{"b.yaml":["h2"`],
    ['a folder line that is not a pair', `${JSON.stringify({ format: 'data-cache-v3', build: 'b1' })}\n${JSON.stringify({ [KEY]: { 'a.yaml': ['h1', record()] } })}\n`],
    ['folders is null', inFormat(null)],
    ['folders is a string', inFormat('x')],
    ['a folder line that is an array of records', inFormat([{ 'a.yaml': ['h1', record()] }])],
    ['a folder that is an array', inFormat({ [KEY]: [['h1', record()]] })],
    ['a folder that is null', inFormat({ [KEY]: null })],
    ['no folders', { format: 'data-cache-v3', build: 'b1' }],
    ['truncated JSON', '{"format":"data-cache-v2","bui'],
    ['not JSON', '\u0000\u0001garbage'],
    ['null', 'null'],
  ])('reads nothing from a cache file with %s, and rewrites it on save', (_, content) => {
    const dir = tempDir();
    write(dir, content);
    const cache = DataCache.open(dir, 'b1')!;
    expect(list(cache).get('a.yaml', 'h1')).toBeUndefined();
    cache.save();
    expect(stored(dir)).toEqual({ format: 'data-cache-v3', build: 'b1', folders: {} });
  });

  it.each<[string, unknown]>([
    ['a record that is not an array', { decoded: true, value: 1, problems: [] }],
    ['a hash that is not a string', [1, record()]],
    ['a null record', ['h1', null]],
    ['a record that is a string', ['h1', 'x']],
    ['decoded that is not a boolean', ['h1', { decoded: 'yes', value: 1, problems: [] }]],
    ['problems that are not an array', ['h1', { decoded: true, value: 1, problems: {} }]],
    ['text that is not an array', ['h1', { decoded: true, value: 1, problems: [], text: {} }]],
    ['places that are null', ['h1', { decoded: true, value: 1, problems: [], places: null }]],
    ['places that are an array', ['h1', { decoded: true, value: 1, problems: [], places: [] }]],
    ['places that are a string', ['h1', { decoded: true, value: 1, problems: [], places: 'x' }]],
  ])('drops an entry with %s and keeps the sound ones', (_, entry) => {
    const dir = tempDir();
    const sound: FileRecord = { decoded: false, value: undefined, problems: [], text: [problem], places: { '["title"]': { line: 1, column: 8 } } };
    write(dir, inFormat({ [KEY]: { 'bad.yaml': entry, 'ok.yaml': ['h1', sound] } }));
    const cache = DataCache.open(dir, 'b1')!;
    expect(list(cache).get('bad.yaml', 'h1')).toBeUndefined();
    expect(list(cache).get('ok.yaml', 'h1')).toEqual(sound);
  });
});

describe('the build id', () => {
  it('comes from the bundle when none is given (scripts/run.mjs defines __TOOL_BUILD__)', () => {
    const dir = tempDir();
    const global = globalThis as { __TOOL_BUILD__?: string };
    global.__TOOL_BUILD__ = 'bundle-7';
    try {
      const cache = DataCache.open(dir)!;
      list(cache).set('a.yaml', 'h1', record());
      cache.save();
    } finally {
      delete global.__TOOL_BUILD__;
    }
    expect((stored(dir) as { build: string }).build).toBe('bundle-7');
  });
});

describe('DataCache.save', () => {
  const oneFile = (dir: string) => {
    const cache = DataCache.open(dir, 'b1')!;
    list(cache).set('a.yaml', 'h1', record());
    list(cache).set('b.yaml', 'h2', record());
    cache.save();
  };

  it.each<[string, unknown]>([
    ['a hash that is not a string', [1, record()]],
    ['an object that looks like a pair', { 0: 'h1', 1: record() }],
  ])('counts no entry with %s: finding the sound ones again writes nothing', (_, entry) => {
    const dir = tempDir();
    write(dir, inFormat({ [KEY]: { 'bad.yaml': entry, 'ok.yaml': ['h1', record()] } }));
    const cache = DataCache.open(dir, 'b1')!;
    expect(list(cache).get('bad.yaml', 'h1')).toBeUndefined();
    list(cache).get('ok.yaml', 'h1');
    write(dir, 'marker');
    cache.save();
    expect(readFileSync(join(dir, DATA_CACHE_FILE), 'utf8')).toBe('marker');
  });

  it('writes its records as lines of JSON: folders and files in the order read, empty folders left out', () => {
    const dir = tempDir();
    const cache = DataCache.open(dir, 'b1')!;
    const big = cache.folder('/list/big', 'list/big');
    cache.folder('/list/none', 'list/none');
    const small = list(cache);
    const names = Array.from({ length: 4501 }, (_, i) => `${String(i).padStart(5, '0')}-p.yaml`);
    for (const name of names) big.set(name, `h-${name}`, { decoded: true, value: { title: `T ${name} é 中` }, problems: [] });
    small.set('b.yaml', 'h2', record());
    small.set('a.yaml', 'h1', record());
    cache.save();
    const expected = {
      format: 'data-cache-v3',
      build: 'b1',
      folders: {
        '/list/big\u0000list/big': Object.fromEntries(names.map((name) => [name, [`h-${name}`, { decoded: true, value: { title: `T ${name} é 中` }, problems: [] }]])),
        [KEY]: { 'b.yaml': ['h2', record()], 'a.yaml': ['h1', record()] },
      },
    };
    expect(stored(dir)).toEqual(expected);
    // A line holds at most 2000 records: the big folder takes three.
    const lines = readFileSync(join(dir, DATA_CACHE_FILE), 'utf8').split('\n');
    expect(lines[0]).toBe('{"format":"data-cache-v3","build":"b1"}');
    expect(lines.at(-1)).toBe('');
    expect(
      lines.slice(1, -1).map((line) => {
        const [key, records] = JSON.parse(line) as [string, object];
        return `${key.replace('\0', ' | ')} ${Object.keys(records)[0]} ${Object.keys(records).length}`;
      }),
    ).toEqual(['/list/big | list/big 00000-p.yaml 2000', '/list/big | list/big 02000-p.yaml 2000', '/list/big | list/big 04000-p.yaml 501', '/list | list b.yaml 2']);
    const again = DataCache.open(dir, 'b1')!;
    expect(again.folder('/list/big', 'list/big').get(names[4500]!, `h-${names[4500]}`)?.value).toEqual({ title: `T ${names[4500]} é 中` });
  });

  it('writes each line whole, byte for byte, and a folder of exactly 2000 records as one line', () => {
    const dir = tempDir();
    const cache = DataCache.open(dir, 'b1')!;
    const full = cache.folder('/d/full', 'd/full');
    for (let i = 0; i < 2000; i++) full.set(`${i}.yaml`, 'h', { decoded: true, value: i, problems: [] });
    cache.folder('/d', 'd').set('x.yaml', 'h\u{1f600}', { decoded: true, value: { t: 'é"\n\u2028' }, problems: [] });
    cache.save();
    const lines = readFileSync(join(dir, DATA_CACHE_FILE), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]!.startsWith('["/d/full\\u0000d/full",{"0.yaml":["h",{"decoded":true,"value":0,"problems":[]}],"1.yaml":')).toBe(true);
    expect(lines[1]!.endsWith(',"1999.yaml":["h",{"decoded":true,"value":1999,"problems":[]}]}]')).toBe(true);
    expect(lines[2]).toBe('["/d\\u0000d",{"x.yaml":["h\u{1f600}",{"decoded":true,"value":{"t":"é\\"\\n\u2028"},"problems":[]}]}]');
    expect(lines[3]).toBe('');
  });

  it('removes its temporary file when the rename fails', () => {
    const dir = tempDir();
    // A folder where the cache file should be: the temporary file is written, the rename fails.
    mkdirSync(join(dir, DATA_CACHE_FILE));
    const cache = DataCache.open(dir, 'b1')!;
    list(cache).set('a.yaml', 'h1', record());
    cache.save();
    expect(readdirSync(dir)).toEqual([DATA_CACHE_FILE]);
  });

  it('does not write when every record was found again unchanged', () => {
    const dir = tempDir();
    oneFile(dir);
    const cache = DataCache.open(dir, 'b1')!;
    list(cache).get('a.yaml', 'h1');
    list(cache).get('b.yaml', 'h2');
    write(dir, 'marker');
    cache.save();
    expect(readFileSync(join(dir, DATA_CACHE_FILE), 'utf8')).toBe('marker');
  });

  it('drops the records of files not read this run', () => {
    const dir = tempDir();
    oneFile(dir);
    const cache = DataCache.open(dir, 'b1')!;
    list(cache).get('a.yaml', 'h1');
    cache.save();
    expect((stored(dir) as { folders: object }).folders).toEqual({ [KEY]: { 'a.yaml': ['h1', record()] } });
  });

  it('writes a record whose bytes changed', () => {
    const dir = tempDir();
    oneFile(dir);
    const cache = DataCache.open(dir, 'b1')!;
    expect(list(cache).get('a.yaml', 'h9')).toBeUndefined();
    list(cache).get('b.yaml', 'h2');
    list(cache).set('a.yaml', 'h9', { decoded: true, value: 2, problems: [] });
    cache.save();
    expect((stored(dir) as { folders: Record<string, Record<string, unknown>> }).folders[KEY]!['a.yaml']).toEqual(['h9', { decoded: true, value: 2, problems: [] }]);
  });

  it('keeps the text findings and places learnt this run, and writes them', () => {
    const dir = tempDir();
    oneFile(dir);
    const cache = DataCache.open(dir, 'b1')!;
    const a = list(cache).get('a.yaml', 'h1')!;
    list(cache).get('b.yaml', 'h2');
    // A source read through the cache carries its record's places (read.ts): the findings are kept on that record.
    const source = lazySource('list/a.yaml', '/list/a.yaml', 'title: A\n', cache.places(a));
    expect(cache.textFindings(source)).toBeUndefined();
    cache.setTextFindings(source, [problem]);
    expect(cache.textFindings(source)).toEqual([problem]);
    // A source not read through this cache has nothing to keep them on.
    const other = DataCache.open(tempDir(), 'b1')!;
    for (const stray of [lazySource('list/c.yaml', '/list/c.yaml', 'title: C\n'), lazySource('list/a.yaml', '/list/a.yaml', 'title: A\n', other.places(record()))]) {
      cache.setTextFindings(stray, [problem]);
      expect(cache.textFindings(stray)).toBeUndefined();
    }
    const places = cache.places(a);
    expect(places.get('["year"]')).toBeUndefined();
    places.set('["year"]', { line: 4, column: 7 });
    expect(places.get('["year"]')).toEqual({ line: 4, column: 7 });
    cache.save();
    const saved = (stored(dir) as { folders: Record<string, Record<string, [string, FileRecord]>> }).folders[KEY]!['a.yaml']!;
    expect(saved).toEqual(['h1', { ...record(), text: [problem], places: { '["year"]': { line: 4, column: 7 } } }]);
  });

  it('writes when only a place was learnt, and when only text findings were', () => {
    for (const learn of ['place', 'text'] as const) {
      const dir = tempDir();
      oneFile(dir);
      const cache = DataCache.open(dir, 'b1')!;
      const a = list(cache).get('a.yaml', 'h1')!;
      list(cache).get('b.yaml', 'h2');
      if (learn === 'place') cache.places(a).set('["title"]', { line: 1, column: 8 });
      else cache.setTextFindings(lazySource('list/a.yaml', '/list/a.yaml', 'title: A\n', cache.places(a)), []);
      write(dir, 'marker');
      cache.save();
      expect(readFileSync(join(dir, DATA_CACHE_FILE), 'utf8'), learn).not.toBe('marker');
    }
  });

  it('ignores a stored place that is not a line and column', () => {
    const dir = tempDir();
    write(dir, {
      format: 'data-cache-v3',
      build: 'b1',
      folders: { [KEY]: { 'a.yaml': ['h1', { decoded: true, value: 1, problems: [], places: { a: { line: '1', column: 2 }, b: { line: 1, column: null }, c: { line: 3, column: 4 } } }] } },
    });
    const cache = DataCache.open(dir, 'b1')!;
    const places = cache.places(list(cache).get('a.yaml', 'h1')!);
    expect([places.get('a'), places.get('b'), places.get('c')]).toEqual([undefined, undefined, { line: 3, column: 4 }]);
  });

  it('costs only the shortcut when the folder cannot be written, and leaves no temporary file', () => {
    const parent = tempDir();
    // A file where the cache folder should be: mkdir and the write fail.
    writeFileSync(join(parent, 'cache'), 'not a folder');
    const cache = DataCache.open(join(parent, 'cache'), 'b1')!;
    list(cache).set('a.yaml', 'h1', record());
    expect(() => cache.save()).not.toThrow();
    expect(readdirSync(parent)).toEqual(['cache']);
    expect(existsSync(join(parent, 'cache', DATA_CACHE_FILE))).toBe(false);
  });

  it('creates the cache folder when it is missing', () => {
    const dir = join(tempDir(), 'deep', 'er');
    const cache = DataCache.open(dir, 'b1')!;
    list(cache).set('a.yaml', 'h1', record());
    cache.save();
    expect(readdirSync(dir)).toEqual([DATA_CACHE_FILE]);
  });
});
