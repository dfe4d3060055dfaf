import type { Paper } from '../data/schema.js';
import { entryItem } from '../render/entry.js';
import { serialize } from '../render/markdown.js';

/** The entry's line in the README, as build-readme renders it: "* **[Title.](url)** Authors. Venue, Year". */
export function readmeLine(paper: Paper): string {
  return serialize({ type: 'root', children: [{ type: 'list', ordered: false, spread: false, children: [entryItem(paper)] }] }).trimEnd();
}
