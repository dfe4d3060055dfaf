import type { Result } from '../core/problem.js';
import { hasErrors } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import type { Template } from '../render/template.js';
import { lintData } from './lint.js';
import { loadForLint } from './run.js';

/** The list as a publisher (build-readme, build-site) may show it: loaded, linted offline, refused on any error. */
export async function loadPublishable(dataDir: string, cwd: string, templates?: readonly Template[]): Promise<Result<ListData | undefined>> {
  const loaded = loadForLint(dataDir, cwd);
  const linted = await lintData(loaded.data, { loadProblems: loaded.problems, unloaded: loaded.unloaded, templates });
  return { value: hasErrors(linted.problems) ? undefined : loaded.data, problems: linted.problems };
}
