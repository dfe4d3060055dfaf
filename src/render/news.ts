import type { List, ListItem, Paragraph, PhrasingContent } from 'mdast';
import type { NewsItem } from '../data/schema.js';
import { localized } from './language.js';
import { parseMarkdown } from '../markdown/parse.js';

/** "2025-03-27" → "[2025.03.27]", the list's way of dating news. */
export function newsDate(date: string): string {
  return `[${date.replaceAll('-', '.')}]`;
}

/** The News list: each item's Markdown is parsed, so its links and emphasis stay structure. */
export function newsList(items: readonly NewsItem[], lang: string): List {
  const children: ListItem[] = items.map((item) => {
    const parsed = parseMarkdown(localized(item.text, lang));
    const first = parsed.children[0];
    const inline: PhrasingContent[] = first && first.type === 'paragraph' ? first.children : [];
    const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: `${newsDate(item.date)} ` }, ...inline] };
    return { type: 'listItem', spread: false, children: [paragraph] };
  });
  return { type: 'list', ordered: false, spread: false, children };
}
