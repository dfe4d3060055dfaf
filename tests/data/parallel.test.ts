import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import type { ParallelLoad } from '../../src/data/parallel.js';
import { loaderProblemFiles, tempDir, writeFiles } from '../helpers.js';

/**
 * Loading a large data/ on two threads (src/data/parallel.ts). The real worker module runs only from
 * the launcher's bundle (tests/lint/load-worker.test.ts runs it through the command); here stand-in
 * workers, plain .mjs files that speak the same protocol, fail in each way a worker can: the main
 * thread must then load what the worker did not hand over, and give what a load without a worker gives.
 */

/** Files per batch in parallel.ts: the planted list's 307 paper files make three. */
const BATCH = 128;
const PAPERS = 307;

function list(files: Record<string, string | Buffer>): string {
  const dir = tempDir('data-parallel-');
  writeFiles(dir, files);
  return dir;
}

/** A list with a problem of every kind the loader reports, and enough papers for three batches. */
function plantedList(): string {
  const files: Record<string, string | Buffer> = { ...loaderProblemFiles(), 'papers/alpha/0060-dup-keys.yaml': 'title: "One"\ntitle: "Two"\nyear: 2024\n' };
  for (let i = 0; i < 300; i++) files[`papers/beta/${1000 + i}-p.yaml`] = `title: "Paper ${i}"\nyear: 2024\nurl: https://example.org/${i}\n`;
  const dir = list(files);
  symlinkSync(join(dir, 'papers/alpha/0010-good.yaml'), join(dir, 'papers/alpha/0050-link.yaml'));
  execFileSync('mkfifo', [join(dir, 'papers/beta/0030-pipe.yaml')]);
  return dir;
}

const shape = (result: ReturnType<typeof loadData>) => ({
  problems: result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`),
  papers: result.value.papers.map((p) => [p.source.file, p.category, p.entry, p.source.text]),
});

/** A stand-in worker: `body` runs with workerData's parts in scope, after the module's imports. */
function worker(body: string): string {
  const path = join(tempDir('data-parallel-worker-'), 'worker.mjs');
  writeFileSync(
    path,
    `import { workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const { folders, batch, port, state, claims } = workerData;
const paths = folders.flatMap(({ dir, names }) => names.map((name) => join(dir, name)));
const post = (message, transfer = []) => { port.postMessage(message, transfer); Atomics.add(state, 1, 1); Atomics.notify(state, 1); };
// Started: the main thread (told to wait for it) begins its walk once the batches below are claimed.
const started = () => { Atomics.store(state, 4, 1); Atomics.notify(state, 4); };
${body}
`,
  );
  return pathToFileURL(path).href;
}

function load(dir: string, url: string | undefined, awaitStartMs = 5000): { result: ReturnType<typeof shape>; stats: ParallelLoad['stats'] | undefined } {
  let stats: ParallelLoad['stats'] | undefined;
  const result = loadData(dir, dir, { prefetchMin: Number.POSITIVE_INFINITY, ...(url ? { parallel: { url, min: 1, stallMs: 300, awaitStartMs, stats: (s) => (stats = { ...s }) } } : {}) });
  return { result: shape(result), stats };
}

describe('loading with a worker that fails', () => {
  const dir = plantedList();
  const alone = load(dir, undefined).result;

  it('loads the planted list the same way without one (the reference)', () => {
    expect(alone.papers).toHaveLength(302);
    expect(alone.problems.map((p) => p.split(' ').slice(0, 2).join(' ')).sort()).toEqual([
      'papers/alpha/0020-schema.yaml:2:7 year',
      'papers/alpha/0030-latin1.yaml:1:12 encoding',
      'papers/alpha/0040-over.yaml:1:1 stray-file',
      'papers/alpha/0050-link.yaml:1:1 stray-file',
      'papers/alpha/0060-dup-keys.yaml:2:1 yaml-syntax',
      'papers/alpha/notes.txt:1:1 stray-file',
      'papers/beta/0020-syntax.yaml:1:8 yaml-syntax',
      'papers/beta/0030-pipe.yaml:1:1 stray-file',
    ]);
  });

  it('that never starts: the main thread loads every batch', () => {
    const { result, stats } = load(dir, worker("throw new Error('no parser here');"), 300);
    expect(result).toEqual(alone);
    expect(stats?.worker).toBe(0);
  });

  it('that takes the last batch and goes silent: the main thread loads it after waiting', () => {
    const { result, stats } = load(dir, worker('Atomics.compareExchange(claims, claims.length - 1, 0, 2);\nstarted();\nAtomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);'));
    expect(result).toEqual(alone);
    expect(stats?.worker).toBe(0);
  });

  it('that fails on its batch: the main thread loads it', () => {
    const { result, stats } = load(dir, worker('const k = claims.length - 1;\nAtomics.compareExchange(claims, k, 0, 2);\nstarted();\npost({ failed: k });'));
    expect(result).toEqual(alone);
    expect(stats?.worker).toBe(0);
  });

  it('that takes every batch and reads none of the files: the main thread reads them all itself', () => {
    const { result, stats } = load(
      dir,
      worker(`for (let k = claims.length - 1; k >= 0; k--) if (Atomics.compareExchange(claims, k, 0, 2) !== 0) break;
started();
for (let k = claims.length - 1; k >= 0; k--) {
  const count = Math.min(paths.length, (k + 1) * batch) - k * batch;
  post({ batch: k, sizes: new Int32Array(count).fill(-1), bytes: new ArrayBuffer(0), hashes: [], parsed: [] });
}`),
    );
    expect(result).toEqual(alone);
    expect(stats?.worker).toBeGreaterThan(0);
  });

  it('that hands over bytes it read but no value: the main thread parses them, and reports what they hold', () => {
    // It reads by name, as the real one never does: a file here that is no regular file is not read.
    const { result, stats } = load(
      dir,
      worker(`for (let k = claims.length - 1; k >= 0; k--) if (Atomics.compareExchange(claims, k, 0, 2) !== 0) break;
started();
for (let k = claims.length - 1; k >= 0; k--) {
  const mine = paths.slice(k * batch, (k + 1) * batch);
  const chunks = mine.map((path) => { try { return path.endsWith('pipe.yaml') || path.includes('link') || path.includes('over') ? undefined : readFileSync(path); } catch { return undefined; } });
  const sizes = Int32Array.from(chunks, (c) => (c ? c.length : -1));
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + (c ? c.length : 0), 0));
  let at = 0;
  for (const c of chunks) if (c) { bytes.set(c, at); at += c.length; }
  post({ batch: k, sizes, bytes: bytes.buffer, hashes: mine.map(() => null), parsed: mine.map(() => null) }, [bytes.buffer]);
}`),
    );
    expect(result).toEqual(alone);
    expect(stats?.worker).toBeGreaterThan(0);
  });

  it('that hands over values: the main thread takes them as they are, with the bytes as the text', () => {
    // Proof that a worker's value is used: this one makes every paper of its batch the same.
    const { result, stats } = load(
      dir,
      worker(`const k = claims.length - 1;
Atomics.compareExchange(claims, k, 0, 2);
started();
const mine = paths.slice(k * batch);
const chunks = mine.map((path) => readFileSync(path));
const sizes = Int32Array.from(chunks, (c) => c.length);
const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
let at = 0;
for (const c of chunks) { bytes.set(c, at); at += c.length; }
post({ batch: k, sizes, bytes: bytes.buffer, hashes: mine.map(() => null), parsed: mine.map(() => ({ value: { title: 'From the worker', year: 1999 } })) }, [bytes.buffer]);`),
    );
    expect(stats).toEqual({ worker: 1, main: 2, waitedMs: expect.any(Number) });
    expect(result.problems).toEqual(alone.problems);
    // 307 paper files (strays are not): the last batch is 256 to 306, the last 51 papers, all clean.
    const tail = PAPERS - 2 * BATCH;
    expect(result.papers.slice(0, -tail)).toEqual(alone.papers.slice(0, -tail));
    expect(result.papers.slice(-tail)).toEqual(alone.papers.slice(-tail).map(([file, category, , text]) => [file, category, { title: 'From the worker', year: 1999 }, text]));
  });
});
