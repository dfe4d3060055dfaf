import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as z from 'zod';
import type { Problem, Result } from '../core/problem.js';
import { CategoriesFile, NewsFile, Paper, RawEntry, type Category, type NewsItem, type PaperFile } from './schema.js';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { lazySource, parseSource, type SourceFile } from './source.js';
import { validate } from './validate.js';

export interface LoadedPaper {
  source: SourceFile;
  /** The category id: the name of the folder under papers/. */
  category: string;
  entry: PaperFile;
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

function leadingNumber(name: string): number {
  const match = /^(\d+)-/.exec(name);
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

/** Read a YAML file fast, or, when js-yaml refuses it, with yaml for the place of the syntax error. */
function readYaml(absPath: string, file: string, text: string): { source: SourceFile; data: unknown; problems: Problem[] } {
  try {
    return { source: lazySource(file, absPath, text), data: loadYaml(text, { schema: CORE_SCHEMA }), problems: [] };
  } catch {
    const { source, problems } = parseSource(file, absPath, text);
    return { source, data: problems.length > 0 ? undefined : source.doc.toJS(), problems };
  }
}

/** Parse and validate one YAML file; undefined when it does not exist. */
function loadFile<T>(
  absPath: string,
  schema: z.ZodType<T>,
  cwd: string,
  problems: Problem[],
): { source: SourceFile; value: T | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const read = readYaml(absPath, displayPath(absPath, cwd), text);
  problems.push(...read.problems);
  if (read.problems.length > 0) return { source: read.source, value: undefined };
  const checked = validate(schema, read.source, read.data);
  problems.push(...checked.problems);
  return { source: read.source, value: checked.value };
}

/**
 * One paper file. js-yaml reads it (ten times faster than building a document model, which
 * matters at 100,000 papers); the model is built only when a problem needs a position, or to
 * report a syntax error where it stands.
 */
function loadPaper(absPath: string, file: string, text: string): { source: SourceFile; entry: PaperFile | undefined; problems: Problem[] } {
  const read = readYaml(absPath, file, text);
  if (read.problems.length > 0) return { source: read.source, entry: undefined, problems: read.problems };
  const data = read.data;
  const isRaw = data !== null && typeof data === 'object' && 'raw' in data;
  const checked = isRaw ? validate(RawEntry, read.source, data) : validate(Paper, read.source, data);
  return { source: read.source, entry: checked.value, problems: checked.problems };
}

/**
 * Reads and validates data/: categories.yaml, news.yaml and papers/<category>/*.yaml.
 * Throws DataDirError only when the directory itself cannot be read; everything else is a problem.
 */
export function loadData(dataDir: string, cwd: string = process.cwd()): Result<ListData> {
  const problems: Problem[] = [];
  const value: ListData = {
    dataDir,
    categories: [],
    categoriesSource: undefined,
    news: [],
    newsSource: undefined,
    papers: [],
  };
  let isDir = false;
  try {
    isDir = statSync(dataDir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new DataDirError(`${displayPath(dataDir, cwd) || '.'}: no such data directory`);

  const categories = loadFile(join(dataDir, 'categories.yaml'), CategoriesFile, cwd, problems);
  if (!categories) {
    throw new DataDirError(`${displayPath(join(dataDir, 'categories.yaml'), cwd)}: missing; a data directory needs categories.yaml`);
  }
  value.categoriesSource = categories.source;
  value.categories = categories.value?.categories ?? [];
  const news = loadFile(join(dataDir, 'news.yaml'), NewsFile, cwd, problems);
  value.newsSource = news?.source;
  value.news = news?.value?.news ?? [];

  const papersDir = join(dataDir, PAPERS_DIR);
  let categoryDirs: string[] = [];
  try {
    categoryDirs = readdirSync(papersDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const category of categoryDirs) {
    const dir = join(papersDir, category);
    const names = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
      .sort(compareEntryFiles);
    for (const name of names) {
      const absPath = join(dir, name);
      const loaded = loadPaper(absPath, displayPath(absPath, cwd), readFileSync(absPath, 'utf8'));
      problems.push(...loaded.problems);
      if (loaded.entry) value.papers.push({ source: loaded.source, category, entry: loaded.entry });
    }
  }
  return { value, problems };
}
