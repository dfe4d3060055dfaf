import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import type { Template } from '../render/template.js';

/**
 * The anchor rule needs the Markdown parser and renderer: loading them costs about as much as
 * loading the whole list. Its inputs are only the templates, categories.yaml and news.yaml, which
 * change far less often than papers, so its findings are kept under node_modules/.cache, keyed by
 * a hash of those inputs and of the code that computes them. A stale result is impossible: any
 * change to an input or to that code is a new key.
 */

const here = (path: string) => new URL(path, import.meta.url);

/** The built code the findings depend on; when it cannot be read (tests run the sources), nothing is cached. */
const CODE = [
  './rules/anchor.js',
  '../render/template.js',
  '../render/build.js',
  '../render/toc.js',
  '../render/parse.js',
  '../render/categories.js',
  '../render/entry.js',
  '../render/language.js',
  '../render/markdown.js',
  '../render/news.js',
  '../../../package-lock.json',
];

export const DEFAULT_CACHE_DIR = fileURLToPath(here('../../../node_modules/.cache/lint-list/'));
export const CACHE_FILE = 'anchors.json';

/** Set by scripts/run.mjs when it bundles a command: a hash of every source file it was built from. */
declare const __TOOL_BUILD__: string | undefined;

function cacheKey(data: ListData, templates: readonly Template[], cwd: string): string | undefined {
  const hash = createHash('sha256');
  const add = (text: string) => hash.update(`${text.length}:${text}\0`);
  // A bundle has no separate files to hash; its build id changes with any source file instead.
  if (typeof __TOOL_BUILD__ === 'string') add(`bundle ${__TOOL_BUILD__}`);
  else {
    try {
      for (const path of CODE) add(readFileSync(here(path), 'utf8'));
    } catch {
      return undefined;
    }
  }
  add('anchors-v1');
  add(cwd);
  add(data.dataDir);
  for (const t of templates) [t.name, t.lang, t.file, t.text].forEach(add);
  for (const source of [data.categoriesSource, data.newsSource]) add(source ? `${source.file}\n${source.text}` : '-');
  return hash.digest('hex');
}

function readCache(file: string, key: string): Problem[] | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; problems?: unknown };
    return cached.key === key && Array.isArray(cached.problems) ? (cached.problems as Problem[]) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: string, problems: Problem[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ key, problems }));
    renameSync(temp, file);
  } catch {
    // Only a cache: a read-only checkout still lints, just without the shortcut.
  }
}

/**
 * The anchor rule's findings for the loaded list: from the cache when its inputs are unchanged.
 * `cacheDir` defaults to node_modules/.cache/lint-list (the LINT_LIST_CACHE_DIR variable moves it).
 */
export async function anchorProblemsCached(data: ListData, templates: readonly Template[], cwd: string, cacheDir: string | false = DEFAULT_CACHE_DIR): Promise<Problem[]> {
  const cacheFile = cacheDir === false ? false : join(cacheDir, CACHE_FILE);
  const key = cacheFile === false ? undefined : cacheKey(data, templates, cwd);
  if (key !== undefined && cacheFile !== false) {
    const cached = readCache(cacheFile, key);
    if (cached) return cached;
  }
  const { anchorProblems } = await import('./rules/anchor.js');
  const problems = anchorProblems({ ...data, papers: [] }, templates);
  if (key !== undefined && cacheFile !== false) writeCache(cacheFile, key, problems);
  return problems;
}
