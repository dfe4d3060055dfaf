import type { Html, List } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import { entryItem } from './entry.js';
import { serialize } from './markdown.js';

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
