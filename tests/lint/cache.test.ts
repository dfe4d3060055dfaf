import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problem.js';
import { DATA_CACHE_FILE, DataCache } from '../../src/data/cache.js';
import { lintData } from '../../src/lint/check-list.js';
import { loadForLint } from '../../src/lint/load-for-lint.js';
import { loadData } from '../../src/data/load.js';
import { DEFAULT_RENDER_OPTIONS, renderReadmes } from '../../src/render/build.js';
import { RENDER_CACHE_FILE, renderCached, SITE_CACHE_FILE } from '../../src/render/cache.js';
import { recordSiteWritten, renderSiteCached, siteKey, siteUpToDate } from '../../src/site/build.js';
import { writeTreeAtomic } from '../../src/fs/write.js';
import { renderSite } from '../../src/site/render.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { fixtureList, ROOT, runCli, tempDir } from '../helpers.js';

/**
 * The per-file data cache (src/data/cache.ts): what a run made of each data file is kept, keyed by
 * the file's bytes and the build, so a second run skips parsing and validation. It must never
 * change a finding: these tests compare a run from the cache with a run without one.
 */
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'lint');
const NOW = new Date('2025-06-01T12:00:00Z');

/** lint-list's offline findings on `dir`, through a cache in `cacheDir` kept under `build`. */
async function lintWith(dir: string, cacheDir: string | undefined, build = 'test-build'): Promise<Problem[]> {
  const cache = cacheDir === undefined ? undefined : DataCache.open(cacheDir, build);
  const templatesDir = join(dir, 'templates');
  const templates = existsSync(templatesDir) ? loadTemplates(templatesDir, dir) : undefined;
  const loaded = loadForLint(dir, dir, cache);
  const result = await lintData(loaded.data, { templates, now: NOW, loadProblems: loaded.problems, unloaded: loaded.unloaded, cache });
  cache?.save();
  return result.problems;
}

/** The display paths of the files the cache holds records of (its folders are keyed "<absolute>\0<display>"). */
function storedFiles(cacheDir: string): string[] {
  const lines = readFileSync(join(cacheDir, DATA_CACHE_FILE), 'utf8').split('\n').slice(1, -1);
  return lines.flatMap((line) => {
    const [key, files] = JSON.parse(line) as [string, Record<string, unknown>];
    return Object.keys(files).map((name) => [key.split('\0')[1], name].filter(Boolean).join('/'));
  });
}

describe('data cache', () => {
  it('gives every lint fixture the same findings, fixes and places from the cache as without it', async () => {
    for (const rule of readdirSync(FIXTURES).sort()) {
      for (const kind of ['fail', 'pass']) {
        const dir = join(FIXTURES, rule, kind);
        const cacheDir = tempDir('data-cache-');
        const plain = await lintWith(dir, undefined);
        const cold = await lintWith(dir, cacheDir);
        const warm = await lintWith(dir, cacheDir);
        expect(cold, `${rule}/${kind} cold`).toEqual(plain);
        expect(warm, `${rule}/${kind} from the cache`).toEqual(plain);
      }
    }
  });

  it('keeps a record per data file read, and takes them on the next run', async () => {
    const dir = join(FIXTURES, 'whitespace', 'fail');
    const cacheDir = tempDir('data-cache-');
    await lintWith(dir, cacheDir);
    expect(storedFiles(cacheDir).sort()).toEqual(['categories.yaml', 'papers/alpha/0010-spaces.yaml', 'papers/alpha/0020-tab.yaml']);
    const cache = DataCache.open(cacheDir, 'test-build')!;
    const { data } = loadForLint(dir, dir, cache);
    // Every file came from the cache, text findings included: nothing new to write.
    const tab = data.papers.find((p) => p.source.file === 'papers/alpha/0020-tab.yaml')!;
    expect(cache.textFindings(tab.source)?.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual(['6:5 whitespace']);
  });

  it('reads a file again when its bytes change, even with the same size and modification time', async () => {
    const dir = tempDir('data-cache-list-');
    cpSync(join(FIXTURES, 'whitespace', 'pass'), dir, { recursive: true });
    const cacheDir = tempDir('data-cache-');
    const [paper] = readdirSync(join(dir, 'papers', 'alpha'));
    const path = join(dir, 'papers', 'alpha', paper!);
    const before = readFileSync(path, 'utf8');
    expect(before).toContain('year: 2024');
    const stamp = new Date('2025-01-01T00:00:00Z');
    utimesSync(path, stamp, stamp);
    expect(await lintWith(dir, cacheDir)).toEqual([]);

    // One byte changes, the size stays, the timestamps are put back: only the content tells.
    writeFileSync(path, before.replace('year: 2024', 'year: 1024'));
    utimesSync(path, stamp, stamp);
    expect(statSync(path).size).toBe(Buffer.byteLength(before));
    expect(statSync(path).mtimeMs).toBe(stamp.getTime());
    const after = await lintWith(dir, cacheDir);
    expect(after.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual([`papers/alpha/${paper}:${before.split('\n').findIndex((l) => l.startsWith('year:')) + 1}:7 year`]);
  });

  it('ignores a corrupt or foreign cache file and writes a good one over it', async () => {
    const dir = join(FIXTURES, 'missing-url', 'fail');
    const expected = await lintWith(dir, undefined);
    expect(expected.map((p) => p.rule)).toContain('missing-url');
    const cacheDir = tempDir('data-cache-');
    const file = join(cacheDir, DATA_CACHE_FILE);
    await lintWith(dir, cacheDir);
    const good = readFileSync(file, 'utf8');
    for (const bad of [
      'not json {',
      '',
      `${JSON.stringify({ format: 'data-cache-v3', build: 'test-build' })}\n["x",1]\n`,
      // Valid records under the right keys but with their findings emptied: another build's, so never used.
      good.replace(/"problems":\[[^\]]*\]/g, '"problems":[]').replace(/"text":\[[^\]]*\]/g, '"text":[]').replace('"build":"test-build"', '"build":"other-build"'),
      // The same tampering under this build, but with the hashes of other bytes: no record matches.
      good.replace(/"problems":\[[^\]]*\]/g, '"problems":[]').replace(/"text":\[[^\]]*\]/g, '"text":[]').replace(/\["[A-Za-z0-9+/=]{44}"/g, '["AAAA"'),
      good.slice(0, good.length / 2),
    ]) {
      writeFileSync(file, bad);
      expect(await lintWith(dir, cacheDir), bad.slice(0, 40)).toEqual(expected);
      expect(JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!)).toEqual({ format: 'data-cache-v3', build: 'test-build' });
      expect(await lintWith(dir, cacheDir)).toEqual(expected);
    }
  });

  it('caches nothing without a build id (the sources run unbundled)', () => {
    expect(DataCache.open(tempDir('data-cache-'), undefined)).toBeUndefined();
    expect(DataCache.open(false, 'b')).toBeUndefined();
  });

  it('lint-list and build-readme give the same output from a kept cache as from an empty one', () => {
    const dir = fixtureList();
    // A finding on a paper, so the cached run has something to report.
    const papers = join(dir, 'data', 'papers');
    const category = readdirSync(papers).sort()[0]!;
    const first = readdirSync(join(papers, category)).sort()[0]!;
    const path = join(papers, category, first);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^venue: /m);
    writeFileSync(path, text.replace(/^venue: .*$/m, 'venue: "Two  spaces"'));
    const env = { LINT_LIST_CACHE_DIR: join(dir, '.cache-test') };
    const cold = runCli('lint-list', ['--format', 'json'], { cwd: dir, env });
    expect(cold.stdout).toContain('"rule": "whitespace"');
    expect(existsSync(join(dir, '.cache-test', DATA_CACHE_FILE))).toBe(true);
    const warm = runCli('lint-list', ['--format', 'json'], { cwd: dir, env });
    expect({ ...warm }).toEqual({ ...cold });

    writeFileSync(path, text);
    const built = runCli('build-readme', ['--out', 'a'], { cwd: dir, env });
    expect(built.code).toBe(0);
    const again = runCli('build-readme', ['--out', 'b'], { cwd: dir, env });
    expect(again.code).toBe(0);
    for (const name of ['README.md', 'README_zh.md', 'papers.bib']) expect(readFileSync(join(dir, 'b', name), 'utf8')).toBe(readFileSync(join(dir, 'a', name), 'utf8'));
  });

  it('lint-list and build-readme work without their cache when a file stands where its folder should be', () => {
    const dir = fixtureList();
    // It crashed once: removing the temporary file after a failed write threw ENOTDIR.
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const env = { LINT_LIST_CACHE_DIR: join(dir, 'not-a-folder') };
    expect(runCli('lint-list', [], { cwd: dir, env })).toEqual({ code: 0, stdout: 'No problems.\n', stderr: '' });
    const built = runCli('build-readme', ['--check'], { cwd: dir, env });
    expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
    expect(built.stdout).toBe('README.md, README_zh.md, papers.bib: up to date.\n');
  });
});

describe('render cache', () => {
  /** READMEs of `dir` rendered through renderCached (build "test-build"), and rendered plainly. */
  async function both(dir: string, cacheDir: string, pages: 'auto' | 'always' = 'auto') {
    const data = loadData(join(dir, 'data'), dir).value;
    const templates = loadTemplates(join(dir, 'templates'), dir);
    const options = { ...DEFAULT_RENDER_OPTIONS, pages };
    const inputs = { data, templates, outDir: dir, options: JSON.stringify(options) };
    let rendered = 0;
    const cached = await renderCached(inputs, cacheDir, ({ lists }) => {
      rendered++;
      return renderReadmes(data, templates, dir, options, lists);
    }, 'test-build');
    return { cached, plain: renderReadmes(data, templates, dir, options), rendered };
  }

  it('gives the output a plain render gives, before and after an edit, in both page modes', async () => {
    for (const pages of ['auto', 'always'] as const) {
      const dir = fixtureList();
      const cacheDir = tempDir('render-cache-');
      const first = await both(dir, cacheDir, pages);
      expect(first.rendered).toBe(1);
      expect(first.cached).toEqual(first.plain);
      const again = await both(dir, cacheDir, pages);
      expect(again.rendered).toBe(0);
      expect(again.cached).toEqual(first.plain);

      // One paper's title changes: its category's list is serialised again, the others come from the cache.
      const papers = join(dir, 'data', 'papers');
      const category = readdirSync(papers).sort()[0]!;
      const path = join(papers, category, readdirSync(join(papers, category)).sort()[0]!);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "A Title Nobody Wrote Before"'));
      const edited = await both(dir, cacheDir, pages);
      expect(edited.rendered).toBe(1);
      expect(edited.cached).toEqual(edited.plain);
      expect(edited.plain.value.map((f) => f.content).join('')).toContain('A Title Nobody Wrote Before');
    }
  });

  it('ignores a corrupt cache file', async () => {
    const dir = fixtureList();
    const cacheDir = tempDir('render-cache-');
    const first = await both(dir, cacheDir);
    const file = join(cacheDir, RENDER_CACHE_FILE);
    const good = readFileSync(file, 'utf8');
    for (const bad of ['{', 'null', good.slice(0, 100), good.replace(/"build":"test-build"/, '"build":"other"').replace(/\* \*\*\[/g, '* **[X')]) {
      writeFileSync(file, bad);
      const run = await both(dir, cacheDir);
      expect(run.rendered).toBe(1);
      expect(run.cached).toEqual(first.plain);
    }
  });
});

describe('site cache', () => {
  it('gives the files a plain build gives, before and after an edit', async () => {
    const dir = fixtureList();
    const cacheDir = tempDir('site-cache-');
    const script = Promise.resolve('/* the client */');
    const figure = new Uint8Array([1, 2, 3]);
    const site = async () => {
      const data = loadData(join(dir, 'data'), dir).value;
      const cached = await renderSiteCached(data, script, figure, cacheDir, 'test-build');
      const plain = await renderSite(data, script, figure);
      return { cached, plain };
    };
    const first = await site();
    expect(first.cached).toEqual(first.plain);
    expect(existsSync(join(cacheDir, SITE_CACHE_FILE))).toBe(true);
    expect((await site()).cached).toEqual(first.plain);
    const papers = join(dir, 'data', 'papers');
    const category = readdirSync(papers).sort()[0]!;
    const path = join(papers, category, readdirSync(join(papers, category)).sort()[0]!);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "A Title Nobody Wrote Before"'));
    const edited = await site();
    expect(edited.cached).toEqual(edited.plain);
    expect(String(edited.plain.get('index.html'))).toContain('A Title Nobody Wrote Before');
  });

  it('leaves a folder it wrote for the same inputs alone, and no other', async () => {
    const dir = fixtureList();
    const cacheDir = tempDir('site-written-');
    const out = join(tempDir('site-out-'), 'site');
    const script = '/* the client */';
    const figure = new Uint8Array([1, 2, 3]);
    const data = loadData(join(dir, 'data'), dir).value;
    const key = siteKey(data, script, figure, cacheDir, 'test-build');
    expect(siteUpToDate(out, key, cacheDir)).toBeUndefined();
    const files = await renderSiteCached(data, Promise.resolve(script), figure, cacheDir, 'test-build');
    writeTreeAtomic(out, files, { replace: true });
    recordSiteWritten(out, key, cacheDir);
    const sizes = siteUpToDate(out, key, cacheDir);
    expect(sizes).toEqual(new Map([...files].map(([name, content]) => [name, Buffer.byteLength(content)])));
    // Another script, another figure, another folder or build: not the same inputs.
    expect(siteUpToDate(out, siteKey(data, '/* another */', figure, cacheDir, 'test-build'), cacheDir)).toBeUndefined();
    expect(siteUpToDate(out, siteKey(data, script, undefined, cacheDir, 'test-build'), cacheDir)).toBeUndefined();
    expect(siteUpToDate(out, siteKey(data, script, figure, cacheDir, 'other-build'), cacheDir)).toBeUndefined();
    expect(siteUpToDate(`${out}-2`, key, cacheDir)).toBeUndefined();
    expect(siteKey(data, script, figure, false, 'test-build')).toBeUndefined();
    expect(siteKey(data, script, figure, cacheDir, undefined)).toBeUndefined();
    // A file touched, added or removed in the folder: build again.
    const page = join(out, 'index.html');
    const { atime, mtime } = statSync(page);
    utimesSync(page, atime, new Date(mtime.getTime() + 5000));
    expect(siteUpToDate(out, key, cacheDir)).toBeUndefined();
    recordSiteWritten(out, key, cacheDir);
    expect(siteUpToDate(out, key, cacheDir)).toEqual(sizes);
    writeFileSync(join(out, 'zh', 'extra.html'), '');
    expect(siteUpToDate(out, key, cacheDir)).toBeUndefined();
    // A file where the cache folder should be: nothing kept, nothing thrown.
    const blocked = join(tempDir('site-blocked-'), 'cache');
    writeFileSync(blocked, '');
    expect(() => recordSiteWritten(out, key, blocked)).not.toThrow();
    expect(siteUpToDate(out, key, blocked)).toBeUndefined();
  });
});

describe('cache files that cannot be written', () => {
  it('a folder where a cache file goes: the commands still succeed, and no temporary file is left', () => {
    const dir = fixtureList();
    const cacheDir = join(dir, '.c');
    for (const name of ['anchors.json', 'readme.json', 'readme-lists.json', DATA_CACHE_FILE]) mkdirSync(join(cacheDir, name), { recursive: true });
    const env = { LINT_LIST_CACHE_DIR: cacheDir };
    for (let i = 0; i < 2; i++) {
      // Spawned: the caches are kept only by a bundled build (it has a build id).
      expect(runCli('lint-list', [], { cwd: dir, env }).code).toBe(0);
      expect(runCli('build-readme', [], { cwd: dir, env }).code).toBe(0);
    }
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
