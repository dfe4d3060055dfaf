import type { Category, NewsItem, PaperFile } from '../data/schema.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { SourceFile } from '../data/source.js';
import type { FieldKind } from './context.js';
import { showInvisible } from '../text/invisible.js';

/** One string value in a data file, with the path --fix writes to. */
export interface TextField {
  source: SourceFile;
  path: (string | number)[];
  kind: FieldKind;
  value: string;
}

/** The string fields of a paper file that text rules read. The arxiv field is left out: its schema admits only an id. */
export function paperFields(source: SourceFile, entry: PaperFile): TextField[] {
  const fields: TextField[] = [];
  const add = (path: (string | number)[], kind: FieldKind, value: string | undefined) => {
    if (value !== undefined) fields.push({ source, path, kind, value });
  };
  if (isRawEntry(entry)) {
    add(['raw'], 'raw', entry.raw);
  } else {
    add(['title'], 'title', entry.title);
    add(['url'], 'url', entry.url);
    entry.authors?.forEach((name, i) => add(['authors', i], 'author', name));
    add(['venue'], 'venue', entry.venue);
  }
  entry.exceptions?.forEach((exception, i) => add(['exceptions', i, 'reason'], 'reason', exception.reason));
  return fields;
}

/** Category names in every language, depth first. */
export function categoryFields(source: SourceFile, categories: readonly Category[], base: (string | number)[] = ['categories']): TextField[] {
  const fields: TextField[] = [];
  categories.forEach((category, i) => {
    for (const [lang, name] of Object.entries(category.name)) {
      fields.push({ source, path: [...base, i, 'name', lang], kind: 'category-name', value: name });
    }
    if (category.children) fields.push(...categoryFields(source, category.children, [...base, i, 'children']));
  });
  return fields;
}

export function newsFields(source: SourceFile, news: readonly NewsItem[]): TextField[] {
  const fields: TextField[] = [];
  news.forEach((item, i) => {
    for (const [lang, text] of Object.entries(item.text)) fields.push({ source, path: ['news', i, 'text', lang], kind: 'news-text', value: text });
  });
  return fields;
}

/** `Field "authors[2]"`, the way schema problems name fields. */
export function fieldLabel(path: readonly (string | number)[]): string {
  return `Field "${path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replace(/\.\[/g, '[')}"`;
}

/**
 * A value short enough to quote in a message, as written (a backslash stays one backslash); only
 * characters that would not show are spelled as escapes.
 */
export function quote(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  // Tabs and line breaks are not invisible-char's but would still break the message's line.
  const visible = showInvisible(short).replace(/[\t\n\r]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `"${visible}"`;
}
