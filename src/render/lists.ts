import type { Html, List, ListItem } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import { entryItem, plainEntryLine } from './entry.js';
import { serialize } from './markdown.js';
import { plainItem } from './plain-item.js';

/**
 * The papers of one category as Markdown, serialised by the same serialiser with the same options.
 * Entries read the same in every language, so each list is serialised once per build and enters
 * every README's tree as a literal block (an html node is written out unchanged): at 100,000
 * papers this halves the build.
 */
export type ListCache = Map<string, Html>;

/**
 * Papers the serialiser takes per call: the items of a tight list are joined by one line break, so
 * runs joined the same way give the same text, and each run's tree and pieces die young. One tree
 * for 6,000 papers outlived the young generation, and serialising 100,000 papers grew the heap by
 * 340 MiB of garbage before the collector ran.
 */
export const LIST_RUN = 256;

/** Items in a tight `*` list, one line break between them, as the serialiser joins them. */
export function listMarkdown(items: readonly ListItem[]): string {
  return joinedList(items.map((item) => plainItem(item) ?? item));
}

/** Lines made already and items for the serialiser, in order, as one list. */
function joinedList(made: readonly (string | ListItem)[]): string {
  const lines: string[] = [];
  let pending: ListItem[] = [];
  const flush = () => {
    for (let start = 0; start < pending.length; start += LIST_RUN) {
      const list: List = { type: 'list', ordered: false, spread: false, children: pending.slice(start, start + LIST_RUN) };
      // The serialiser ends a document with one line break; the list's own end is trimmed below.
      const text = serialize({ type: 'root', children: [list] });
      lines.push(text.endsWith('\n') ? text.slice(0, -1) : text);
    }
    pending = [];
  };
  for (const line of made) {
    // Items that need no escaping are written directly (plain-item.ts); the rest keep their order.
    if (typeof line !== 'string') pending.push(line);
    else {
      if (pending.length > 0) flush();
      lines.push(line);
    }
  }
  flush();
  return lines.join('\n').trimEnd();
}

export function paperList(id: string, papers: readonly LoadedPaper[], cache: ListCache): Html {
  let node = cache.get(id);
  if (!node) {
    // A paper whose line needs no serialiser never becomes an item (entry.ts plainEntryLine).
    node = { type: 'html', value: joinedList(papers.map((p) => plainEntryLine(p.entry) ?? entryItem(p.entry))) };
    cache.set(id, node);
  }
  return node;
}
