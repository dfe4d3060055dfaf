import type { ListItem, PhrasingContent } from 'mdast';
import { isRawEntry } from '../data/raw-entry.js';
import type { Paper, PaperFile } from '../data/schema.js';
import { shownAuthors } from '../data/authors.js';
import { plainLine } from './plain-item.js';

/** The list's closing period: the data holds titles without it, the README adds it. */
export const CLOSING_PERIOD = '.';

/**
 * What ends a sentence: ".", "?", "!", an ellipsis ("…" or "..."), or their CJK forms, perhaps inside
 * closing quotes or brackets (Say "Hi."). A title ending so gets no closing period: "Fall Short?",
 * not "Fall Short?."; "And So…", not "And So….".
 */
const SENTENCE_END = /[.?!…。？！]["'”’»」』)\]]*$/;

/** A title that already ends in a sentence mark gets no closing period. */
export function endsSentence(title: string): boolean {
  return SENTENCE_END.test(title);
}

/** The title as the README and the page show it: with the closing period unless it ends a sentence already. */
export function displayTitle(title: string): string {
  return endsSentence(title) ? title : title + CLOSING_PERIOD;
}

/** The text after the bold title: "Authors. Venue, Year", parts left out when empty. */
export function entryTail(paper: Paper): string {
  const names = shownAuthors(paper);
  const parts: string[] = [];
  if (names.length > 0) parts.push(`${names.join(', ')}.`);
  parts.push(paper.venue ? `${paper.venue}, ${paper.year}` : String(paper.year));
  return parts.join(' ');
}

/**
 * The entry's line as the serialiser would write entryItem's item, without making the item, when
 * plain-item.ts can say so; undefined when the item must go to the serialiser (a raw entry, no link,
 * text the serialiser would escape). 100,000 items were 800,000 short-lived nodes.
 */
export function plainEntryLine(entry: PaperFile): string | undefined {
  if (isRawEntry(entry) || !entry.url) return undefined;
  return plainLine(displayTitle(entry.title), entry.url, ` ${entryTail(entry)}`);
}

/** `* **[Title.](url)** Authors. Venue, Year` as an mdast list item; a raw entry stays verbatim. */
export function entryItem(entry: PaperFile): ListItem {
  let children: PhrasingContent[];
  if (isRawEntry(entry)) {
    // Kept exactly as imported until someone fixes it; the html node is written out unchanged.
    children = [{ type: 'html', value: entry.raw }];
  } else {
    const title: PhrasingContent = { type: 'text', value: displayTitle(entry.title) };
    const titled: PhrasingContent = entry.url ? { type: 'link', url: entry.url, children: [title] } : title;
    children = [{ type: 'strong', children: [titled] }, { type: 'text', value: ` ${entryTail(entry)}` }];
  }
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}
