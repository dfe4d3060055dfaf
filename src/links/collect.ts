import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../core/problem.js';
import { displayPath, type ListData } from '../data/load.js';
import { isRawEntry } from '../data/raw-entry.js';
import { placeOf, yaml, type SourceFile } from '../data/source.js';
import type { Root } from 'mdast';
import { parseMarkdown } from '../markdown/parse.js';
import { arxivFromUrl, canonicalArxivUrl } from '../text/arxiv.js';
import type { ArxivIdentityRef, CollectedLinks, LinkKind, LinkRef, PaperContext } from './types.js';
import { readRegularText } from '../fs/read.js';

/**
 * Gathers every link in data/ (papers' url and arxiv fields, verbatim entries, news) and in the
 * templates, each with the file and line it stands on. arXiv abs/pdf links are verified by
 * identity through the API, so they go to `arxiv` instead of `links`.
 */

export interface TemplateText {
  /** Display path. */
  file: string;
  absPath: string;
  text: string;
}

/** The Markdown templates (README.md, README_zh.md, …) in a directory; none when it does not exist. */
export function readTemplates(templatesDir: string, cwd: string): TemplateText[] {
  let names: string[];
  try {
    names = readdirSync(templatesDir).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // A template that is a link (or a folder, or a pipe) is never read: the offline lint refuses it by name.
  return names.flatMap((name) => {
    const absPath = join(templatesDir, name);
    const text = readRegularText(absPath);
    return text === undefined ? [] : [{ file: displayPath(absPath, cwd), absPath, text }];
  });
}

const ARXIV_HOST = /^(?:www\.|export\.|browse\.)?arxiv\.org$/i;

/** Links whose page need not be fetched: the arXiv API answers for them, in bulk. */
export function isArxivPageUrl(url: string): boolean {
  try {
    return ARXIV_HOST.test(new URL(url).hostname) && arxivFromUrl(url) !== undefined;
  } catch {
    return false;
  }
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

export interface FoundUrl {
  url: string;
  /** 1-based, relative to the Markdown text. */
  line: number;
  column: number;
}

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  position?: { start: { line: number; column: number } };
  children?: MdNode[];
}

const HTML_URL = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
// Bare URLs, which GitHub links; closing punctuation is trimmed below.
const BARE_URL = /https?:\/\/[^\s<>"'`]+/g;

function offsetPlace(text: string, index: number, start: { line: number; column: number }): { line: number; column: number } {
  const before = text.slice(0, index);
  const newlines = before.split('\n').length - 1;
  return newlines === 0 ? { line: start.line, column: start.column + index } : { line: start.line + newlines, column: index - before.lastIndexOf('\n') };
}

function trimBare(url: string): string {
  let out = url.replace(/[.,;:!?*_~]+$/, '');
  // A closing parenthesis belongs to the URL only if it opened one.
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return out;
}

/**
 * Every absolute http(s) URL in a Markdown text: links, images, definitions, HTML attributes, bare URLs.
 * `accept` picks other URLs instead (the relative-link rule takes the relative ones; bare URLs are always absolute).
 */
export function urlsInMarkdown(markdown: string, accept: (url: string) => boolean = isHttpUrl): FoundUrl[] {
  return urlsInTree(parseMarkdown(markdown), accept);
}

/** urlsInMarkdown of a text parsed already (a template's shared tree, which this only reads). */
export function urlsInTree(tree: Root, accept: (url: string) => boolean = isHttpUrl): FoundUrl[] {
  const found: FoundUrl[] = [];
  const visit = (node: MdNode, inLink = false) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined) {
      if (accept(node.url)) found.push({ url: node.url, ...start });
    }
    if (node.type === 'html' && node.value) {
      for (const match of node.value.matchAll(HTML_URL)) {
        const raw = match[1] ?? match[2] ?? '';
        const url = raw.trim();
        // Point at the URL itself, not at the attribute's name.
        const at = match.index + match[0].lastIndexOf(raw) + (raw.length - raw.trimStart().length);
        if (accept(url)) found.push({ url, ...offsetPlace(node.value, at, start) });
      }
    }
    // The text of a link is not another link (an image inside a link, a badge, is).
    if (node.type === 'text' && node.value && !inLink) {
      for (const match of node.value.matchAll(BARE_URL)) {
        const url = trimBare(match[0]);
        if (accept(url)) found.push({ url, ...offsetPlace(node.value, match.index, start) });
      }
    }
    for (const child of node.children ?? []) visit(child, inLink || node.type === 'link');
  };
  visit(tree as unknown as MdNode);
  return found;
}

export function collectLinks(data: ListData, templates: readonly TemplateText[]): Result<CollectedLinks> {
  const links: LinkRef[] = [];
  const arxiv: ArxivIdentityRef[] = [];

  const add = (ref: LinkRef) => {
    const id = arxivFromUrl(ref.url);
    if (id) {
      const identity: ArxivIdentityRef = { id: id.id, version: id.version, url: ref.url, kind: ref.kind, file: ref.file, absPath: ref.absPath, line: ref.line, column: ref.column };
      if (ref.paper) identity.paper = ref.paper;
      arxiv.push(identity);
    }
    if (!isArxivPageUrl(ref.url)) links.push(ref);
  };

  for (const { source, entry } of data.papers) {
    const base = { file: source.file, absPath: source.absPath };
    if (isRawEntry(entry)) {
      const place = placeOf(source, ['raw']);
      for (const found of urlsInMarkdown(entry.raw)) add({ url: found.url, kind: 'paper-raw', ...base, ...place });
      continue;
    }
    const paper: PaperContext = entry.venue === undefined ? { title: entry.title } : { title: entry.title, venue: entry.venue };
    const urlId = entry.url ? arxivFromUrl(entry.url)?.id : undefined;
    if (entry.url && isHttpUrl(entry.url)) add({ url: entry.url, kind: 'paper-url', ...base, ...placeOf(source, ['url']), fixPath: ['url'], paper });
    // The arxiv field is checked by identity too, unless the URL already names the same paper.
    if (entry.arxiv && entry.arxiv !== urlId) {
      arxiv.push({ id: entry.arxiv, url: canonicalArxivUrl(entry.arxiv), kind: 'paper-url', ...base, ...placeOf(source, ['arxiv']), paper });
    }
  }

  if (data.newsSource) {
    const source = data.newsSource;
    data.news.forEach((item, index) => {
      for (const [lang, text] of Object.entries(item.text)) {
        if (typeof text !== 'string') continue;
        const path = ['news', index, 'text', lang];
        for (const found of urlsInMarkdown(text)) add({ url: found.url, kind: 'news', file: source.file, absPath: source.absPath, ...newsPlace(source, path, found) });
      }
    });
  }

  for (const template of templates) {
    for (const found of urlsInMarkdown(template.text)) add({ url: found.url, kind: 'template' satisfies LinkKind, file: template.file, absPath: template.absPath, line: found.line, column: found.column });
  }
  return { value: { links, arxiv }, problems: [] };
}

/** A place inside a YAML string: block scalars start on the next line; plain and quoted ones on the key's line. */
function newsPlace(source: SourceFile, path: (string | number)[], found: FoundUrl): { line: number; column: number } {
  const place = placeOf(source, path);
  const node = source.doc.getIn(path, true);
  // yaml is loaded on first use (data/source.ts): a top-level import would load it for every command that collects URLs.
  const block = yaml().isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  if (block) return { line: place.line + found.line, column: found.column };
  return found.line === 1 ? { line: place.line, column: place.column + found.column - 1 } : { line: place.line + found.line - 1, column: found.column };
}
