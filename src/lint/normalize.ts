import type { LoadedPaper } from '../data/load.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { Category } from '../data/schema.js';
import { arxivFromUrl, arxivIdsInText } from '../text/arxiv.js';
import { removeInvisible } from '../text/invisible.js';
import type { PaperView, RawView } from './context.js';
import { latexToUnicode } from './latex.js';

const DEBRIS = /\$\\\$|\${2,}/g;

/**
 * A title folded for comparison: markup converted, then NFKD without diacritics, lower case, and
 * only letters and digits kept, so "Long-Context", "Long Context" and "long context." compare equal.
 */
export function titleKey(title: string): string {
  return latexToUnicode(removeInvisible(title).replace(DEBRIS, ''))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The #fragment of a URL, "" when it has none. */
export function urlFragment(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? '' : url.slice(at);
}

/** A URL folded for comparison: scheme, case of the host, "www.", trailing slashes and fragment do not count. */
export function urlKey(url: string): string {
  const clean = removeInvisible(url).trim();
  let parsed: URL;
  try {
    parsed = new URL(clean);
  } catch {
    return clean.toLowerCase();
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const port = parsed.port ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}${parsed.search}`;
}

const URL_IN_TEXT = /https?:\/\/[^\s,;)]+/g;

/** The arXiv ids a venue names: "arXiv:2402.08268", a bibcode, or an arXiv link left in it. */
export function arxivIdsInVenue(venue: string): string[] {
  const ids = new Set(arxivIdsInText(venue));
  for (const match of venue.matchAll(URL_IN_TEXT)) {
    const ref = arxivFromUrl(match[0]);
    if (ref) ids.add(ref.id);
  }
  return [...ids];
}

/**
 * The papers in the README's order: categories as categories.yaml lists them (a parent's papers,
 * then its children's), each folder by file number; folders categories.yaml does not name come last.
 */
export function inListOrder(papers: readonly LoadedPaper[], categories: readonly Category[]): LoadedPaper[] {
  const rank = new Map<string, number>();
  const visit = (list: readonly Category[]) => {
    for (const category of list) {
      if (!rank.has(category.id)) rank.set(category.id, rank.size);
      if (category.children) visit(category.children);
    }
  };
  visit(categories);
  const rankOf = (category: string) => rank.get(category) ?? Number.POSITIVE_INFINITY;
  // Array.prototype.sort is stable: within a folder (and among unknown folders) the loaded order stays.
  return [...papers].sort((a, b) => {
    const ra = rankOf(a.category);
    const rb = rankOf(b.category);
    return ra === rb ? 0 : ra < rb ? -1 : 1;
  });
}

/**
 * The views the cross-entry rules read, in the order given (lintData gives list order), each
 * linked to the first earlier entry with the same arXiv id, URL or title: one pass with hash maps.
 */
export function buildViews(papers: readonly LoadedPaper[]): { papers: PaperView[]; raws: RawView[] } {
  const views: PaperView[] = [];
  const raws: RawView[] = [];
  const byArxiv = new Map<string, PaperView>();
  const byUrl = new Map<string, PaperView>();
  const byLink = new Map<string, PaperView>();
  const byTitle = new Map<string, PaperView>();
  for (const loaded of papers) {
    const entry = loaded.entry;
    if (isRawEntry(entry)) {
      raws.push({ loaded, entry, source: loaded.source });
      continue;
    }
    const urlArxiv = entry.url ? arxivFromUrl(removeInvisible(entry.url).trim()) : undefined;
    const venueIds = entry.venue ? arxivIdsInVenue(entry.venue) : [];
    const arxivId = urlArxiv?.id ?? entry.arxiv ?? (venueIds.length === 1 ? venueIds[0] : undefined);
    const key = titleKey(entry.title);
    const url = entry.url ? urlKey(entry.url) : undefined;
    const link = url === undefined ? undefined : `${url}${urlFragment(entry.url!)}`;
    const view: PaperView = {
      loaded,
      paper: entry,
      source: loaded.source,
      index: views.length,
      title: entry.title.trim(),
      titleKey: key,
      url: entry.url,
      urlKey: url,
      urlArxiv,
      arxivId,
      sameArxiv: arxivId === undefined ? undefined : byArxiv.get(arxivId),
      sameUrl: url === undefined ? undefined : byUrl.get(url),
      sameLink: link === undefined ? undefined : byLink.get(link),
      sameTitle: key === '' ? undefined : byTitle.get(key),
    };
    if (arxivId !== undefined && !view.sameArxiv) byArxiv.set(arxivId, view);
    if (url !== undefined && !view.sameUrl) byUrl.set(url, view);
    if (link !== undefined && !view.sameLink) byLink.set(link, view);
    if (key !== '' && !view.sameTitle) byTitle.set(key, view);
    views.push(view);
  }
  return { papers: views, raws };
}

/** The rules that judge one pair of entries: each related pair gets exactly one of them. */
export type PairRule = 'duplicate-arxiv-id' | 'duplicate-url' | 'url-title-conflict' | 'duplicate-title';

/** Two entries that are (or claim to be) the same paper; `earlier` comes first in list order. */
export interface DuplicatePair {
  rule: PairRule;
  earlier: PaperView;
  later: PaperView;
}

/**
 * Which rule a related pair falls under, the strongest evidence first: one arXiv id (whatever the
 * titles), then one URL (same title: a duplicate; same link under two titles: a conflict; one page
 * under two #anchors and titles: two things on one page, nothing), then one title.
 */
function classify(earlier: PaperView, later: PaperView): PairRule | undefined {
  if (later.arxivId !== undefined && later.arxivId === earlier.arxivId) return 'duplicate-arxiv-id';
  if (later.urlKey !== undefined && later.urlKey === earlier.urlKey) {
    if (later.titleKey === earlier.titleKey) return 'duplicate-url';
    if (urlFragment(later.url!) === urlFragment(earlier.url!)) return 'url-title-conflict';
    return undefined;
  }
  if (later.titleKey !== '' && later.titleKey === earlier.titleKey) return 'duplicate-title';
  return undefined;
}

/**
 * Every pair of entries related by arXiv id, URL or title, each once, under one rule: an entry listed
 * three times gives three pairs. Only entries sharing a key are compared, never all pairs of the list.
 */
export function duplicatePairs(views: readonly PaperView[]): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  const groups = [new Map<string, PaperView[]>(), new Map<string, PaperView[]>(), new Map<string, PaperView[]>()];
  for (const view of views) {
    const keys = [view.arxivId, view.urlKey, view.titleKey === '' ? undefined : view.titleKey];
    const earlier = new Set<PaperView>();
    keys.forEach((key, i) => {
      if (key === undefined) return;
      const group = groups[i]!.get(key);
      if (group) for (const other of group) earlier.add(other);
      else groups[i]!.set(key, []);
      groups[i]!.get(key)!.push(view);
    });
    for (const other of [...earlier].sort((a, b) => a.index - b.index)) {
      const rule = classify(other, view);
      if (rule) pairs.push({ rule, earlier: other, later: view });
    }
  }
  return pairs;
}
