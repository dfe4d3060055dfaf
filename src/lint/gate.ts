import { resolve } from 'node:path';
import { hasErrors, type Result } from '../core/problem.js';
import type { ListData } from '../data/read.js';
import type { Template } from '../render/fill-template.js';
import { DataCache } from '../data/cache.js';
import { releaseBytes } from '../data/source.js';
import { DEFAULT_CACHE_DIR, templateFindingsAhead, templateProblems } from './anchor-cache.js';
import { lintData } from './check-list.js';
import { loadForLintCached } from './cached-load.js';
import type { LoadForLintOptions } from './load-for-lint.js';

/**
 * The list as a publisher (build-readme, build-site) may show it: loaded, linted offline, refused on any error.
 *
 * value: the list when no problem has severity error, else undefined; problems: every finding
 * lint-list would print offline (after exceptions), sorted. The same load, rules and exceptions as
 * `npm run lint-list`, so a publisher never shows data that lint-list rejects; with `templates`, their
 * in-page and relative links are checked too (build-readme publishes them; the web page shows none).
 * `cacheDir` holds the per-file data cache and the anchor cache (false: none).
 * Throws DataDirError / TemplatesDirError like loadData does.
 */
export async function loadPublishable(
  dataDir: string,
  cwd: string,
  templates?: readonly Template[],
  cacheDir: string | false = DEFAULT_CACHE_DIR,
  /** How the list loads (second threads); the template worker follows its threshold. */
  options: LoadForLintOptions = {},
): Promise<Result<ListData | undefined>> {
  // The same caches as lint-list's: a list it has just checked loads from them.
  const cache = DataCache.open(cacheDir);
  // The templates' findings need categories.yaml and news.yaml only: worked out beside the papers' load.
  const { parallelMin } = options;
  const ahead = await templateFindingsAhead(dataDir, templates, cwd, cacheDir, parallelMin === false ? Number.POSITIVE_INFINITY : parallelMin);
  let loaded;
  try {
    loaded = await loadForLintCached(dataDir, cwd, cache, { ...options, onTopFiles: ahead?.start });
  } catch (error) {
    ahead?.close();
    throw error;
  }
  // A publisher never edits a paper: its bytes are read again only if a finding needs its place.
  for (const paper of loaded.data.papers) releaseBytes(paper.source);
  const fromTemplates = templates && templates.length > 0 ? await templateProblems(loaded.data, templates, cwd, cacheDir, ahead) : [];
  const result = await lintData(loaded.data, { extraProblems: fromTemplates, loadProblems: loaded.problems, unloaded: loaded.unloaded, cache });
  cache?.save();
  return { value: hasErrors(result.problems) ? undefined : loaded.data, problems: result.problems };
}

/** Where the commands keep their caches: LINT_LIST_CACHE_DIR (from `cwd`) when set, else the default. */
export function cacheDir(io: { cwd: string; env: NodeJS.ProcessEnv }): string | undefined {
  return io.env.LINT_LIST_CACHE_DIR ? resolve(io.cwd, io.env.LINT_LIST_CACHE_DIR) : undefined;
}
