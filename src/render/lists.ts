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

/**
 * Papers serialised per run of this many: the items of a tight list are joined by one line break, so
 * runs joined the same way give the same text, and each run's tree and pieces die young. One tree
 * for 6,000 papers outlived the young generation, and serialising 100,000 papers grew the heap by
 * 340 MiB of garbage before the collector ran.
 */
export const LIST_RUN = 256;

export function paperList(id: string, papers: readonly LoadedPaper[], cache: ListCache): Html {
  let node = cache.get(id);
  if (!node) {
    const runs: string[] = [];
    for (let start = 0; start < papers.length; start += LIST_RUN) {
      const list: List = { type: 'list', ordered: false, spread: false, children: papers.slice(start, start + LIST_RUN).map((p) => entryItem(p.entry)) };
      // The serialiser ends a document with one line break; only the list's very end is trimmed, as before.
      const text = serialize({ type: 'root', children: [list] });
      runs.push(text.endsWith('\n') ? text.slice(0, -1) : text);
    }
    node = { type: 'html', value: runs.join('\n').trimEnd() };
    cache.set(id, node);
  }
  return node;
}
