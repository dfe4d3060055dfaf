import { execFileSync } from 'node:child_process';
import { constants, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData, MAX_DATA_FILE_BYTES } from '../../src/data/load.js';
import { contentHash } from '../../src/data/cache.js';
import { Prefetch, type Prefetched } from '../../src/data/prefetch.js';
import { loaderProblemFiles, tempDir, writeFiles } from '../helpers.js';

/**
 * Reading a large data/ ahead on a worker thread (src/data/prefetch.ts): the worker hands over only
 * the bytes of regular files within the cap; everything else is left to the main thread, so a load
 * with the prefetch gives exactly what a load without it gives.
 */

const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function list(files: Record<string, string | Buffer>): string {
  const dir = tempDir('core-prefetch-');
  writeFiles(dir, files);
  return dir;
}

const text = (file: Prefetched | undefined) => file?.bytes.toString('latin1');

describe('Prefetch', () => {
  it('hands over the bytes of regular files in order, across batches, and nothing for the rest', () => {
    const names = Array.from({ length: 600 }, (_, i) => `${String(i).padStart(4, '0')}-p.yaml`);
    const files: Record<string, string | Buffer> = {};
    names.forEach((name, i) => (files[`a/${name}`] = `title: "P${i}"\n`.repeat(i % 7)));
    files['b/1-bom.yaml'] = Buffer.from([0xef, 0xbb, 0xbf, 0xe9, 0x0a]);
    files['b/2-over.yaml'] = 'x'.repeat(MAX_DATA_FILE_BYTES + 1);
    files['b/3-fits.yaml'] = 'y'.repeat(MAX_DATA_FILE_BYTES);
    files['b/6-real.yaml'] = 'real\n';
    const dir = list(files);
    symlinkSync(join(dir, 'b/6-real.yaml'), join(dir, 'b/4-link.yaml'));
    execFileSync('mkfifo', [join(dir, 'b/5-pipe.yaml')]);
    mkdirSync(join(dir, 'b/7-folder.yaml'));
    const b = ['1-bom.yaml', '2-over.yaml', '3-fits.yaml', '4-link.yaml', '5-pipe.yaml', '6-real.yaml', '7-folder.yaml', '8-gone.yaml'];
    const prefetch = new Prefetch([{ dir: join(dir, 'a'), names }, { dir: join(dir, 'b'), names: b }], FLAGS, MAX_DATA_FILE_BYTES, true);
    const taken = [...names, ...b].map((_, i) => prefetch.take(i));
    prefetch.close();
    const got = taken.map(text);
    // Each with its hash, the data cache's key, as the main thread would compute it.
    for (const file of taken) if (file) expect(file.hash).toBe(contentHash(file.bytes));
    expect(taken[3]!.hash).toBe('dICqYM3aBi7WUDTg5Gabs0D+TgKRULAJSf4jmsfbVpg=');
    expect(got.slice(0, 600)).toEqual(names.map((_, i) => `title: "P${i}"\n`.repeat(i % 7)));
    expect(got.slice(600)).toEqual(['\u00ef\u00bb\u00bf\u00e9\n', undefined, 'y'.repeat(MAX_DATA_FILE_BYTES), undefined, undefined, 'real\n', undefined, undefined]);
    // Past the end: nothing.
    expect(prefetch.take(608)).toBeUndefined();
    expect(prefetch.take(-1)).toBeUndefined();
  });

  it('can stop early, and has nothing for an empty list', () => {
    const dir = list({ 'a/1.yaml': 'one\n', 'a/2.yaml': 'two\n' });
    const early = new Prefetch([{ dir: join(dir, 'a'), names: ['1.yaml', '2.yaml'] }], FLAGS, MAX_DATA_FILE_BYTES, true);
    expect(text(early.take(0))).toBe('one\n');
    early.close();
    early.close();
    const none = new Prefetch([], FLAGS, MAX_DATA_FILE_BYTES);
    expect(none.take(0)).toBeUndefined();
    none.close();
  });

  it('does not keep the loader waiting while it starts, skips what the loader read meanwhile, then keeps pace', { timeout: 90_000 }, () => {
    const names = Array.from({ length: 1800 }, (_, i) => `${String(i).padStart(4, '0')}-p.yaml`);
    const files: Record<string, string> = {};
    names.forEach((name, i) => (files[`a/${name}`] = `title: "P${i}"\n`));
    const dir = list(files);
    const prefetch = new Prefetch([{ dir: join(dir, 'a'), names }], FLAGS, MAX_DATA_FILE_BYTES);
    // Asked the instant it is made, before its thread can have read anything: nothing, at once.
    expect(prefetch.take(0)).toBeUndefined();
    // The loader reads the next files itself (this loop takes far less than a thread takes to start).
    for (let i = 1; i < 1000; i++) prefetch.take(i);
    // Then the worker's files come; until its first batch, a take may still find nothing.
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    let first = -1;
    const wrong: number[] = [];
    for (let i = 1000; i < names.length; i++) {
      const file = prefetch.take(i);
      if (file === undefined) {
        if (first >= 0) wrong.push(i);
        else Atomics.wait(sleep, 0, 0, 25);
        continue;
      }
      if (first < 0) first = i;
      if (file.bytes.toString() !== `title: "P${i}"\n`) wrong.push(i);
    }
    prefetch.close();
    expect(first).toBeGreaterThanOrEqual(1000);
    // Once up, every file comes from it, right: the loader waits for a batch rather than outrun it.
    expect(wrong).toEqual([]);
    // The worker started where the loader was, not at file 0: at most one batch came too late to use.
    expect(prefetch.dropped).toBeLessThanOrEqual(1);
  });
});

describe('loading with the prefetch', () => {
  it('gives the same papers, problems and order as a load without it', () => {
    const files = loaderProblemFiles();
    for (let i = 0; i < 40; i++) files[`papers/beta/${1000 + i}-p.yaml`] = `title: "Paper ${i}"\nyear: 2024\n`;
    const dir = list(files);
    symlinkSync(join(dir, 'papers/alpha/0010-good.yaml'), join(dir, 'papers/alpha/0050-link.yaml'));
    const shape = (result: ReturnType<typeof loadData>) => ({
      problems: result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`),
      papers: result.value.papers.map((p) => [p.source.file, p.category, p.entry, p.source.text]),
    });
    const without = shape(loadData(dir, dir, { prefetchMin: Number.POSITIVE_INFINITY }));
    const withIt = shape(loadData(dir, dir, { prefetchMin: 1 }));
    expect(without.papers).toHaveLength(42);
    // (The two strays come in the order the folder lists them.)
    expect(without.problems.map((p) => p.split(' ').slice(0, 2).join(' ')).sort()).toEqual([
      'papers/alpha/0020-schema.yaml:2:7 year',
      'papers/alpha/0030-latin1.yaml:1:12 encoding',
      'papers/alpha/0040-over.yaml:1:1 stray-file',
      'papers/alpha/0050-link.yaml:1:1 stray-file',
      'papers/alpha/notes.txt:1:1 stray-file',
      'papers/beta/0020-syntax.yaml:1:8 yaml-syntax',
    ]);
    expect(withIt).toEqual(without);
  });
});
