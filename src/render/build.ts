import { relative, sep } from 'node:path';
import type { Html } from 'mdast';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { categorySections, papersByCategory } from './categories.js';
import { paperList, type ListCache } from './lists.js';
import { serialize } from './markdown.js';
import { parseMarkdown } from '../markdown/parse.js';
import { assemble, generatedNotice, type Template } from './fill-template.js';
import { pagedSections, type Paged } from './pages.js';
import { SIZE_WARNING_RATIO } from './size.js';

export interface OutputFile {
  name: string;
  lang: string;
  content: string;
}

import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './names.js';
export { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './names.js';

/**
 * Render every template with the list; nothing is written here. `lists` may hold category lists
 * serialised before (render/cache.ts keeps them between runs); the ones made here are added to it.
 */
export function renderReadmes(
  data: ListData,
  templates: readonly Template[],
  outDir: string,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
  lists: ListCache = new Map(),
): Result<OutputFile[]> {
  const problems: Problem[] = [];
  const files: OutputFile[] = [];
  const groups = papersByCategory(data.papers);
  const dataPath = relative(outDir, data.dataDir).split(sep).join('/') || '.';
  for (const template of templates) {
    const tree = parseMarkdown(template.text);
    const notice: Html = { type: 'html', value: generatedNotice(dataPath, relative(outDir, template.absPath).split(sep).join('/')) };
    const full = assemble(template, tree, notice, problems, data, (depth) => categorySections(data.categories, groups, template.lang, depth, (id, papers) => paperList(id, papers, lists)));
    if (!full) continue;
    // The lists are most of a README and are serialised already: their size decides, without
    // serialising a README that is only going to be split.
    const listBytes = [...lists.values()].reduce((n, node) => n + Buffer.byteLength(node.value), 0);
    const split = options.pages === 'always' || (options.pages === 'auto' && listBytes + Buffer.byteLength(template.text) > options.limit);
    if (!split) {
      files.push({ name: template.name, lang: template.lang, content: serialize(full) });
      continue;
    }
    // Each page stays under the size at which build-readme warns, less room for its title and links.
    const budget = Math.floor(options.limit * SIZE_WARNING_RATIO) - 2048;
    let paged: Paged | undefined;
    const linked = assemble(template, tree, notice, [], data, (depth) => {
      paged = pagedSections(data.categories, groups, template.lang, depth, lists, notice, template.name, budget);
      return paged.sections;
    })!;
    files.push({ name: template.name, lang: template.lang, content: serialize(linked) });
    for (const [path, page] of paged!.pages) files.push({ name: path, lang: template.lang, content: serialize(page) });
  }
  return { value: files, problems };
}

export { GENERATED_MARK, MARKERS, markerComment, generatedNotice, type Marker, type Template } from './fill-template.js';
