import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../core/problem.js';
import { coreToSpare } from '../data/parallel.js';
import { displayPath, type ListData } from '../data/read.js';
import type { Template } from '../render/fill-template.js';
import { relativeLinkProblems, type RelativeRef } from './relative-links.js';
import { readRegularText } from '../fs/read.js';
import { writeCacheFile } from '../fs/write.js';

/**
 * The anchor rule needs the Markdown parser and renderer: loading them costs about as much as
 * loading the whole list. Its inputs are only the templates, categories.yaml and news.yaml, which
 * change far less often than papers, so its findings are kept under node_modules/.cache, keyed by
 * a hash of those inputs and of the code that computes them. A stale result is impossible: any
 * change to an input or to that code is a new key. The relative-link rule's links are kept with
 * them (finding them needs the same parser); whether their files exist is checked on every run.
 */

const here = (path: string) => new URL(path, import.meta.url);

/** The built code the findings depend on; when it cannot be read (tests run the sources), nothing is cached. */
const CODE = [
  './anchors.js',
  './relative-refs.js',
  './relative-links.js',
  './template-worker.js',
  '../links/collect.js',
  '../render/fill-template.js',
  '../render/build.js',
  '../render/toc.js',
  '../markdown/parse.js',
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

function cacheKey(data: Pick<ListData, 'dataDir' | 'categoriesSource' | 'newsSource'>, templates: readonly Template[], cwd: string): string | undefined {
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
  add('anchors-v2');
  add(cwd);
  add(data.dataDir);
  for (const t of templates) [t.name, t.lang, t.file, t.text].forEach(add);
  for (const source of [data.categoriesSource, data.newsSource]) add(source ? `${source.file}\n${source.text}` : '-');
  return hash.digest('hex');
}

/** What the cache keeps: the anchor rule's findings and the templates' relative links. */
export interface TemplateFindings {
  anchors: Problem[];
  relativeRefs: RelativeRef[];
}

function readCache(file: string, key: string): TemplateFindings | undefined {
  try {
    const cached = JSON.parse(readRegularText(file) ?? '') as { key?: unknown; problems?: unknown; relativeRefs?: unknown };
    if (cached.key !== key || !Array.isArray(cached.problems) || !Array.isArray(cached.relativeRefs)) return undefined;
    return { anchors: cached.problems as Problem[], relativeRefs: cached.relativeRefs as RelativeRef[] };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: string, found: TemplateFindings): void {
  // Only a cache: a read-only checkout still lints, just without the shortcut (and no temporary file is left).
  writeCacheFile(file, JSON.stringify({ key, problems: found.anchors, relativeRefs: found.relativeRefs }));
}

/**
 * The anchor rule's findings and the templates' relative links for the loaded list: from the cache
 * when their inputs are unchanged. `cacheDir` defaults to node_modules/.cache/lint-list (the
 * LINT_LIST_CACHE_DIR variable moves it).
 */
export async function templateFindingsCached(
  data: ListData,
  templates: readonly Template[],
  cwd: string,
  cacheDir: string | false = DEFAULT_CACHE_DIR,
  ahead?: TemplateFindingsAhead,
): Promise<TemplateFindings> {
  const cacheFile = cacheDir === false ? false : join(cacheDir, CACHE_FILE);
  const key = cacheFile === false ? undefined : cacheKey(data, templates, cwd);
  if (key !== undefined && cacheFile !== false) {
    const cached = readCache(cacheFile, key);
    if (cached) {
      ahead?.close();
      return cached;
    }
  }
  const { computeTemplateFindings, inputsOf } = await import('./template-worker.js');
  // Worked out beside the load, from the same categories.yaml and news.yaml: else here, as without it.
  const early = await ahead?.answer;
  ahead?.close();
  const same = early !== undefined && JSON.stringify(early.inputs) === JSON.stringify(inputsOf(data));
  const found = same ? early.found : await computeTemplateFindings(data, templates);
  if (key !== undefined && cacheFile !== false) writeCache(cacheFile, key, found);
  return found;
}

/** The template findings being worked out on a worker thread (template-worker.ts): started by the loader's onTopFiles. */
export interface TemplateFindingsAhead {
  start(data: ListData, paperFiles?: number): void;
  readonly answer: Promise<{ found: TemplateFindings; inputs: string[] } | undefined>;
  close(): void;
}

/**
 * A worker thread ready to work out the template findings once the list's categories and news are
 * loaded (pass `start` as the loader's onTopFiles; a small list's are left to the main thread),
 * unless the cache has them for the categories.yaml
 * and news.yaml on disk now (read as the loader reads them: no link followed, no pipe waited on).
 * templateFindingsCached uses its answer only when worked out from the texts of the list as loaded.
 */
export async function templateFindingsAhead(
  dataDir: string,
  templates: readonly Template[] | undefined,
  cwd: string,
  cacheDir: string | false = DEFAULT_CACHE_DIR,
  /** From how many paper files on (default template-worker.ts TEMPLATE_WORKER_MIN_FILES, when the machine has a core to spare); for tests. */
  minFiles?: number,
): Promise<TemplateFindingsAhead | undefined> {
  if (!templates || templates.length === 0) return undefined;
  if (cacheDir !== false) {
    const source = (name: string) => {
      const text = readRegularText(join(dataDir, name));
      return text === undefined ? undefined : { file: displayPath(join(dataDir, name), cwd), text };
    };
    const key = cacheKey({ dataDir, categoriesSource: source('categories.yaml') as ListData['categoriesSource'], newsSource: source('news.yaml') as ListData['newsSource'] }, templates, cwd);
    if (key !== undefined && readCache(join(cacheDir, CACHE_FILE), key)) return undefined;
  }
  if (minFiles === undefined && !coreToSpare()) return undefined;
  const { templateWorker } = await import('./template-worker.js');
  return templateWorker(templates, minFiles);
}

/**
 * What lintData reports with templates (in-page anchors, relative links), the parsing cached as above;
 * relative links resolve from `cwd`, where build-readme writes the READMEs by default.
 */
export async function templateProblems(
  data: ListData,
  templates: readonly Template[] | undefined,
  cwd: string,
  cacheDir?: string | false,
  ahead?: TemplateFindingsAhead,
): Promise<Problem[]> {
  if (!templates) {
    ahead?.close();
    return [];
  }
  const found = await templateFindingsCached(data, templates, cwd, cacheDir, ahead);
  return [...found.anchors, ...relativeLinkProblems(found.relativeRefs, cwd, templates.map((t) => t.name))];
}
