import { relative, sep } from 'node:path';
import type { Html } from 'mdast';
import type { Problem, Result } from '../core/problem.js';
import type { ListData } from '../data/load.js';
import { categorySections, papersByCategory } from './categories.js';
import { paperList, type ListCache } from './lists.js';
import { serialize } from './markdown.js';
import { assemble, generatedNotice, templateTree, type Template } from './fill-template.js';
import { pageParts, pagedSections, type Paged } from './pages.js';
import { SIZE_WARNING_RATIO } from './size.js';

export interface OutputFile {
  name: string;
  lang: string;
  content: string;
  /** The same text in pieces, when it is made of them: a writer takes these and never makes `content`. */
  pieces?: readonly string[];
}

/** A page whose text is its pieces: its content joined only when asked for (--check, tests). */
class PagedFile implements OutputFile {
  constructor(
    readonly name: string,
    readonly lang: string,
    readonly pieces: readonly string[],
  ) {}

  get content(): string {
    return this.pieces.join('');
  }
}

import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './names.js';
export { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './names.js';

/** What rendering the templates found, and their files, each serialised only when the iteration reaches it. */
export interface ReadmeRender {
  problems: Problem[];
  /**
   * The READMEs (and their pages), in order. Only one file's text is made at a time, so a caller
   * that writes each before asking for the next never holds them all (75 MiB at 100,000 entries).
   */
  files(): Generator<OutputFile>;
}

/**
 * Render every template with the list; nothing is written here. `lists` may hold category lists
 * serialised before (render/readme-cache.ts keeps them between runs); the ones made here are added to it.
 * Problems come from assembling the templates, before any file is serialised.
 */
export function readmeRender(
  data: ListData,
  templates: readonly Template[],
  outDir: string,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
  lists: ListCache = new Map(),
): ReadmeRender {
  const problems: Problem[] = [];
  const plans: (() => Generator<OutputFile>)[] = [];
  const groups = papersByCategory(data.papers);
  const dataPath = relative(outDir, data.dataDir).split(sep).join('/') || '.';
  for (const template of templates) {
    const tree = templateTree(template);
    const notice: Html = { type: 'html', value: generatedNotice(dataPath, relative(outDir, template.absPath).split(sep).join('/')) };
    const full = assemble(template, tree, notice, problems, data, (depth) => categorySections(data.categories, groups, template.lang, depth, (id, papers) => paperList(id, papers, lists)));
    if (!full) continue;
    const { name, lang } = template;
    // The lists are most of a README and are serialised already: their size decides, without
    // serialising a README that is only going to be split.
    const listBytes = [...lists.values()].reduce((n, node) => n + Buffer.byteLength(node.value), 0);
    const split = options.pages === 'always' || (options.pages === 'auto' && listBytes + Buffer.byteLength(template.text) > options.limit);
    if (!split) {
      plans.push(function* () {
        yield { name, lang, content: serialize(full) };
      });
      continue;
    }
    // Each page stays under the size at which build-readme warns, less room for its title and links.
    const budget = Math.floor(options.limit * SIZE_WARNING_RATIO) - 2048;
    let paged: Paged | undefined;
    const linked = assemble(template, tree, notice, [], data, (depth) => {
      paged = pagedSections(data.categories, groups, lang, depth, lists, notice, name, budget);
      return paged.sections;
    })!;
    const pages = paged!.pages;
    plans.push(function* () {
      yield { name, lang, content: serialize(linked) };
      for (const [path, page] of pages) yield new PagedFile(path, lang, pageParts(page));
    });
  }
  return {
    problems,
    *files() {
      for (const plan of plans) yield* plan();
    },
  };
}

/** Every file of readmeRender at once: for callers that keep them all anyway (tests, the importer's checks). */
export function renderReadmes(
  data: ListData,
  templates: readonly Template[],
  outDir: string,
  options: RenderOptions = DEFAULT_RENDER_OPTIONS,
  lists: ListCache = new Map(),
): Result<OutputFile[]> {
  const render = readmeRender(data, templates, outDir, options, lists);
  return { value: [...render.files()], problems: render.problems };
}

export { GENERATED_MARK, MARKERS, markerComment, generatedNotice, type Marker, type Template } from './fill-template.js';
