import type { ListItem, PhrasingContent } from 'mdast';
import { isRawEntry, type Paper, type PaperFile } from '../data/schema.js';

/** The list's closing period: the data holds titles without it, the README always adds it. */
export const CLOSING_PERIOD = '.';

/** The text after the bold title: "Authors. Venue, Year", parts left out when empty. */
export function entryTail(paper: Paper): string {
  const names = [...(paper.authors ?? []), ...(paper.others ? ['others'] : [])];
  const parts: string[] = [];
  if (names.length > 0) parts.push(`${names.join(', ')}.`);
  parts.push(paper.venue ? `${paper.venue}, ${paper.year}` : String(paper.year));
  return parts.join(' ');
}

/** `* **[Title.](url)** Authors. Venue, Year` as an mdast list item; a raw entry stays verbatim. */
export function entryItem(entry: PaperFile): ListItem {
  let children: PhrasingContent[];
  if (isRawEntry(entry)) {
    // Kept exactly as imported until someone fixes it; the html node is written out unchanged.
    children = [{ type: 'html', value: entry.raw }];
  } else {
    const title: PhrasingContent = { type: 'text', value: entry.title + CLOSING_PERIOD };
    const titled: PhrasingContent = entry.url ? { type: 'link', url: entry.url, children: [title] } : title;
    children = [{ type: 'strong', children: [titled] }, { type: 'text', value: ` ${entryTail(entry)}` }];
  }
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}
