import { stringify } from 'yaml';
import type { Category, PaperFile } from '../../src/data/schema.js';
import type { LoadedPaper } from '../../src/data/load.js';
import { lazySource, placeOf } from '../../src/data/source.js';
import type { RuleFinding as Finding, LintOptions, ListRule, RuleContext } from '../../src/lint/context.js';
import { buildViews, duplicatePairs, inListOrder } from '../../src/lint/normalize.js';

/**
 * Small in-memory lists for the core tests (issue 15): each paper is written as YAML in its key order,
 * so `title` stands on line 1 and every later key a line further, and a list rule runs on them
 * in-process, with nothing read from disk, so that a mutation run stays affordable.
 */

/** A paper at `file` ("papers/<category>/<name>.yaml"), as loadData would give it. */
export function paperAt(file: string, entry: PaperFile): LoadedPaper {
  const category = file.split('/')[1]!;
  return { source: lazySource(file, `/list/${file}`, stringify(entry)), category, entry };
}

/** The findings of one list rule over the papers in list order (categories.yaml order, then as given). */
export function findingsOf(rule: ListRule, papers: readonly LoadedPaper[], options: LintOptions = {}, categories: readonly Category[] = []): Finding[] {
  const views = buildViews(inListOrder(papers, categories));
  const found: Finding[] = [];
  const ctx: RuleContext = {
    data: { dataDir: '/list', categories: [...categories], categoriesSource: undefined, news: [], newsSource: undefined, papers: [...papers] },
    papers: views.papers,
    raws: views.raws,
    pairs: duplicatePairs(views.papers),
    fileCategories: papers.map((p) => p.category),
    options,
    report: (finding) => found.push(finding),
    at: (source, path) => ({ file: source.file, ...placeOf(source, path) }),
  };
  rule(ctx);
  return found;
}
