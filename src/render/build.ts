import { relative, sep } from 'node:path';
import type { Html, Root } from 'mdast';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { categorySections, papersByCategory } from './categories.js';
import { paperList, type ListCache } from './lists.js';
import { serialize } from './markdown.js';
import { parseMarkdown } from './parse.js';
import { assemble, generatedNotice, type Template } from './template.js';
import { pagedSections, type Paged, type PagesMode } from './pages.js';
import { GITHUB_README_LIMIT, SIZE_WARNING_RATIO } from './size.js';

export interface OutputFile {
  name: string;
  lang: string;
  content: string;
}

export interface RenderOptions {
  pages: PagesMode;
  /** Above this many bytes a README's sections go to pages of their own (mode "auto"). */
  limit: number;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = { pages: 'auto', limit: GITHUB_README_LIMIT };

/** Render every template with the list; nothing is written here. */
export function renderReadmes(
  data: ListData,
  templates: readonly Template[],
  outDir: string,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
): Result<OutputFile[]> {
  const rendered = readmeFiles(data, templates, outDir, options);
  return { value: [...rendered.value], problems: rendered.problems };
}

/**
 * The same files as renderReadmes, each serialised only when the iteration reaches it, so a caller
 * that writes (or compares) them one at a time never holds every page at once: at 100,000 papers the
 * pages are tens of MiB of text. The problems are complete before the first file is asked for.
 */
export function readmeFiles(
  data: ListData,
  templates: readonly Template[],
  outDir: string,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
): Result<Iterable<OutputFile>> {
  const problems: Problem[] = [];
  const groups = papersByCategory(data.papers);
  const lists: ListCache = new Map();
  const dataPath = relative(outDir, data.dataDir).split(sep).join('/') || '.';
  const plans: { template: Template; tree: Root; notice: Html; full: Root; split: boolean }[] = [];
  for (const template of templates) {
    const tree = parseMarkdown(template.text);
    const notice: Html = { type: 'html', value: generatedNotice(dataPath, relative(outDir, template.absPath).split(sep).join('/')) };
    const full = assemble(template, tree, notice, problems, data, (depth) => categorySections(data.categories, groups, template.lang, depth, (id, papers) => paperList(id, papers, lists)));
    if (!full) continue;
    // The lists are most of a README and are serialised already: their size decides, without
    // serialising a README that is only going to be split.
    const listBytes = [...lists.values()].reduce((n, node) => n + Buffer.byteLength(node.value), 0);
    const split = options.pages === 'always' || (options.pages === 'auto' && listBytes + Buffer.byteLength(template.text) > options.limit);
    plans.push({ template, tree, notice, full, split });
  }
  function* files(): Generator<OutputFile> {
    for (const { template, tree, notice, full, split } of plans) {
      if (!split) {
        yield { name: template.name, lang: template.lang, content: serialize(full) };
        continue;
      }
      // Each page stays under the size at which build-readme warns, less room for its title and links.
      const budget = Math.floor(options.limit * SIZE_WARNING_RATIO) - 2048;
      let paged: Paged | undefined;
      const linked = assemble(template, tree, notice, [], data, (depth) => {
        paged = pagedSections(data.categories, groups, template.lang, depth, lists, notice, template.name, budget);
        return paged.sections;
      })!;
      yield { name: template.name, lang: template.lang, content: serialize(linked) };
      for (const [path, page] of paged!.pages) yield { name: path, lang: template.lang, content: serialize(page()) };
    }
  }
  return { value: { [Symbol.iterator]: files }, problems };
}

export { GENERATED_MARK, MARKERS, markerComment, generatedNotice, type Marker, type Template } from './template.js';
