import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Problem, Result } from '../core/problem.js';
import type { Category, NewsItem, PaperFile } from '../data/schema.js';
import { PAGES_DIR } from '../render/pages.js';
import { markerComment } from '../render/fill-template.js';
import { parseMarkdown } from '../markdown/parse.js';
import { slugify } from '../text/slug.js';
import { parseEntry } from './entry.js';
import { pageListItems } from './pieces.js';

/** Which headings mark the generated parts of a README in this format. Defaults stated once. */
export interface ImportOptions {
  newsHeadings: string[];
  tocHeadings: string[];
  paperListHeadings: string[];
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  newsHeadings: ['News', 'Updates', '新闻'],
  tocHeadings: ['Table of Contents', 'Contents', '目录'],
  paperListHeadings: ['Paper List', 'Papers', '论文列表'],
};

export interface ImportedPaper {
  category: string;
  entry: PaperFile;
  /** Line of the entry in the imported README. */
  line: number;
}

export interface ImportedList {
  categories: Category[];
  news: NewsItem[];
  papers: ImportedPaper[];
  /** The README with its generated parts replaced by markers: the English template. */
  template: string;
  /** Lines of well-formed entries (parsed without any problem), for the fidelity check. */
  wellFormed: number[];
}

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** "[2025.03.27] …" as written by hand, or "\[2025.03.27] …" as build-readme's serialiser writes it (the bracket escaped). */
const NEWS_ITEM = /^\\?\[(\d{4})[.-](\d{2})[.-](\d{2})\\?\]\s+/;

function matches(heading: Heading, names: readonly string[]): boolean {
  const text = toString(heading).trim().toLowerCase();
  return names.some((name) => name.toLowerCase() === text);
}

function offsets(node: RootContent): { start: number; end: number } {
  return { start: node.position!.start.offset!, end: node.position!.end.offset! };
}

/**
 * A page the README links to (build-readme puts a large list's papers on pages/<lang>/<name>.md):
 * its decoded text, display path and decoding findings, or why it could not be read. The caller does
 * the reading (`href` is relative to the README).
 */
export type PageReader = (href: string) => { text: string; file: string; problems: Problem[] } | { imported: ImportedPage } | { error: string };

/** A page's papers in order, each with its line on the page, and its findings: decoding's, then each entry's. */
export interface ImportedPage {
  papers: { entry: PaperFile; line: number }[];
  problems: Problem[];
}

/** The entries of every list on a page: its title and navigation are build-readme's, not data. `problems`: the page's decoding findings. */
export function importPage(text: string, file: string, problems: readonly Problem[]): ImportedPage {
  const page: ImportedPage = { papers: [], problems: [...problems] };
  for (const item of pageListItems(text)) {
    const parsed = parseEntry(item, text, file);
    page.papers.push({ entry: parsed.entry, line: item.position!.start.line });
    for (const problem of parsed.problems) page.problems.push(problem);
  }
  return page;
}

/** A link build-readme writes to one of its pages: pages/<lang>/<name>.md, nothing above or outside. */
const PAGE_LINK = new RegExp(`^${PAGES_DIR}/[a-z]{2,3}(?:-[A-Za-z0-9]+)?/[^/]+\\.md$`);

/** "12 papers, on 2 pages: [1](pages/en/x.md), [2](pages/en/x-2.md)": the paragraph build-readme puts under a category whose papers are on pages. */
function pageLinks(node: RootContent): string[] | undefined {
  if (node.type !== 'paragraph') return undefined;
  const links = (node as Paragraph).children.filter((child) => child.type === 'link');
  if (links.length === 0 || !(node as Paragraph).children.every((child) => child.type === 'text' || child.type === 'link')) return undefined;
  const urls = links.map((link) => link.url);
  return urls.every((url) => PAGE_LINK.test(url)) ? urls : undefined;
}

/**
 * A README in the list's format (already decoded) into categories, news, papers and a template.
 * With `pages`, the papers of a category that build-readme moved to pages of their own are read
 * from those pages; without it they are left out (the links are still recognised, not kept as prose).
 */
export function importReadme(text: string, file: string, options: ImportOptions = DEFAULT_IMPORT_OPTIONS, pages?: PageReader): Result<ImportedList> {
  const tree: Root = parseMarkdown(text);
  const problems: Problem[] = [];
  const value: ImportedList = { categories: [], news: [], papers: [], template: '', wellFormed: [] };
  const spans: Span[] = [];
  const nodes = tree.children;

  const find = (names: readonly string[]) => nodes.findIndex((node) => node.type === 'heading' && matches(node, names));
  const newsIndex = find(options.newsHeadings);
  const tocIndex = find(options.tocHeadings);
  const listIndex = find(options.paperListHeadings);
  if (listIndex < 0) {
    problems.push({
      rule: 'template',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `No paper list heading (${options.paperListHeadings.map((h) => `"${h}"`).join(', ')}); nothing to import.`,
    });
    return { value, problems };
  }

  // News: the first list after the News heading.
  if (newsIndex >= 0) {
    const list = firstListAfter(nodes, newsIndex);
    if (list) {
      const kept: string[] = [];
      for (const item of list.children) {
        const news = parseNews(item, text);
        if (news) value.news.push(news);
        else {
          kept.push(text.slice(item.position!.start.offset!, item.position!.end.offset!));
          problems.push({
            rule: 'unparsed-entry',
            severity: 'warning',
            file,
            line: item.position!.start.line,
            column: item.position!.start.column,
            message: 'News item without a leading [YYYY.MM.DD] date; kept in the template as it was.',
          });
        }
      }
      spans.push({ ...offsets(list), replacement: [markerComment('news'), ...kept].join('\n\n') });
    }
  }

  // Table of contents: the first list after its heading, regenerated from the headings.
  if (tocIndex >= 0) {
    const list = firstListAfter(nodes, tocIndex);
    if (list) spans.push({ ...offsets(list), replacement: markerComment('toc') });
  }

  // Paper list: category headings and their lists, up to the next heading of the same or higher rank.
  const listDepth = (nodes[listIndex] as Heading).depth;
  const section = paperSection(nodes, listIndex);
  const kept: string[] = [];
  const stack: { depth: number; children: Category[] }[] = [{ depth: listDepth, children: value.categories }];
  const usedIds = new Set<string>();
  let current: Category | undefined;
  for (const node of section) {
    if (node.type === 'heading') {
      while (stack.length > 1 && node.depth <= stack[stack.length - 1]!.depth) stack.pop();
      const name = toString(node).trim();
      let id = slugify(name, 12);
      for (let n = 2; usedIds.has(id); n++) id = `${slugify(name, 12)}-${n}`;
      usedIds.add(id);
      const category: Category = { id, name: { en: name } };
      const parent = stack[stack.length - 1]!;
      if (node.depth > parent.depth + 1) {
        problems.push({ rule: 'template', severity: 'warning', file, line: node.position!.start.line, column: 1, message: `Heading "${name}" skips a level; imported as a subcategory of the heading above.` });
      }
      parent.children.push(category);
      stack.push({ depth: node.depth, children: (category.children = []) });
      current = category;
    } else if (node.type === 'list' && current) {
      for (const item of (node as List).children) importItem(item as ListItem, current.id);
    } else if (current && pageLinks(node)) {
      if (pages) for (const href of pageLinks(node)!) addPage(node, href, current.id, pages);
    } else {
      kept.push(text.slice(offsets(node).start, offsets(node).end));
      if (node.type !== 'html') {
        problems.push({ rule: 'entry-format', severity: 'warning', file, line: node.position!.start.line, column: node.position!.start.column, message: 'Content in the paper list that is neither a heading nor an entry; moved to the template after the list.' });
      }
    }
  }
  pruneEmptyChildren(value.categories);
  if (section.length > 0) {
    spans.push({
      start: offsets(section[0]!).start,
      end: offsets(section[section.length - 1]!).end,
      replacement: [markerComment('papers'), ...kept].join('\n\n'),
    });
  } else {
    const at = offsets(nodes[listIndex]!).end;
    spans.push({ start: at, end: at, replacement: `\n\n${markerComment('papers')}` });
  }

  value.template = applySpans(text, spans);
  return { value, problems };

  /** An entry of the README itself (wellFormed lists README lines only). */
  function importItem(item: ListItem, category: string): void {
    const parsed = parseEntry(item, text, file);
    const line = item.position!.start.line;
    value.papers.push({ category, entry: parsed.entry, line });
    if (parsed.problems.length === 0) value.wellFormed.push(line);
    for (const problem of parsed.problems) problems.push(problem);
  }

  /** A linked page's papers, imported here or (`imported`) by the reader. */
  function addPage(link: RootContent, href: string, category: string, read: PageReader): void {
    const page = read(href);
    if ('error' in page) {
      problems.push({ rule: 'template', severity: 'error', file, line: link.position!.start.line, column: link.position!.start.column, message: `Links to the page ${href}, which cannot be read (${page.error}); its papers are not imported.` });
      return;
    }
    const imported = 'imported' in page ? page.imported : importPage(page.text, page.file, page.problems);
    for (const problem of imported.problems) problems.push(problem);
    for (const { entry, line } of imported.papers) value.papers.push({ category, entry, line });
  }
}

/** The nodes under the paper list heading at `listIndex`, up to the next heading of the same or higher rank. */
function paperSection(nodes: readonly RootContent[], listIndex: number): RootContent[] {
  const listDepth = (nodes[listIndex] as Heading).depth;
  let endIndex = nodes.findIndex((node, i) => i > listIndex && node.type === 'heading' && node.depth <= listDepth);
  if (endIndex < 0) endIndex = nodes.length;
  return nodes.slice(listIndex + 1, endIndex);
}

/**
 * The pages importReadme will ask its PageReader for, in the order it asks: those linked under a
 * category heading of the paper list. Lets a reader start on them before the import asks.
 */
export function linkedPages(text: string, options: ImportOptions = DEFAULT_IMPORT_OPTIONS): string[] {
  const nodes = parseMarkdown(text).children;
  const listIndex = nodes.findIndex((node) => node.type === 'heading' && matches(node, options.paperListHeadings));
  if (listIndex < 0) return [];
  const hrefs: string[] = [];
  let underCategory = false;
  for (const node of paperSection(nodes, listIndex)) {
    if (node.type === 'heading') underCategory = true;
    else if (underCategory && node.type !== 'list') hrefs.push(...(pageLinks(node) ?? []));
  }
  return hrefs;
}

/** The first list between the heading at `index` and the next heading. */
function firstListAfter(nodes: readonly RootContent[], index: number): List | undefined {
  for (const node of nodes.slice(index + 1)) {
    if (node.type === 'heading') return undefined;
    if (node.type === 'list') return node;
  }
  return undefined;
}

function pruneEmptyChildren(categories: Category[]): void {
  for (const category of categories) {
    if (category.children && category.children.length === 0) delete category.children;
    else if (category.children) pruneEmptyChildren(category.children);
  }
}

function parseNews(item: ListItem, text: string): NewsItem | undefined {
  const paragraph = item.children[0];
  if (item.children.length !== 1 || !paragraph || paragraph.type !== 'paragraph') return undefined;
  const source = text.slice(paragraph.position!.start.offset!, paragraph.position!.end.offset!);
  const match = NEWS_ITEM.exec(source);
  if (!match) return undefined;
  return { date: `${match[1]}-${match[2]}-${match[3]}`, text: { en: source.slice(match[0].length).trim() } };
}

function applySpans(text: string, spans: Span[]): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, span.start) + span.replacement + out.slice(span.end);
  }
  return out;
}
