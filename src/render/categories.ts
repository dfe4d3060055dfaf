import type { Heading, Html, List, RootContent } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import type { Category } from '../data/schema.js';
import { entryItem } from './entry.js';
import { localized } from './language.js';
import { serialize } from './markdown.js';

/** Papers grouped by category id, in their folder order. */
export function papersByCategory(papers: readonly LoadedPaper[]): Map<string, LoadedPaper[]> {
  const groups = new Map<string, LoadedPaper[]>();
  for (const paper of papers) {
    const group = groups.get(paper.category);
    if (group) group.push(paper);
    else groups.set(paper.category, [paper]);
  }
  return groups;
}

/**
 * The papers of one category as Markdown, serialised by the same serialiser with the same options.
 * Entries read the same in every language, so each list is serialised once per build and enters
 * every README's tree as a literal block (an html node is written out unchanged): at 100,000
 * papers this halves the build.
 */
export type ListCache = Map<string, Html>;

export function paperList(id: string, papers: readonly LoadedPaper[], cache: ListCache): Html {
  let node = cache.get(id);
  if (!node) {
    const list: List = { type: 'list', ordered: false, spread: false, children: papers.map((p) => entryItem(p.entry)) };
    node = { type: 'html', value: serialize({ type: 'root', children: [list] }).trimEnd() };
    cache.set(id, node);
  }
  return node;
}

/** Headings for the category tree, each followed by the list of its papers. */
export function categorySections(
  categories: readonly Category[],
  groups: ReadonlyMap<string, readonly LoadedPaper[]>,
  lang: string,
  depth: number,
  cache: ListCache = new Map(),
): RootContent[] {
  const nodes: RootContent[] = [];
  for (const category of categories) {
    const heading: Heading = {
      type: 'heading',
      depth: Math.min(depth, 6) as Heading['depth'],
      children: [{ type: 'text', value: localized(category.name, lang) }],
    };
    nodes.push(heading);
    const papers = groups.get(category.id) ?? [];
    if (papers.length > 0) nodes.push(paperList(category.id, papers, cache));
    if (category.children) nodes.push(...categorySections(category.children, groups, lang, depth + 1, cache));
  }
  return nodes;
}
