import type { Heading, Html, Paragraph, Root, RootContent } from 'mdast';
import type { LoadedPaper } from '../data/load.js';
import type { Category } from '../data/schema.js';
import { categorySections, type ListCache } from './categories.js';
import { localized, phrase } from './language.js';
import { headingsOf } from './toc.js';

/** When build-readme puts each top-level section on a page of its own. */
export type PagesMode = 'auto' | 'always' | 'never';
export const PAGES_MODES: readonly PagesMode[] = ['auto', 'always', 'never'];
export const PAGES_DIR = 'pages';

/** pages/<lang>/<category-id>.md, relative to the README. */
export function pagePath(lang: string, id: string): string {
  return `${PAGES_DIR}/${lang}/${id}.md`;
}

function countPapers(category: Category, groups: ReadonlyMap<string, readonly LoadedPaper[]>): number {
  return (groups.get(category.id)?.length ?? 0) + (category.children ?? []).reduce((n, c) => n + countPapers(c, groups), 0);
}

function heading(depth: number, text: string): Heading {
  return { type: 'heading', depth: Math.min(depth, 6) as Heading['depth'], children: [{ type: 'text', value: text }] };
}

function linkParagraph(before: string, url: string, label: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value: before }, { type: 'link', url, children: [{ type: 'text', value: label }] }] };
}

/** One top-level category as a page: its name as the title, a way back, then its lists. */
export function categoryPage(
  category: Category,
  groups: ReadonlyMap<string, readonly LoadedPaper[]>,
  lang: string,
  lists: ListCache,
  notice: Html,
  readme: string,
): Root {
  const name = localized(category.name, lang);
  const children: RootContent[] = [
    notice,
    heading(1, name),
    linkParagraph(phrase('backTo', lang), `../../${readme}`, readme),
  ];
  // The page title stands for the category's own heading; subcategories follow at level 2.
  children.push(...categorySections([category], groups, lang, 1, lists).slice(1));
  return { type: 'root', children };
}

/**
 * The README's paper list when the sections live on pages: every heading stays (so the table of
 * contents and links to them still resolve), each followed by a link to the same heading on its page.
 */
export function linkedSections(
  categories: readonly Category[],
  groups: ReadonlyMap<string, readonly LoadedPaper[]>,
  lang: string,
  depth: number,
  pages: ReadonlyMap<string, Root>,
): RootContent[] {
  const nodes: RootContent[] = [];
  for (const top of categories) {
    const path = pagePath(lang, top.id);
    const page = pages.get(top.id)!;
    const slugs = headingsOf(page).map((h) => h.slug);
    const name = localized(top.name, lang);
    nodes.push(heading(depth, name));
    nodes.push(linkParagraph(phrase('papersOnPage', lang, countPapers(top, groups)), path, name));
    // Subcategory headings in page order: the page's headings after its title.
    let index = 1;
    const walk = (children: readonly Category[], level: number) => {
      for (const child of children) {
        const slug = slugs[index++]!;
        const childName = localized(child.name, lang);
        nodes.push(heading(level, childName));
        nodes.push(linkParagraph(phrase('papersOnPage', lang, countPapers(child, groups)), `${path}#${slug}`, childName));
        walk(child.children ?? [], level + 1);
      }
    };
    walk(top.children ?? [], depth + 1);
  }
  return nodes;
}
