import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { BibEntry } from '../bib/bibtex.js';
import { arxivIdOf, isPreprint, paperId } from '../bib/bibtex.js';
import type { ListData, LoadedPaper } from '../data/load.js';
import { shownAuthors } from '../data/authors.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { Category } from '../data/schema.js';
import { papersByCategory } from '../render/categories.js';
import { displayTitle } from '../render/entry.js';
import type { CategoryMemo } from '../render/cache.js';
import { paperList, type ListCache } from '../render/lists.js';
import { localized } from '../render/language.js';
import { newsDate } from '../render/news.js';
import { yearChart } from './chart.js';
import { FIGURE_PATH, REPOSITORY_URL, SCRIPT_PATH, type SiteLanguage } from './config.js';
import { inlineMarkdown } from './inline.js';
import { ui, uiCount, uiTemplate } from './phrases.js';
import { STYLE } from './style.js';

/**
 * What "copy" copies, per paper id: [BibTeX entry (empty for a raw entry), README line]. It is a
 * file of its own (assets/papers.json), fetched when the reader first reaches for the list, so the
 * page itself stays small; both languages share it.
 */
export type CopyData = Record<string, [string, string]>;

/** Serialised HTML that hast-util-to-html inserts as is (with allowDangerousHtml): only our own lists. */
interface Raw {
  type: 'raw';
  value: string;
}

/** Facts about the list that both languages share, computed once per build. */
export interface SiteModel {
  data: ListData;
  groups: Map<string, LoadedPaper[]>;
  bib: Map<string, BibEntry>;
  /** assets/papers.json. */
  copyJson: string;
  years: number[];
  /** Papers per category including its subcategories. */
  totals: Map<string, number>;
  /** Each category's list of papers as HTML: the same in every language, so serialised once per build (and kept by render/cache.ts). */
  lists: Map<string, string>;
  /** Whether the site carries the survey's structure figure. */
  figure: boolean;
}

function subtreeTotals(categories: readonly Category[], groups: ReadonlyMap<string, readonly LoadedPaper[]>, into: Map<string, number>): number {
  let sum = 0;
  for (const c of categories) {
    const n = (groups.get(c.id)?.length ?? 0) + (c.children ? subtreeTotals(c.children, groups, into) : 0);
    into.set(c.id, n);
    sum += n;
  }
  return sum;
}

/** Papers in the order the page shows them: the category tree's order, as in the README. */
export function pageOrder(categories: readonly Category[], groups: ReadonlyMap<string, readonly LoadedPaper[]>): LoadedPaper[] {
  return categories.flatMap((c) => [...(groups.get(c.id) ?? []), ...(c.children ? pageOrder(c.children, groups) : [])]);
}

/** `memo` holds category lists serialised before, by a build of the same papers (render/cache.ts); new ones are added. */
export function siteModel(data: ListData, bibEntries: readonly BibEntry[], figure = false, memo: CategoryMemo = { lists: new Map(), html: new Map() }): SiteModel {
  const groups = papersByCategory(data.papers);
  const bib = new Map(bibEntries.map((e) => [e.id, e]));
  const copy: CopyData = {};
  const lists: ListCache = memo.lists;
  for (const [id, papers] of groups) {
    // One serialisation per category, as build-readme does; an item's continuation lines are indented, so
    // each item starts a line with "* ".
    const lines = paperList(id, papers, lists).value.split(/\n(?=\* )/);
    papers.forEach((p, i) => (copy[paperId(p)] = [bib.get(paperId(p))?.text ?? '', lines[i] ?? '']));
  }
  const copyJson = JSON.stringify(copy);
  const years = [...new Set(data.papers.flatMap((p) => (isRawEntry(p.entry) ? [] : [p.entry.year])))].sort((a, b) => a - b);
  const totals = new Map<string, number>();
  subtreeTotals(data.categories, groups, totals);
  return { data, groups, bib, copyJson, years, totals, lists: memo.html, figure };
}

/**
 * A hast element built directly, with hast's property names (className, dataPaper): a paper is eight
 * elements and the list has hundreds of papers, where hastscript's parsing of each call shows in a build.
 */
function el(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** One paper; its words are the list's own, the same on every language's page. */
function paperElement(loaded: LoadedPaper): Element {
  const entry = loaded.entry;
  const id = paperId(loaded);
  if (isRawEntry(entry)) return el('li', { className: ['paper'], dataPaper: id }, inlineMarkdown(entry.raw));
  const title = displayTitle(entry.title);
  const children: ElementContent[] = [entry.url ? el('a', { className: ['t'], href: entry.url }, [text(title)]) : el('span', { className: ['t'] }, [text(title)])];
  const names = shownAuthors(entry);
  if (names.length > 0) children.push(text(' '), el('span', { className: ['au'] }, [text(`${names.join(', ')}.`)]));
  children.push(text(' '));
  if (entry.venue) children.push(el('span', { className: ['v'] }, [text(entry.venue)]), text(', '));
  children.push(el('span', { className: ['y'] }, [text(String(entry.year))]));
  const arxiv = arxivIdOf(entry);
  const links: ElementContent[] = [];
  if (arxiv) {
    links.push(
      el('a', { href: `https://arxiv.org/abs/${arxiv}` }, [text(ui('en', 'abs'))]),
      el('a', { href: `https://arxiv.org/pdf/${arxiv}` }, [text(ui('en', 'pdf'))]),
    );
    if (/^\d{4}\.\d{4,5}$/.test(arxiv)) links.push(el('a', { href: `https://huggingface.co/papers/${arxiv}` }, [text(ui('en', 'hf'))]));
  }
  // Spaces between the links, so a text browser and a copy of the text keep them apart.
  children.push(text(' '), el('span', { className: ['actions'] }, links.flatMap((link, i) => (i === 0 ? [link] : [text(' '), link]))));
  return el('li', { className: ['paper'], dataPaper: id, dataYear: String(entry.year), ...(isPreprint(entry) ? { dataPre: '' } : {}) }, children);
}

function sections(model: SiteModel, categories: readonly Category[], lang: SiteLanguage, depth: number): Element[] {
  return categories.map((c) => {
    const papers = model.groups.get(c.id) ?? [];
    const children: ElementContent[] = [h(`h${Math.min(depth, 6)}`, localized(c.name, lang))];
    if (papers.length > 0) {
      let list = model.lists.get(c.id);
      if (list === undefined) model.lists.set(c.id, (list = toHtml(h('ul', { class: 'list' }, papers.map((p) => paperElement(p))))));
      const raw: Raw = { type: 'raw', value: list };
      children.push(raw as unknown as ElementContent);
    }
    if (c.children) children.push(...sections(model, c.children, lang, depth + 1));
    return h('section', { id: `cat-${c.id}`, 'data-cat': c.id }, children);
  });
}

function categoryTree(model: SiteModel, categories: readonly Category[], lang: SiteLanguage): Element {
  return h(
    'ul',
    categories.map((c) =>
      h('li', [
        h('a', { href: `#cat-${c.id}`, 'data-cat': c.id }, [localized(c.name, lang), ' ', h('span', { class: 'n' }, `(${model.totals.get(c.id) ?? 0})`)]),
        ...(c.children ? [categoryTree(model, c.children, lang)] : []),
      ]),
    ),
  );
}

function select(name: string, label: string, options: [string, string][]): Element {
  return h('label', [label, h('select', { name, id: name }, options.map(([value, text]) => h('option', { value }, text)))]);
}

/** The whole page for one language as a hast tree. `root` is the path from the page to the site's root. */
export function pageTree(model: SiteModel, lang: SiteLanguage, root: string, otherHref: string): Root {
  const { data } = model;
  const total = data.papers.length;
  const years = model.years.map((y): [string, string] => [String(y), String(y)]);
  const topOf = new Map<string, string>();
  const markTop = (cats: readonly Category[], top: string | undefined) => {
    for (const c of cats) {
      topOf.set(c.id, top ?? c.id);
      if (c.children) markTop(c.children, top ?? c.id);
    }
  };
  markTop(data.categories, undefined);
  const chartPapers = data.papers.flatMap((p) => (isRawEntry(p.entry) ? [] : [{ top: topOf.get(p.category) ?? p.category, year: p.entry.year }]));

  const head = h('head', [
    h('meta', { charset: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    // Nothing but this site: no CDN, font, analytics or tracker can load even by mistake.
    h('meta', {
      httpEquiv: 'Content-Security-Policy',
      content: "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'",
    }),
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    h('meta', { name: 'description', content: ui(lang, 'subtitle') }),
    h('title', ui(lang, 'title')),
    h('link', { rel: 'alternate', hrefLang: lang === 'en' ? 'zh' : 'en', href: otherHref }),
    h('style', STYLE),
    h('script', { src: `${root}${SCRIPT_PATH}`, defer: true }),
  ]);

  const newsItems = data.news.map((item) => h('li', [`${newsDate(item.date)} `, ...inlineMarkdown(localized(item.text, lang))]));
  const controls = h('form', { id: 'controls', role: 'search', action: '' }, [
    h('label', { class: 'q' }, [ui(lang, 'search'), h('input', { type: 'search', name: 'q', id: 'q', placeholder: ui(lang, 'searchPlaceholder'), autocomplete: 'off' })]),
    select('from', ui(lang, 'from'), years),
    select('to', ui(lang, 'to'), [...years].reverse()),
    select('type', ui(lang, 'kind'), [
      ['all', ui(lang, 'kindAll')],
      ['venue', ui(lang, 'kindVenue')],
      ['preprint', ui(lang, 'kindPreprint')],
    ]),
    select('sort', ui(lang, 'sort'), [
      ['list', ui(lang, 'sortList')],
      ['new', ui(lang, 'sortNew')],
    ]),
    h('button', { type: 'reset' }, ui(lang, 'clear')),
  ]);

  const body = h('body', [
    h('a', { class: 'skip', href: '#papers' }, ui(lang, 'skip')),
    h('header', [
      h('h1', ui(lang, 'title')),
      h('p', ui(lang, 'subtitle')),
      h('ul', { class: 'top-links' }, [
        h('li', [h('a', { href: otherHref, hrefLang: lang === 'en' ? 'zh' : 'en', lang: lang === 'en' ? 'zh' : 'en' }, ui(lang, 'otherLanguage'))]),
        h('li', [h('a', { href: REPOSITORY_URL }, ui(lang, 'repository'))]),
        h('li', [h('a', { href: `${root}papers.bib` }, ui(lang, 'bib'))]),
      ]),
    ]),
    h('main', [
      data.news.length > 0 ? h('details', { class: 'news' }, [h('summary', ui(lang, 'news')), h('ul', newsItems)]) : h('div'),
      // Folded, and loaded lazily: the figure is 250 KB, more than the rest of the page.
      model.figure
        ? h('details', { class: 'structure' }, [
            h('summary', ui(lang, 'structure')),
            h('img', { src: `${root}${FIGURE_PATH}`, alt: ui(lang, 'structureAlt'), width: 1123, height: 651, loading: 'lazy', decoding: 'async' }),
          ])
        : h('div'),
      chartPapers.length > 0 ? yearChart(data.categories, chartPapers, lang) : h('div'),
      controls,
      h('p', { id: 'count', role: 'status', 'aria-live': 'polite', 'data-count': uiTemplate(lang, 'count'), 'data-count-one': uiTemplate(lang, 'countOne'), 'data-count-of': uiTemplate(lang, 'countOf'), 'data-copied': ui(lang, 'copied'), 'data-copy-failed': ui(lang, 'copyFailed'), 'data-copy-bib': ui(lang, 'copyBib'), 'data-copy-line': ui(lang, 'copyLine') }, uiCount(lang, 'count', total)),
      h('div', { class: 'layout' }, [
        h('nav', { id: 'cats', 'aria-label': ui(lang, 'categories') }, [
          h('ul', [h('li', [h('a', { href: '#papers', 'data-cat': '', 'aria-current': 'true' }, [ui(lang, 'allCategories'), ' ', h('span', { class: 'n' }, `(${total})`)]), categoryTree(model, data.categories, lang)])]),
        ]),
        h('div', { id: 'papers', 'aria-label': ui(lang, 'papers'), role: 'region' }, [...sections(model, data.categories, lang, 2), h('ol', { id: 'flat', class: 'list', hidden: true })]),
      ]),
    ]),
    h('footer', [h('p', [ui(lang, 'footer'), ' ', h('a', { href: REPOSITORY_URL }, 'GitHub')])]),
  ]);
  return { type: 'root', children: [{ type: 'doctype' }, h('html', { lang, class: 'no-js' }, [head, body])] };
}

export function pageHtml(model: SiteModel, lang: SiteLanguage, root: string, otherHref: string): string {
  // The raw nodes are the lists serialised above by the same serialiser.
  return toHtml(pageTree(model, lang, root, otherHref), { allowDangerousHtml: true });
}
