import type { Heading, RootContent } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import type { Category } from '../data/schema.js';
import { entryItem } from './entry.js';
import { localized } from './language.js';

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

/** How a category's papers enter the tree: a plain list, or a list serialised once (lists.ts). */
export type ListRenderer = (id: string, papers: readonly LoadedPaper[]) => RootContent;

export const plainList: ListRenderer = (_id, papers) => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: papers.map((p) => entryItem(p.entry)),
});

/** Headings for the category tree, each followed by the list of its papers. */
export function categorySections(
  categories: readonly Category[],
  groups: ReadonlyMap<string, readonly LoadedPaper[]>,
  lang: string,
  depth: number,
  list: ListRenderer = plainList,
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
    if (papers.length > 0) nodes.push(list(category.id, papers));
    if (category.children) nodes.push(...categorySections(category.children, groups, lang, depth + 1, list));
  }
  return nodes;
}
