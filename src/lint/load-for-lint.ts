import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import * as z from 'zod';
import type { Problem, Result } from '../core/problem.js';
import type { DataCache } from '../data/cache.js';
import { coreToSpare } from '../data/parallel.js';
import { PAPERS_DIR, readData, type ListData } from '../data/read.js';
import { Exception } from '../data/schema.js';
import { parseSource } from '../data/source.js';
import type { Template } from '../render/fill-template.js';
import { lintData, type LintDataOptions, type LintReport, type UnloadedFile } from './check-list.js';
import { LOAD_WORKER_URL } from './load-worker.js';
import { parseDataFile } from '../data/parse.js';

export interface LintDirOptions extends Omit<LintDataOptions, 'loadProblems' | 'unloaded' | 'templates'> {
  cwd: string;
  /** Checked for in-page links when given. */
  templates?: readonly Template[] | undefined;
}

export interface LintDirResult extends LintReport {
  data: ListData;
}

const Exceptions = z.array(Exception);

/**
 * Paper files that loadData could not turn into entries, found from its problems: their exceptions
 * are read leniently, so that a schema error can be silenced like any other problem.
 */
export function unloadedFiles(data: ListData, problems: readonly Problem[], cwd: string): UnloadedFile[] {
  // A clean list has no problem to look into: the set of its 100,000 file names is not built.
  if (problems.length === 0) return [];
  const loaded = new Set(data.papers.map((p) => p.source.file));
  const papersDir = resolve(data.dataDir, PAPERS_DIR);
  const files: UnloadedFile[] = [];
  // Stray files are not papers and are never opened; a paper that is not UTF-8 counts for its
  // folder, but cannot be read for exceptions.
  const stray = new Set(problems.filter((p) => p.rule === 'stray-file').map((p) => p.file));
  const notUtf8 = new Set(problems.filter((p) => p.rule === 'encoding').map((p) => p.file));
  for (const file of new Set(problems.map((p) => p.file))) {
    if (loaded.has(file) || stray.has(file)) continue;
    const absPath = resolve(cwd, file);
    const inside = relative(papersDir, absPath).split(sep);
    if (inside.length !== 2 || inside[0] === '..') continue;
    const unloaded: UnloadedFile = { file, category: inside[0]! };
    if (notUtf8.has(file)) {
      files.push(unloaded);
      continue;
    }
    try {
      const { source, problems: syntax } = parseSource(file, absPath, readFileSync(absPath, 'utf8'));
      if (syntax.length === 0) {
        unloaded.source = source;
        const raw = (source.doc.toJS() as { exceptions?: unknown } | null)?.exceptions;
        const parsed = Exceptions.safeParse(raw);
        if (parsed.success) unloaded.exceptions = parsed.data;
      }
    } catch {
      // Unreadable now: loadData has reported it already.
    }
    files.push(unloaded);
  }
  return files;
}

export interface LoadedForLint {
  data: ListData;
  problems: Problem[];
  unloaded: UnloadedFile[];
}

export interface LoadForLintOptions {
  /**
   * From how many paper files on a second thread loads part of them (load-worker.ts; false: never;
   * default: data/parallel.ts's PARALLEL_MIN_FILES, when the machine has a core to spare).
   */
  parallelMin?: number | false | undefined;
  /** Wait up to this long for the second thread to start before loading (tests: a small list loads before it is up). */
  awaitStartMs?: number | undefined;
  /** Told the list with its categories and news before any paper is read (data/read.ts LoadOptions). */
  onTopFiles?: ((data: ListData, paperFiles: number) => void) | undefined;
  /** Told how many batches of files each thread loaded, when a second thread loaded part of them. */
  stats?: ((stats: { worker: number; main: number; waitedMs: number }) => void) | undefined;
}

/**
 * Load a data directory for linting, through `cache` when given (the caller passes it on to lintData
 * and saves it). Throws DataDirError when the directory cannot be read.
 */
export function loadForLint(dataDir: string, cwd: string, cache?: DataCache, options: LoadForLintOptions = {}): LoadedForLint {
  const { parallelMin } = options;
  // The default: a second thread for a large list when the machine has a core to spare for it.
  const parallel =
    parallelMin === false || (parallelMin === undefined && !coreToSpare())
      ? undefined
      : { url: LOAD_WORKER_URL, min: parallelMin, awaitStartMs: options.awaitStartMs, stats: options.stats };
  const loaded = readData(dataDir, cwd, parseDataFile, { cache, parallel, onTopFiles: options.onTopFiles });
  return { data: loaded.value, problems: loaded.problems, unloaded: unloadedFiles(loaded.value, loaded.problems, cwd) };
}

/** Load a data directory and lint it. Throws DataDirError when the directory cannot be read. */
export async function lintDataDir(dataDir: string, options: LintDirOptions): Promise<Result<LintDirResult>> {
  const loaded = loadForLint(dataDir, options.cwd);
  const result = await lintData(loaded.data, { ...options, loadProblems: loaded.problems, unloaded: loaded.unloaded });
  return { value: { ...result.value, data: loaded.data }, problems: result.problems };
}
