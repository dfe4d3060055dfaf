import { hasErrors, type Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import type { Template } from '../render/fill-template.js';
import { templateProblems } from './anchor-cache.js';
import { lintData } from './check-list.js';
import { loadForLint } from './load-for-lint.js';

/**
 * The list as a publisher (build-readme, build-site) may show it: loaded, linted offline, refused on any error.
 *
 * value: the list when no problem has severity error, else undefined; problems: every finding
 * lint-list would print offline (after exceptions), sorted. The same load, rules and exceptions as
 * `npm run lint-list`, so a publisher never shows data that lint-list rejects; with `templates`, their
 * in-page and relative links are checked too (build-readme publishes them; the web page shows none).
 * Throws DataDirError / TemplatesDirError like loadData does.
 */
export async function loadPublishable(dataDir: string, cwd: string, templates?: readonly Template[]): Promise<Result<ListData | undefined>> {
  const loaded = loadForLint(dataDir, cwd);
  const fromTemplates = templates && templates.length > 0 ? await templateProblems(loaded.data, templates, cwd) : [];
  const result = await lintData(loaded.data, { extraProblems: fromTemplates, loadProblems: loaded.problems, unloaded: loaded.unloaded });
  return { value: hasErrors(result.problems) ? undefined : loaded.data, problems: result.problems };
}
