import type { Heading, Html, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import type { Category } from '../data/schema.js';
import { paperList, type ListCache } from './lists.js';
import { localized, phrase } from './language.js';
import { serialize } from './markdown.js';

/** When build-readme moves the papers to pages of their own. */
import { PAGES_DIR } from './names.js';
export { PAGES_DIR, PAGES_MODES, type PagesMode } from './names.js';

/** pages/<lang>/<category-id>.md, then <category-id>-2.md …, relative to the README. */
export function pagePath(lang: string, id: string, part = 1): string {
  return `${PAGES_DIR}/${lang}/${id}${part > 1 ? `-${part}` : ''}.md`;
}

/**
 * A serialised list cut into pieces of at most `budget` bytes, between items (an item starts a line
 * with the bullet); an item longer than the budget makes a piece of its own. Each piece is a slice of
 * `markdown`, which V8 keeps as a view of it: splitting 40 MiB of lists copies none of it.
 */
export function splitList(markdown: string, budget: number): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  let bytes = 0;
  let itemStart = 0;
  const take = (itemEnd: number) => {
    // An item's size counts the line break that ends it.
    const size = Buffer.byteLength(markdown.slice(itemStart, itemEnd)) + 1;
    if (itemStart > pieceStart && bytes + size > budget) {
      pieces.push(markdown.slice(pieceStart, itemStart - 1));
      pieceStart = itemStart;
      bytes = 0;
    }
    bytes += size;
  };
  for (let at = markdown.indexOf('\n* ', 0); at >= 0; at = markdown.indexOf('\n* ', at + 1)) {
    take(at);
    itemStart = at + 1;
  }
  take(markdown.length);
  pieces.push(markdown.slice(pieceStart));
  return pieces;
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
  /** Page path → page tree. */
  pages: Map<string, Root>;
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
        const pieces = splitList(paperList(category.id, papers, lists).value, budget);
        const paths = pieces.map((_, i) => pagePath(lang, category.id, i + 1));
        pieces.forEach((piece, i) => paged.pages.set(paths[i]!, page(name, i, paths, piece, notice, readme, lang)));
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

/** Stands for a page's list while the rest of it is serialised: text of the list never holds NUL. */
const LIST_MARK = '\u0000list\u0000';

/**
 * A page's text as [before the list, the list, after it]: the serialiser writes an html node as it
 * is, whatever the rest, so the page is serialised around a mark and its list (400 KiB) is never
 * copied into a page string (at 100,000 entries, 120 such strings were 90 MB of garbage). The whole
 * page, serialised, when the mark is not found once, or the list is empty or ends a line (the
 * serialiser adds a last line break only after text that does not).
 */
export function pageParts(page: Root): string[] {
  const last = page.children.at(-1);
  if (last?.type !== 'html' || last.value === '' || /[\n\r]$/.test(last.value)) return [serialize(page)];
  const text = serialize({ ...page, children: [...page.children.slice(0, -1), { type: 'html', value: LIST_MARK }] });
  const at = text.indexOf(LIST_MARK);
  if (at < 0 || text.includes(LIST_MARK, at + 1)) return [serialize(page)];
  return [text.slice(0, at), last.value, text.slice(at + LIST_MARK.length)];
}
