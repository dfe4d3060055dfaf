import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bibOnWorker } from '../../src/bib/bib-worker.js';
import type { LoadedPaper } from '../../src/data/read.js';
import type { PaperFile } from '../../src/data/schema.js';
import { fixtureList, runCli, tempDir, writeFiles } from '../helpers.js';

/**
 * papers.bib written on a second thread (src/bib/bib-worker.ts): build-readme hands a large list's
 * values to a worker while it renders the READMEs. The file must be the same bytes as the main thread
 * writes, and a worker that cannot run says so (build-readme then writes the file itself), leaving no
 * temporary file either way.
 */

/** A list of four papers in two folders: three share a key, one has non-ASCII and LaTeX specials. */
function smallList(): string {
  const dir = fixtureList();
  const papers = join(dir, 'data', 'papers');
  for (const category of readdirSync(papers)) rmSync(join(papers, category), { recursive: true });
  const paper = (title: string, url: string, extra = '') => `title: "${title}"\nauthors:\n  - Ann Lee\nyear: 2020\nurl: https://example.org/${url}\n${extra}`;
  writeFiles(papers, {
    'length-extrapolation/0010-x.yaml': paper('X Marks', 'marks', 'venue: "The Twelfth International Conference on Learning Representations"\n'),
    'length-extrapolation/0020-x.yaml': paper('X Rays', 'rays'),
    'kv-cache-optimization/0010-x.yaml': paper('X Again', 'again', 'venue: "arXiv preprint arXiv:2001.00001"\narxiv: "2001.00001"\n'),
    'kv-cache-optimization/0020-m.yaml': 'title: "Müller & 50% of Tokens"\nauthors:\n  - Jörg Müller\nothers: true\nyear: 2021\nurl: https://example.org/m_1\n',
  });
  return dir;
}

const EXPECTED =
  '% Generated from data/ by `npm run build-readme`; do not edit by hand: edit data/, then run it again.\n\n' +
  // The papers' folders in name order (kv-cache-optimization first), each by file number, as data.papers holds them.
  '@misc{lee2020x,\n  title = {{X Again}},\n  author = {Ann Lee},\n  year = {2020},\n  eprint = {2001.00001},\n  archivePrefix = {arXiv},\n  url = {https://example.org/again},\n}\n\n' +
  '@misc{muller2021muller,\n  title = {{Müller \\& 50\\% of Tokens}},\n  author = {Jörg Müller and others},\n  year = {2021},\n  url = {https://example.org/m_1},\n}\n\n' +
  '@inproceedings{lee2020xb,\n  title = {{X Marks}},\n  author = {Ann Lee},\n  booktitle = {The Twelfth International Conference on Learning Representations},\n  year = {2020},\n  url = {https://example.org/marks},\n}\n\n' +
  '@misc{lee2020xc,\n  title = {{X Rays}},\n  author = {Ann Lee},\n  year = {2020},\n  url = {https://example.org/rays},\n}\n';

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('papers.bib on a second thread', () => {
  it('is written by the worker with the same bytes as by the main thread, in list order, and leaves no temporary file', () => {
    const dir = smallList();
    const env = (worker: string) => ({ LINT_LIST_CACHE_DIR: join(dir, `.cache-${worker}`), LINT_LIST_WORKER_MIN_FILES: worker, LINT_LIST_WORKER_STATS: '1' });
    const on = runCli('build-readme', [], { cwd: dir, env: env('1') });
    expect(on.code, on.stderr).toBe(0);
    // The worker wrote it (the load's own line comes first).
    expect(on.stderr).toMatch(/\nbuild-readme: papers\.bib written on a second thread\n$/);
    expect(readFileSync(join(dir, 'papers.bib'), 'utf8')).toBe(EXPECTED);
    expect(leftovers(dir)).toEqual([]);

    writeFileSync(join(dir, 'papers.bib'), '');
    const off = runCli('build-readme', [], { cwd: dir, env: env('off') });
    expect([off.code, off.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'papers.bib'), 'utf8')).toBe(EXPECTED);
    expect(off.stdout).toBe(on.stdout);
  });

  it('says so when its worker cannot run (here its module is TypeScript source, which a worker thread cannot load), and leaves no file', async () => {
    const dir = tempDir('bib-');
    const temp = join(dir, '.papers.bib.tmp');
    const entry: PaperFile = { title: 'X', year: 2020 };
    const bib = bibOnWorker([{ category: 'a', entry, source: {} as LoadedPaper['source'] }], temp);
    expect(bib).toBeDefined();
    // build-readme then writes papers.bib itself (the same code as the first test's "off" run).
    expect(await bib!.written).toBeUndefined();
    await bib!.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is not started by --check, which compares papers.bib and writes nothing', () => {
    const dir = smallList();
    expect(runCli('build-readme', [], { cwd: dir, env: { LINT_LIST_CACHE_DIR: join(dir, '.cache'), LINT_LIST_WORKER_MIN_FILES: 'off' } }).code).toBe(0);
    // Another cache folder: --check renders and compares rather than trusting the last build's record.
    const check = runCli('build-readme', ['--check'], { cwd: dir, env: { LINT_LIST_CACHE_DIR: join(dir, '.cache-check'), LINT_LIST_WORKER_MIN_FILES: '1', LINT_LIST_WORKER_STATS: '1' } });
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/^build-readme: loaded on two threads: [^\n]*\n$/);
    expect(check.stdout).toBe('README.md, README_zh.md, papers.bib: up to date.\n');
    expect(readFileSync(join(dir, 'papers.bib'), 'utf8')).toBe(EXPECTED);
    expect(leftovers(dir)).toEqual([]);
  });
});
