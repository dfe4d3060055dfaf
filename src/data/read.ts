import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Problem, Result } from '../core/problem.js';
import type { Category, NewsItem, PaperFile } from './schema.js';
import { lazySource, type SourceFile } from './source.js';
import { decodeUtf8, utf8FailureMessage } from '../text/utf8.js';
import { contentHash, newRecord, type CacheFolder, type DataCache } from './cache.js';
import { flatCopy } from '../text/flat.js';
import { entryFileNumber } from './file-name.js';
import { Prefetch, PREFETCH_MIN_FILES } from './prefetch.js';
import { ParallelLoad, PARALLEL_MIN_FILES, type LoadedByWorker } from './parallel.js';

export interface LoadedPaper {
  source: SourceFile;
  /** The category id: the name of the folder under papers/. */
  category: string;
  entry: PaperFile;
  /**
   * What the caller's parser derived from the entry while loading (lint: the keys it compares
   * entries by, found on either thread); opaque here, never cached.
   */
  derived?: unknown;
}

export interface ListData {
  dataDir: string;
  categories: Category[];
  categoriesSource: SourceFile | undefined;
  news: NewsItem[];
  newsSource: SourceFile | undefined;
  papers: LoadedPaper[];
}

export const PAPERS_DIR = 'papers';

/*
 * Walking data/ without parsing: which files are data, reading them, and what the data cache (cache.ts)
 * already knows of them. Parsing is given in (ParseDataFile; load.ts gives parse.ts), so a run whose
 * files are all in the cache never loads js-yaml or zod.
 */

export type DataFileKind = 'categories' | 'news' | 'paper';

/** What a parser made of one data file; see ParseDataFile. */
export interface ParsedDataFile<T = unknown> {
  source: SourceFile | undefined;
  value: T | undefined;
  problems: Problem[];
}

/** One data file's text into its validated value (of the kind's schema) and its problems. */
export type ParseDataFile = (kind: DataFileKind, absPath: string, file: string, text: string) => ParsedDataFile;

export class DataDirError extends Error {}

/** Display path for problems: relative to `cwd`, always with forward slashes. */
export function displayPath(absPath: string, cwd: string): string {
  return relative(cwd, absPath).split(sep).join('/');
}

/** Papers sort by the number their file name starts with, then by name: the folder listing is the order. */
export function compareEntryFiles(a: string, b: string): number {
  const na = leadingNumber(a);
  const nb = leadingNumber(b);
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `names` in compareEntryFiles' order, each name's number found once rather than at every comparison. */
export function sortEntryFiles(names: string[]): string[] {
  const keyed = names.map((name) => ({ name, number: leadingNumber(name) }));
  keyed.sort((a, b) => (a.number !== b.number ? a.number - b.number : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) names[i] = keyed[i]!.name;
  return names;
}

function leadingNumber(name: string): number {
  return entryFileNumber(name) ?? Number.POSITIVE_INFINITY;
}

/** A problem about a whole file or folder: where it is, not what it holds. */
function fileProblem(rule: 'stray-file' | 'encoding', file: string, message: string, line = 1, column = 1): Problem {
  return { rule, severity: 'error', file, line, column, message };
}

/**
 * What a directory entry that is not a regular file is, for a message that names it; undefined
 * for a regular file. Decided from lstat (or the listing's own types), so nothing is followed or opened.
 */
export function notRegular(entry: Dirent | Stats): string | undefined {
  if (entry.isFile()) return undefined;
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isDirectory()) return 'a folder';
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

/** The message for anything under data/ that is not a regular file: refused by name, unread. */
export function notRegularMessage(kind: string): string {
  return `Is ${kind}, not a regular file; only regular files are read (links are never followed), so it is not loaded.`;
}

/**
 * The most a data file may hold. A paper file is a few hundred bytes; a file a thousand times larger is
 * a mistake or a hostile pull request, and is refused by name, unread, before it can cost memory or time.
 */
export const MAX_DATA_FILE_BYTES = 256 * 1024;

/**
 * How a data file is opened: never through a symbolic link (one swapped in after the listing fails to
 * open) and never waiting on a named pipe; what was opened is then judged by its own fstat.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * A regular file's bytes, or undefined (a `stray-file` problem) when it is too large to be data or is
 * not a regular file after all. One open, fstat, read and close: no separate stat by name.
 */
export function readBytes(absPath: string, file: string, problems: Problem[]): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (error) {
    // O_NOFOLLOW on a link: it was swapped in after the listing, and is refused like one listed.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      problems.push(fileProblem('stray-file', file, notRegularMessage('a symbolic link')));
      return undefined;
    }
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    const kind = notRegular(stats);
    if (kind) {
      problems.push(fileProblem('stray-file', file, notRegularMessage(kind)));
      return undefined;
    }
    const size = stats.size;
    if (size > MAX_DATA_FILE_BYTES) {
      problems.push(fileProblem('stray-file', file, `Holds ${Math.ceil(size / 1024)} KiB; a data file holds at most ${MAX_DATA_FILE_BYTES / 1024} KiB, so it is not loaded.`));
      return undefined;
    }
    // As readFileSync does for a regular file: the size fstat gave, or less if it shrank meanwhile.
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const got = readSync(fd, bytes, filled, size - filled, null);
      if (got === 0) break;
      filled += got;
    }
    return filled === size ? bytes : bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Bytes as strict UTF-8 text; an `encoding` problem at the first bad byte otherwise. */
function decodeText(bytes: Uint8Array, file: string, problems: Problem[]): string | undefined {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded.text;
  problems.push(fileProblem('encoding', file, utf8FailureMessage(decoded.failure), decoded.failure.line, decoded.failure.column));
  return undefined;
}

/**
 * `value` with every string that may be a slice of a longer one (V8 slices strings of 13 characters
 * or more) copied out of it: the parser's strings are slices of the file's text and would keep all of
 * it alive. One copy of the characters, not of the structure: objects and arrays are updated in place.
 */
export function detach<T>(value: T): T {
  if (typeof value === 'string') return flatCopy(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = detach(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'string' ? field.length >= 13 : typeof field === 'object' && field !== null) record[key] = detach(field);
  }
  return value;
}

/**
 * Read one data file and parse it with `parse`, or take what an earlier run made of the same bytes
 * from `cache` (cache.ts). undefined when the file is too large to read.
 */
function readDataFile<T>(
  absPath: string,
  file: string,
  problems: Problem[],
  cache: { folder: CacheFolder; name: string } | undefined,
  parse: (text: string) => ParsedDataFile<T>,
  /** The file's bytes when they were read ahead (prefetch.ts). */
  prefetched?: Buffer,
  /** What a load worker made of those bytes (parallel.ts): their hash, and the value when they have no problem. */
  byWorker?: LoadedByWorker,
): { source: SourceFile | undefined; value: T | undefined; derived?: unknown } | undefined {
  const bytes = prefetched ?? readBytes(absPath, file, problems);
  if (bytes === undefined) return undefined;
  const own: Problem[] = [];
  const parsed = byWorker?.parsed;
  if (!cache) {
    // Parsed elsewhere, without a problem: what parse would have given, and the source keeps the bytes.
    if (parsed) return { source: lazySource(file, absPath, bytes, undefined, byWorker?.hash), value: parsed.value as T, derived: parsed.derived };
    const text = decodeText(bytes, file, own);
    const read: ParsedDataFile<T> = text === undefined ? { source: undefined, value: undefined, problems: [] } : parse(text);
    problems.push(...own, ...read.problems);
    return { source: read.source, value: read.value };
  }
  const { folder, name } = cache;
  const hash = byWorker?.hash ?? contentHash(bytes);
  const known = folder.get(name, hash);
  if (known) {
    for (const problem of known.problems) problems.push(problem);
    // The same bytes decoded before: no second strict pass, and no text until something reads it
    // (the model, a fix, the render cache); the bytes are kept, which are smaller than the text.
    const source = known.decoded ? lazySource(file, absPath, bytes, folder.places(known), hash) : undefined;
    return { source, value: known.value as T | undefined };
  }
  if (parsed) {
    // A structured clone: its strings are copies already, nothing to detach.
    const record = newRecord(true, parsed.value, own);
    if (parsed.text) record.text = parsed.text as Problem[];
    folder.set(name, hash, record);
    return { source: lazySource(file, absPath, bytes, folder.places(record), hash), value: parsed.value as T, derived: parsed.derived };
  }
  const text = decodeText(bytes, file, own);
  if (text === undefined) {
    problems.push(...own);
    folder.set(name, hash, newRecord(false, undefined, own));
    return { source: undefined, value: undefined };
  }
  const read = parse(text);
  own.push(...read.problems);
  problems.push(...own);
  // The value as the next run will read it from the cache: the parser's strings are slices of the
  // text and would keep all of it alive (at 100,000 papers, some 100 MB); the source keeps the bytes.
  const value = detach(read.value);
  const record = newRecord(true, value, own);
  folder.set(name, hash, record);
  // Places found from now on (by the rules) are kept with the record.
  return { source: lazySource(file, absPath, bytes, folder.places(record), hash), value };
}

/**
 * Parse and validate one YAML file at the top of data/; undefined when it does not exist. Anything
 * but a regular file is refused by name, unread.
 */
function loadFile<T>(
  dataDir: string,
  name: string,
  fileKind: 'categories' | 'news',
  cwd: string,
  problems: Problem[],
  cache: CacheFolder | undefined,
  parse: ParseDataFile,
): { source?: SourceFile | undefined; value?: T | undefined } | undefined {
  const absPath = join(dataDir, name);
  // Only a missing file is no file; any other failure to look is thrown.
  const stats = lstatSync(absPath, { throwIfNoEntry: false });
  if (!stats) return undefined;
  const file = displayPath(absPath, cwd);
  const kind = notRegular(stats);
  if (kind) {
    problems.push(fileProblem('stray-file', file, notRegularMessage(kind)));
    return {};
  }
  const read = readDataFile(absPath, file, problems, cache && { folder: cache, name }, (text) => parse(fileKind, absPath, file, text) as ParsedDataFile<T>);
  return read ?? {};
}

/** The files data/ may hold at its top; papers/ holds the rest. */
const TOP_FILES = new Set(['categories.yaml', 'news.yaml']);
/** Names that look like data: "x.yaml", "x.YML", "x.yaml.txt". */
const DATA_LIKE = /\.ya?ml(?:\.|$)/i;

/**
 * A paper is a regular file named "<name>.yaml" (lower case, not hidden) directly in papers/<category>/:
 * what is loaded. Whether the name has the list's form ("0590-some-title.yaml") is file-name.ts's, a warning.
 */
export function isPaperFileName(name: string): boolean {
  return name.endsWith('.yaml') && !name.startsWith('.');
}

/** Why an entry of papers/ (not a folder) or of papers/<category>/ is not a paper, for the stray-file message. */
function strayMessage(entry: Dirent, inCategory: boolean): string {
  const kind = notRegular(entry);
  if (kind === 'a folder') {
    return DATA_LIKE.test(entry.name)
      ? 'Is a folder, not a paper file; a paper is a file papers/<category>/<number>-<name>.yaml.'
      : 'Is a folder inside a category; papers go directly in papers/<category>/, so nothing in it is loaded.';
  }
  if (kind) return notRegularMessage(kind);
  if (entry.name.startsWith('.')) return 'Is a hidden file (such as .DS_Store), not data; delete it.';
  if (!inCategory) return 'Not loaded: a paper goes in the folder of its category, papers/<category>/<number>-<name>.yaml.';
  return DATA_LIKE.test(entry.name)
    ? 'Not loaded: a paper file name ends in ".yaml" exactly (lower case, not ".yml" or ".yaml.txt"); rename it.'
    : 'Is not a paper file (papers are "<number>-<name>.yaml"); move or delete it.';
}

/**
 * categories.yaml and news.yaml, as readData reads them (its list has no papers): what depends on them
 * alone (the templates' anchors) can be worked out before, or beside, the papers. Throws DataDirError
 * like readData.
 */
export function readTopFiles(dataDir: string, cwd: string, parse: ParseDataFile, cache?: DataCache): Result<ListData> {
  const problems: Problem[] = [];
  let isDir = false;
  try {
    isDir = statSync(dataDir).isDirectory();
  } catch {
    // Missing or unreadable: not a data directory either way.
  }
  if (!isDir) throw new DataDirError(`${displayPath(dataDir, cwd) || '.'}: no such data directory`);

  const topFolder = cache?.folder(dataDir, displayPath(dataDir, cwd));
  const categories = loadFile<{ categories: Category[] }>(dataDir, 'categories.yaml', 'categories', cwd, problems, topFolder, parse);
  if (!categories) {
    throw new DataDirError(`${displayPath(join(dataDir, 'categories.yaml'), cwd)}: missing; a data directory needs categories.yaml`);
  }
  const news = loadFile<{ news: NewsItem[] }>(dataDir, 'news.yaml', 'news', cwd, problems, topFolder, parse);
  const value: ListData = {
    dataDir,
    categories: categories.value?.categories ?? [],
    categoriesSource: categories.source,
    news: news?.value?.news ?? [],
    newsSource: news?.source,
    papers: [],
  };
  return { value, problems };
}

export interface LoadOptions {
  /** What earlier runs made of the same files (cache.ts); the caller saves it. */
  cache?: DataCache | undefined;
  /**
   * Told the list with its categories and news, and how many paper files there are, before any paper
   * is read: work that needs only those (lint's template check) can start beside the papers.
   */
  onTopFiles?: ((data: ListData, paperFiles: number) => void) | undefined;
  /** From how many paper files on they are read ahead on a second thread (prefetch.ts); for tests. */
  prefetchMin?: number | undefined;
  /**
   * Load paper files on a second thread too (parallel.ts): the worker module's URL (lint/load-worker.ts),
   * and from how many files on (default PARALLEL_MIN_FILES). Used only while the cache knows under half
   * of the files: a cached file costs less than waiting for a worker to parse it.
   */
  parallel?:
    | {
        url: string | URL;
        min?: number | undefined;
        /** For tests: how long to wait for a stalled worker, and for a worker to start (parallel.ts). */
        stallMs?: number | undefined;
        awaitStartMs?: number | undefined;
        /** Told, at the end, how many batches each thread loaded; for tests and measurements. */
        stats?: ((stats: ParallelLoad['stats']) => void) | undefined;
      }
    | undefined;
}

/**
 * Reads data/: categories.yaml, news.yaml and papers/<category>/*.yaml, each parsed and validated by
 * `parse` unless the cache has it. Throws DataDirError only when the directory itself cannot be read;
 * everything else is a problem. (load.ts's loadData is this with the parser.)
 */
export function readData(dataDir: string, cwd: string, parse: ParseDataFile, options: LoadOptions = {}): Result<ListData> {
  const { cache } = options;
  const { value, problems } = readTopFiles(dataDir, cwd, parse, cache);

  // The top of data/ may hold notes (a README); only what looks like data there is reported (papers/ does not).
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (TOP_FILES.has(entry.name) || !DATA_LIKE.test(entry.name)) continue;
    const kind = notRegular(entry);
    const file = displayPath(join(dataDir, entry.name), cwd);
    problems.push(
      fileProblem('stray-file', file, kind ? notRegularMessage(kind) : 'Not loaded: data/ holds categories.yaml, news.yaml and papers/<category>/<number>-<name>.yaml only.'),
    );
  }

  const papersDir = join(dataDir, PAPERS_DIR);
  let papersEntries: Dirent[] = [];
  // No papers/ is an empty list; any other failure to look is thrown.
  const papersStats = lstatSync(papersDir, { throwIfNoEntry: false });
  if (papersStats) {
    const kind = notRegular(papersStats);
    if (kind === 'a folder') papersEntries = readdirSync(papersDir, { withFileTypes: true });
    else problems.push(fileProblem('stray-file', displayPath(papersDir, cwd), `Is ${kind ?? 'a file'}, not a folder; papers/ must be the folder of the categories, so nothing in it is loaded.`));
  }
  const categoryDirs: string[] = [];
  for (const entry of papersEntries) {
    if (entry.isDirectory()) {
      categoryDirs.push(entry.name);
      continue;
    }
    problems.push(fileProblem('stray-file', displayPath(join(papersDir, entry.name), cwd), strayMessage(entry, false)));
  }
  categoryDirs.sort();
  // Every folder is listed first, so that the files can be read ahead while the first ones parse;
  // problems still come in the order of a folder-by-folder walk.
  const folders = categoryDirs.map((category) => {
    const dir = join(papersDir, category);
    const names: string[] = [];
    const strays: Problem[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && isPaperFileName(entry.name)) names.push(entry.name);
      else strays.push(fileProblem('stray-file', displayPath(join(dir, entry.name), cwd), strayMessage(entry, true)));
    }
    sortEntryFiles(names);
    // The folder's display path once (path.relative per file shows in a profile): a name is one plain segment.
    return { category, dir, names, strays, shown: displayPath(dir, cwd) };
  });
  // A name is one plain segment of a normalised folder: joined by the separator, without path.join's
  // normalising. The folder and its separator are joined once per folder: `dir + sep + name` made
  // that string again per file, kept alive inside the path (one more object a file for the collector).
  const paths: string[] = [];
  for (const { dir, names } of folders) {
    const prefix = dir + sep;
    for (const name of names) paths.push(prefix + name);
  }
  options.onTopFiles?.(value, paths.length);
  const { parallel } = options;
  const parallelLoad =
    parallel && paths.length >= (parallel.min ?? PARALLEL_MIN_FILES) && (!cache || cache.size * 2 < paths.length)
      ? new ParallelLoad(parallel.url, folders, OPEN_FLAGS, MAX_DATA_FILE_BYTES, { stallMs: parallel.stallMs, awaitStartMs: parallel.awaitStartMs })
      : undefined;
  const prefetch =
    !parallelLoad && paths.length >= (options.prefetchMin ?? PREFETCH_MIN_FILES) ? new Prefetch(folders, OPEN_FLAGS, MAX_DATA_FILE_BYTES) : undefined;
  try {
    let index = 0;
    for (const { category, dir, names, strays, shown: shownDir } of folders) {
      for (const problem of strays) problems.push(problem);
      const folder = cache?.folder(dir, shownDir);
      const shownPrefix = shownDir === '' ? '' : `${shownDir}/`;
      for (const name of names) {
        const absPath = paths[index]!;
        // Read ahead, the bytes come with their hash (the data cache's key), as from a load worker.
        const ahead = parallelLoad ? undefined : prefetch?.take(index);
        const byWorker = parallelLoad?.take(index) ?? (ahead && { bytes: ahead.bytes, hash: ahead.hash, parsed: undefined });
        const bytes = byWorker?.bytes;
        index++;
        const file = shownPrefix + name;
        const loaded = readDataFile(
          absPath,
          file,
          problems,
          folder && { folder, name },
          (text) => parse('paper', absPath, file, text) as ParsedDataFile<PaperFile>,
          bytes,
          byWorker,
        );
        if (loaded?.value && loaded.source) {
          const paper: LoadedPaper = { source: loaded.source, category, entry: loaded.value };
          if (loaded.derived !== undefined) paper.derived = loaded.derived;
          value.papers.push(paper);
        }
      }
    }
  } finally {
    parallelLoad?.close();
    if (parallelLoad) parallel?.stats?.(parallelLoad.stats);
    prefetch?.close();
  }
  return { value, problems };
}
