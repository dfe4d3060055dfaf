import type { Heading, Html, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import type { Category } from '../data/schema.js';
import { paperList, type ListCache } from './lists.js';
import { localized, phrase } from './language.js';

/** When build-readme moves the papers to pages of their own. */
export type PagesMode = 'auto' | 'always' | 'never';
export const PAGES_MODES: readonly PagesMode[] = ['auto', 'always', 'never'];
export const PAGES_DIR = 'pages';

/** pages/<lang>/<category-id>.md, then <category-id>-2.md …, relative to the README. */
export function pagePath(lang: string, id: string, part = 1): string {
  return `${PAGES_DIR}/${lang}/${id}${part > 1 ? `-${part}` : ''}.md`;
}

/**
 * A serialised list cut into pieces of at most `budget` bytes, between items (an item starts a line
 * with the bullet); an item longer than the budget makes a piece of its own.
 */
export function splitList(markdown: string, budget: number): string[] {
  return listPieces(markdown, budget).map(([start, end]) => markdown.slice(start, end));
}

/**
 * Where splitList cuts: [start, end) of each piece in `markdown`. A piece is the items from its first
 * to its last with the line breaks between them, so it is one stretch of the text and is sliced from
 * it only when its page is written.
 */
export function listPieces(markdown: string, budget: number): [number, number][] {
  const pieces: [number, number][] = [];
  let pieceStart = 0;
  let pieceEnd = 0;
  let items = 0;
  let bytes = 0;
  const add = (start: number, end: number) => {
    // Bytes of UTF-8 without a copy: ASCII is one byte a character, and most of a list is ASCII.
    const size = utf8Length(markdown, start, end) + 1;
    if (items > 0 && bytes + size > budget) {
      pieces.push([pieceStart, pieceEnd]);
      items = 0;
      bytes = 0;
    }
    if (items === 0) pieceStart = start;
    pieceEnd = end;
    items++;
    bytes += size;
  };
  let start = 0;
  for (let at = markdown.indexOf('\n* ', 0); at >= 0; at = markdown.indexOf('\n* ', at + 1)) {
    add(start, at);
    start = at + 1;
  }
  add(start, markdown.length);
  if (items > 0) pieces.push([pieceStart, pieceEnd]);
  return pieces;
}

/** Buffer.byteLength of markdown.slice(start, end), without making the slice. */
function utf8Length(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function heading(depth: number, text: string): Heading {
  return { type: 'heading', depth: Math.min(depth, 6) as Heading['depth'], children: [{ type: 'text', value: text }] };
}

function link(url: string, label: string): PhrasingContent {
  return { type: 'link', url, children: [{ type: 'text', value: label }] };
}

/** "a, b, c" as phrasing, for the list of a category's pages. */
function joined(parts: PhrasingContent[]): PhrasingContent[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [{ type: 'text', value: ', ' } as PhrasingContent, part]));
}

export interface Paged {
  /** The README's paper list: every category heading, each with links to its pages. */
  sections: RootContent[];
  /** Page path → the page's tree, built when asked for (a caller writing pages one by one holds one at a time). */
  pages: Map<string, () => Root>;
}

/**
 * Every category with papers gets pages of its own, each small enough for GitHub to render; the
 * README keeps every heading (so its table of contents still resolves) and links to the pages.
 */
export function pagedSections(
  categories: readonly Category[],
  groups: ReadonlyMap<string, readonly LoadedPaper[]>,
  lang: string,
  depth: number,
  lists: ListCache,
  notice: Html,
  readme: string,
  budget: number,
): Paged {
  const paged: Paged = { sections: [], pages: new Map() };
  const walk = (list: readonly Category[], level: number) => {
    for (const category of list) {
      const name = localized(category.name, lang);
      paged.sections.push(heading(level, name));
      const papers = groups.get(category.id) ?? [];
      if (papers.length > 0) {
        const markdown = paperList(category.id, papers, lists).value;
        const pieces = listPieces(markdown, budget);
        const paths = pieces.map((_, i) => pagePath(lang, category.id, i + 1));
        pieces.forEach(([start, end], i) => paged.pages.set(paths[i]!, () => page(name, i, paths, markdown.slice(start, end), notice, readme, lang)));
        const links = paths.length === 1 ? [link(paths[0]!, name)] : joined(paths.map((path, i) => link(path, String(i + 1))));
        const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: phrase('papersOnPages', lang, papers.length, paths.length) }, ...links] };
        paged.sections.push(paragraph);
      }
      walk(category.children ?? [], level + 1);
    }
  };
  walk(categories, depth);
  return paged;
}

function page(name: string, index: number, paths: readonly string[], piece: string, notice: Html, readme: string, lang: string): Root {
  const title = paths.length > 1 ? `${name} (${index + 1}/${paths.length})` : name;
  // Pages sit in pages/<lang>/: the README is two folders up, sibling pages are next door.
  const file = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const nav: PhrasingContent[] = [{ type: 'text', value: phrase('backTo', lang) }, link(`../../${readme}`, readme)];
  if (index > 0) nav.push({ type: 'text', value: ' · ' }, link(file(paths[index - 1]!), phrase('previous', lang)));
  if (index < paths.length - 1) nav.push({ type: 'text', value: ' · ' }, link(file(paths[index + 1]!), phrase('next', lang)));
  return { type: 'root', children: [notice, heading(1, title), { type: 'paragraph', children: nav }, { type: 'html', value: piece }] };
}
