import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { DEFAULT_RENDER_OPTIONS, readmeRender, renderReadmes } from '../../src/render/build.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { inputKey } from '../../src/render/cache.js';
import { README_CACHE_FILE, README_LISTS_FILE, ReadmeCache, digestOf, onDisk } from '../../src/render/readme-cache.js';
import { fixtureList, runCli, runInProcess, tempDir } from '../helpers.js';

/**
 * build-readme's cache (src/render/readme-cache.ts) keeps the digests of what the last build wrote and
 * each category's list. It must never stand in for a file that is not on disk as it was written, and
 * an edited paper must re-serialise its own category only.
 */

function inputsOf(dir: string) {
  const data = loadData(join(dir, 'data'), dir).value;
  const templates = loadTemplates(join(dir, 'templates'), dir);
  return { data, templates, outDir: dir, options: JSON.stringify(DEFAULT_RENDER_OPTIONS) };
}

/** The first paper file of the first category (sorted), and that category's id. */
function firstPaper(dir: string): { path: string; category: string } {
  const papers = join(dir, 'data', 'papers');
  const category = readdirSync(papers).sort()[0]!;
  return { path: join(papers, category, readdirSync(join(papers, category)).sort()[0]!), category };
}

describe('build-readme with its cache', () => {
  it('leaves files it wrote alone, rewrites a hand-edited one, and --check is not fooled by the cache', () => {
    const dir = fixtureList();
    const env = { LINT_LIST_CACHE_DIR: join(dir, '.cache-test') };
    const first = runCli('build-readme', [], { cwd: dir, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote README\.md \(\d+ bytes\), README_zh\.md \(\d+ bytes\), papers\.bib \(\d+ bytes\) from 64 entries\.\n$/);
    const readme = readFileSync(join(dir, 'README.md'));
    const before = statSync(join(dir, 'README.md'));

    const second = runCli('build-readme', [], { cwd: dir, env });
    expect(second).toEqual({ code: 0, stdout: first.stdout.replace(/^Wrote /, 'Up to date: '), stderr: '' });
    const after = statSync(join(dir, 'README.md'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    // Same size, one byte changed: the digest, not the size, decides.
    const edited = Buffer.from(readme);
    edited[edited.length - 2] = edited[edited.length - 2] === 0x61 ? 0x62 : 0x61;
    writeFileSync(join(dir, 'README.md'), edited);
    const check = runCli('build-readme', ['--check'], { cwd: dir, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^--- README\.md \(committed\)\n/);
    expect(check.stderr).toMatch(/^build-readme --check: 1 of 3 files differ/);

    const third = runCli('build-readme', [], { cwd: dir, env });
    expect(third).toEqual({ code: 0, stdout: first.stdout, stderr: '' });
    expect(readFileSync(join(dir, 'README.md')).equals(readme)).toBe(true);
  });
});

describe('ReadmeCache', () => {
  it('knows the outputs only for the same inputs and build, and keeps the lists of unchanged categories', () => {
    const dir = fixtureList();
    const cacheDir = tempDir('readme-cache-');
    const inputs = inputsOf(dir);
    const cache = ReadmeCache.open(inputs, cacheDir, 'test-build');
    expect(cache.outputs).toBeUndefined();
    expect(cache.lists().size).toBe(0);
    const lists = new Map();
    const files = renderReadmes(inputs.data, inputs.templates, dir, DEFAULT_RENDER_OPTIONS, lists).value;
    const digests = files.map((f) => digestOf(f.name, Buffer.from(f.content)));
    cache.save(digests, lists);
    const categories = [...lists.keys()].sort();
    expect(categories).toHaveLength(12);

    const again = ReadmeCache.open(inputsOf(dir), cacheDir, 'test-build');
    expect(again.outputs).toEqual(digests);
    expect([...again.lists().keys()].sort()).toEqual(categories);
    expect(again.lists().get(categories[0]!)).toEqual(lists.get(categories[0]!));
    expect(ReadmeCache.open(inputsOf(dir), cacheDir, 'other-build').outputs).toBeUndefined();
    expect(ReadmeCache.open(inputsOf(dir), cacheDir, 'other-build').lists().size).toBe(0);
    expect(ReadmeCache.open({ ...inputsOf(dir), options: '{}' }, cacheDir, 'test-build').outputs).toBeUndefined();
    expect(ReadmeCache.open(inputsOf(dir), false, 'test-build').outputs).toBeUndefined();

    // One paper edited: no outputs, and every list but its category's.
    const { path, category } = firstPaper(dir);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "A Title Nobody Wrote Before"'));
    const edited = ReadmeCache.open(inputsOf(dir), cacheDir, 'test-build');
    expect(edited.outputs).toBeUndefined();
    expect([...edited.lists().keys()].sort()).toEqual(categories.filter((id) => id !== category));
    const kept = edited.lists();
    const rendered = renderReadmes(inputsOf(dir).data, inputs.templates, dir, DEFAULT_RENDER_OPTIONS, kept).value;
    expect(rendered).toEqual(renderReadmes(inputsOf(dir).data, inputs.templates, dir).value);
    expect(rendered.map((f) => f.content).join('')).toContain('A Title Nobody Wrote Before');
  });

  it('keys the inputs by every paper: its text, its file name and its category', () => {
    const dir = fixtureList();
    const key = () => inputKey('b', inputsOf(dir));
    const first = key();
    expect(key()).toBe(first);
    const { path, category } = firstPaper(dir);
    const text = readFileSync(path, 'utf8');
    const seen = new Set([first]);
    const expectNew = () => {
      const next = key();
      expect(seen.has(next)).toBe(false);
      seen.add(next);
    };
    // One byte more in a paper.
    writeFileSync(path, `${text}\n`);
    expectNew();
    writeFileSync(path, text);
    expect(key()).toBe(first);
    // The same text under another name in its category, then in another category.
    // Still first in its folder, so only the name differs.
    const renamed = join(dir, 'data', 'papers', category, '0000-renamed.yaml');
    rmSync(path);
    writeFileSync(renamed, text);
    expectNew();
    const other = readdirSync(join(dir, 'data', 'papers')).sort().find((c) => c !== category)!;
    rmSync(renamed);
    writeFileSync(join(dir, 'data', 'papers', other, 'zzzz-renamed.yaml'), text);
    expectNew();
  });

  it("keys a list the same whether the loader gave each file's digest (data cache) or not", async () => {
    const dir = fixtureList();
    const { DataCache } = await import('../../src/data/cache.js');
    const { readData } = await import('../../src/data/read.js');
    const { parseDataFile } = await import('../../src/data/parse.js');
    const cacheDir = tempDir('data-cache-');
    const withCache = () => readData(join(dir, 'data'), dir, parseDataFile, { cache: DataCache.open(cacheDir, 'test-build') }).value;
    const plain = inputsOf(dir);
    const key = inputKey('b', plain);
    // First run fills the data cache, the second reads from it: both give the loader's digests.
    expect(inputKey('b', { ...plain, data: withCache() })).toBe(key);
    expect(inputKey('b', { ...plain, data: withCache() })).toBe(key);
  });

  it('ignores corrupt or foreign cache files', () => {
    const dir = fixtureList();
    const cacheDir = tempDir('readme-cache-');
    const inputs = inputsOf(dir);
    const lists = new Map();
    const files = renderReadmes(inputs.data, inputs.templates, dir, DEFAULT_RENDER_OPTIONS, lists).value;
    ReadmeCache.open(inputs, cacheDir, 'test-build').save(files.map((f) => digestOf(f.name, Buffer.from(f.content))), lists);
    const good = readFileSync(join(cacheDir, README_CACHE_FILE), 'utf8');
    const goodLists = readFileSync(join(cacheDir, README_LISTS_FILE), 'utf8');
    for (const bad of ['{', 'null', '[]', good.slice(0, 40), good.replace('"sha256":"', '"sha256":1,"x":"'), good.replace(/"format":"[^"]*"/, '"format":"other"')]) {
      writeFileSync(join(cacheDir, README_CACHE_FILE), bad);
      expect(ReadmeCache.open(inputs, cacheDir, 'test-build').outputs).toBeUndefined();
    }
    for (const bad of ['{', 'null', goodLists.slice(0, 60), goodLists.replace(/"format":"[^"]*"/, '"format":"other"')]) {
      writeFileSync(join(cacheDir, README_LISTS_FILE), bad);
      expect(ReadmeCache.open(inputs, cacheDir, 'test-build').lists().size).toBe(0);
    }
  });

  it('takes a file as on disk only with the same bytes', () => {
    const dir = tempDir('on-disk-');
    writeFileSync(join(dir, 'a.md'), 'abc\n');
    const digest = digestOf('a.md', Buffer.from('abc\n'));
    expect(digest).toEqual({ name: 'a.md', bytes: 4, sha256: '7eqv8/F3StKIhnN3DG1kCX45G8Ni19b7NJgt3w79GMs=' });
    expect(onDisk(dir, [digest])).toBe(true);
    writeFileSync(join(dir, 'a.md'), 'abd\n');
    expect(onDisk(dir, [digest])).toBe(false);
    writeFileSync(join(dir, 'a.md'), 'abc\n\n');
    expect(onDisk(dir, [digest])).toBe(false);
    expect(onDisk(dir, [{ ...digest, name: 'missing.md' }])).toBe(false);
    expect(onDisk(dir, [{ ...digest, name: '.' }])).toBe(false);
  });
});

describe('readmeRender', () => {
  it('gives the files renderReadmes gives, one at a time, in the same order', () => {
    const dir = fixtureList();
    const { data, templates } = inputsOf(dir);
    const render = readmeRender(data, templates, dir, { ...DEFAULT_RENDER_OPTIONS, pages: 'always' });
    expect(render.problems).toEqual([]);
    const iterator = render.files();
    const firstFile = iterator.next();
    expect(firstFile.done).toBe(false);
    expect(firstFile.value?.name).toBe('README.md');
    const all = renderReadmes(data, templates, dir, { ...DEFAULT_RENDER_OPTIONS, pages: 'always' }).value;
    expect([firstFile.value, ...iterator]).toEqual(all);
    expect(all.map((f) => f.name).filter((n) => !n.startsWith('pages/'))).toEqual(['README.md', 'README_zh.md']);
  });
});

describe('build-readme against a hostile output folder or cache folder', () => {
  it('writes none of its files when a folder stands where one of them goes', async () => {
    const dir = fixtureList();
    const readme = readFileSync(join(dir, 'README.md'));
    const { path } = firstPaper(dir);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "A Title Nobody Wrote Before"'));
    rmSync(join(dir, 'papers.bib'));
    mkdirSync(join(dir, 'papers.bib'));
    const run = await runInProcess('build-readme', [], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'build-readme: could not write: papers.bib is a folder, not a file; move it away and run again. Nothing was written.\n' });
    expect(readFileSync(join(dir, 'README.md')).equals(readme)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never reads through a committed README.md that is a link, and replaces the link with the file', async () => {
    const dir = fixtureList();
    const outside = join(tempDir('outside-'), 'secret.txt');
    writeFileSync(outside, 'TOP-SECRET-LINE\n');
    const readme = readFileSync(join(dir, 'README.md'));
    rmSync(join(dir, 'README.md'));
    symlinkSync(outside, join(dir, 'README.md'));
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('--- README.md (committed)\nREADME.md is not a regular file (a link, a folder or a pipe), so it is not read; run npm run build-readme to replace it.\n');
    expect(check.stderr).not.toContain('TOP-SECRET');
    expect((await runInProcess('build-readme', [], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(dir, 'README.md')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'README.md')).equals(readme)).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('TOP-SECRET-LINE\n');
  });

  it('does not wait on a named pipe where a cache file should be', () => {
    const dir = fixtureList();
    const cacheDir = join(dir, '.cache-test');
    const env = { LINT_LIST_CACHE_DIR: cacheDir };
    const cold = runCli('build-readme', ['--check'], { cwd: dir, env });
    expect(cold.code).toBe(0);
    const lintCold = runCli('lint-list', [], { cwd: dir, env });
    for (const name of readdirSync(cacheDir)) {
      rmSync(join(cacheDir, name));
      execFileSync('mkfifo', [join(cacheDir, name)]);
    }
    // A hang is killed after a minute (code null), far longer than these runs take on a busy machine.
    expect(runCli('build-readme', ['--check'], { cwd: dir, env, timeoutMs: 60_000 })).toEqual(cold);
    expect(runCli('lint-list', [], { cwd: dir, env, timeoutMs: 60_000 })).toEqual(lintCold);
  });
});
