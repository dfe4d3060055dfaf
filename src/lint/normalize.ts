import type { LoadedPaper } from '../data/load.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { Category, Paper } from '../data/schema.js';
import { arxivFromUrl, arxivIdsInText, parsedUrl, type ArxivRef } from '../text/arxiv.js';
import { flatCopy } from '../text/flat.js';
import { removeInvisible } from '../text/invisible.js';
import type { PaperView, RawView } from './context.js';
import { latexToUnicode } from './latex.js';

const DEBRIS = /\$\\\$|\${2,}/g;

/**
 * A title folded for comparison: markup converted, then NFKD without diacritics, lower case, and
 * only letters and digits kept, so "Long-Context", "Long Context" and "long context." compare equal.
 */
export function titleKey(title: string): string {
  const text = latexToUnicode(removeInvisible(title).replace(DEBRIS, ''));
  // Most titles are ASCII: NFKD changes none of it, it has no marks, and its letters and digits are
  // [A-Za-z0-9], so the cheap path gives the same key.
  // The key is kept for the whole run (a map key, and in the paper's view): one flat string, not the
  // replace's tree of pieces.
  if (ASCII.test(text)) return flatCopy(text.toLowerCase().replace(/[^a-z0-9]+/g, ''));
  return flatCopy(
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ''),
  );
}

const ASCII = /^[\x00-\x7F]*$/;

/** The #fragment of a URL, "" when it has none. */
export function urlFragment(url: string): string {
  const at = url.indexOf('#');
  return at < 0 ? '' : url.slice(at);
}

/**
 * A URL folded for comparison: scheme, case of the host, "www.", trailing slashes and fragment do not
 * count, and the forms of one work that sites give it fold to one key (workKey).
 */
export function urlKey(url: string): string {
  const clean = removeInvisible(url).trim();
  const parsed = parsedUrl(clean);
  if (!parsed) return clean.toLowerCase();
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const port = parsed.port ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  if (port === '') {
    const work = workKey(host, path, parsed.search);
    if (work !== undefined) return work;
  }
  return flatCopy(`${host}${port}${path}${parsed.search}`);
}

/** doi.org's resolvers, and ACM's pages of one DOI: /doi/<doi>, /doi/abs/<doi>, /doi/pdf/<doi>, /doi/full/<doi>, /doi/epdf/<doi>. */
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org']);
const ACM_DOI_PATH = /^\/doi\/(?:(?:abs|pdf|epdf|full|fullHtml)\/)?(10\.\d{4,9}\/.+)$/;
const DOI_ONLY_PATH = /^\/(10\.\d{4,9}\/.+)$/;
/** OpenReview's forum and PDF of one submission: /forum?id=X and /pdf?id=X (a noteId equal to the id, or a referrer, changes nothing). */
const OPENREVIEW_PATH = /^\/(?:forum|pdf)$/;

/**
 * One key for the URL forms that show one work: "doi.org/<doi>" (DOIs are case-insensitive, so in
 * lower case; a query such as ACM's casa_token does not count) and "openreview.net/forum?id=<id>";
 * undefined for any other URL. Only whole-work pages fold: a query that picks something else (an
 * OpenReview reply's noteId) keeps the URL its own key.
 */
function workKey(host: string, path: string, search: string): string | undefined {
  if (DOI_HOSTS.has(host) || host === 'dl.acm.org') {
    let decoded: string;
    try {
      // A DOI's "/" may come escaped (10.18653%2Fv1…).
      decoded = path.includes('%') ? decodeURIComponent(path) : path;
    } catch {
      return undefined;
    }
    const match = (host === 'dl.acm.org' ? ACM_DOI_PATH : DOI_ONLY_PATH).exec(decoded);
    return match ? flatCopy(`doi.org/${match[1]!.toLowerCase()}`) : undefined;
  }
  if (host === 'openreview.net' && OPENREVIEW_PATH.test(path)) {
    const params = new URLSearchParams(search);
    const id = params.get('id');
    if (!id) return undefined;
    for (const [name, value] of params) {
      if (name === 'id' || name === 'referrer' || (name === 'noteId' && value === id)) continue;
      return undefined;
    }
    return flatCopy(`openreview.net/forum?id=${id}`);
  }
  return undefined;
}

const URL_IN_TEXT = /https?:\/\/[^\s,;)]+/g;
/** One shared empty list: each paper's view keeps its venue's ids to the end of the run. */
const NO_IDS: readonly string[] = Object.freeze([]);
const MAY_NAME_ARXIV = /arxiv|http/i;

/** The arXiv ids a venue names: "arXiv:2402.08268", a bibcode, or an arXiv link left in it. */
export function arxivIdsInVenue(venue: string): readonly string[] {
  // Each form needs "arxiv" or "http" in it; most venues ("NeurIPS 2024") have neither.
  if (!MAY_NAME_ARXIV.test(venue)) return NO_IDS;
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

/** What buildViews compares of one entry: a function of the entry alone, so it can be found while loading (load-worker.ts). */
export interface EntryKeys {
  title: string;
  titleKey: string;
  urlKey: string | undefined;
  /** The URL key with its fragment: one page may hold several things under #anchors. */
  link: string | undefined;
  urlArxiv: ArxivRef | undefined;
  arxivId: string | undefined;
  /** The arXiv ids the venue names: found once for the key and for arxiv-id-mismatch. */
  venueArxivIds: readonly string[];
}

export function entryKeys(entry: Paper): EntryKeys {
  const urlArxiv = entry.url ? arxivFromUrl(removeInvisible(entry.url).trim()) : undefined;
  const venueIds = entry.venue ? arxivIdsInVenue(entry.venue) : NO_IDS;
  const url = entry.url ? urlKey(entry.url) : undefined;
  return {
    title: entry.title.trim(),
    titleKey: titleKey(entry.title),
    urlKey: url,
    link: url === undefined ? undefined : `${url}${urlFragment(entry.url!)}`,
    urlArxiv,
    arxivId: urlArxiv?.id ?? entry.arxiv ?? (venueIds.length === 1 ? venueIds[0] : undefined),
    venueArxivIds: venueIds,
  };
}

/** The keys the loader found for an entry (LoadedPaper.derived), else found now. */
function keysOf(loaded: LoadedPaper, entry: Paper): EntryKeys {
  const derived = loaded.derived as EntryKeys | undefined;
  return derived !== undefined && typeof derived === 'object' && typeof derived.titleKey === 'string' && Array.isArray(derived.venueArxivIds)
    ? derived
    : entryKeys(entry);
}

/**
 * Entries by one key, in list order: one entry as itself (most keys have one), more as a list. The
 * same groups give each view its first namesake (buildViews) and the pairs (duplicatePairs).
 */
type Groups = Map<string, PaperView | PaperView[]>;

/** File `view` under `key`; the first view filed there before it, if any. Views that share a key go in `related`. */
function fileUnder(groups: Groups, key: string | undefined, view: PaperView, related: Set<PaperView>): PaperView | undefined {
  if (key === undefined) return undefined;
  const group = groups.get(key);
  if (group === undefined) {
    groups.set(key, view);
    return undefined;
  }
  related.add(view);
  if (Array.isArray(group)) {
    group.push(view);
    return group[0];
  }
  related.add(group);
  groups.set(key, [group, view]);
  return group;
}

/** The groups duplicatePairs reads, by arXiv id, URL and title key (BY_ARXIV, BY_URL, BY_TITLE). */
export interface ViewGroups {
  readonly keys: readonly [Groups, Groups, Groups];
  /** The views that share one of those keys with another: the only ones a pair can hold. */
  readonly related: ReadonlySet<PaperView>;
}

/**
 * The views the cross-entry rules read, in the order given (lintData gives list order), each
 * linked to the first earlier entry with the same arXiv id, URL or title: one pass with hash maps.
 */
export function buildViews(papers: readonly LoadedPaper[]): { papers: PaperView[]; raws: RawView[]; groups: ViewGroups } {
  const views: PaperView[] = [];
  const raws: RawView[] = [];
  const byArxiv: Groups = new Map();
  const byUrl: Groups = new Map();
  const byLink: Groups = new Map();
  const byTitle: Groups = new Map();
  const related = new Set<PaperView>();
  for (const loaded of papers) {
    const entry = loaded.entry;
    if (isRawEntry(entry)) {
      raws.push({ loaded, entry, source: loaded.source });
      continue;
    }
    const keys = keysOf(loaded, entry);
    const view: PaperView = {
      loaded,
      paper: entry,
      source: loaded.source,
      index: views.length,
      title: keys.title,
      titleKey: keys.titleKey,
      url: entry.url,
      urlKey: keys.urlKey,
      urlArxiv: keys.urlArxiv,
      arxivId: keys.arxivId,
      venueArxivIds: keys.venueArxivIds,
      sameArxiv: undefined,
      sameUrl: undefined,
      sameLink: undefined,
      sameTitle: undefined,
    };
    view.sameArxiv = fileUnder(byArxiv, keys.arxivId, view, related);
    view.sameUrl = fileUnder(byUrl, keys.urlKey, view, related);
    view.sameLink = firstOnly(byLink, keys.link, view);
    // A title with no letters or digits folds to "": nothing to compare.
    view.sameTitle = fileUnder(byTitle, keys.titleKey === '' ? undefined : keys.titleKey, view, related);
    views.push(view);
  }
  return { papers: views, raws, groups: { keys: [byArxiv, byUrl, byTitle], related } };
}

/** The first view filed under `key`, filing `view` there when there is none yet (links need no groups). */
function firstOnly(map: Groups, key: string | undefined, view: PaperView): PaperView | undefined {
  if (key === undefined) return undefined;
  const first = map.get(key) as PaperView | undefined;
  if (!first) map.set(key, view);
  return first;
}

/** The rules that judge one pair of entries: each related pair gets exactly one of them. */
export type PairRule = 'duplicate-arxiv-id' | 'duplicate-url' | 'url-title-conflict' | 'duplicate-title';

/** Two entries that are (or claim to be) the same paper; `earlier` comes first in list order. */
export interface DuplicatePair {
  rule: PairRule;
  earlier: PaperView;
  later: PaperView;
}

/** The keys duplicatePairs groups entries by, as the index of their group; the title key is the third. */
const BY_ARXIV = 0;
const BY_URL = 1;

/**
 * Which rule a related pair falls under, the strongest evidence first: one arXiv id (whatever the
 * titles), then one URL (same title: a duplicate; same link under two titles: a conflict; one page
 * under two #anchors and titles: two things on one page, nothing), then one title.
 */
function classify(earlier: PaperView, later: PaperView, shared: ReadonlySet<number>): PairRule | undefined {
  if (shared.has(BY_ARXIV)) return 'duplicate-arxiv-id';
  if (shared.has(BY_URL)) {
    // Titles compared as keys, "" included: one link under "..." twice is one entry listed twice.
    if (later.titleKey === earlier.titleKey) return 'duplicate-url';
    if (urlFragment(later.url!) === urlFragment(earlier.url!)) return 'url-title-conflict';
    return undefined;
  }
  return 'duplicate-title';
}

/**
 * Every pair of entries related by arXiv id, URL or title, each once, under one rule: an entry listed
 * three times gives three pairs. Only entries sharing a key are compared, never all pairs of the list.
 * `groups`: buildViews' of these views (found again when not given).
 */
export function duplicatePairs(views: readonly PaperView[], groups: ViewGroups = groupViews(views)): DuplicatePair[] {
  const maps = groups.keys;
  const pairs: DuplicatePair[] = [];
  // In list order: the pairs come out as a walk of the whole list would give them.
  for (const view of [...groups.related].sort((a, b) => a.index - b.index)) {
    // Each earlier entry sharing a key with this one, and which keys it shares; most entries share none.
    let earlier: Map<PaperView, Set<number>> | undefined;
    for (let i = 0; i < 3; i++) {
      const key = i === BY_ARXIV ? view.arxivId : i === BY_URL ? view.urlKey : view.titleKey === '' ? undefined : view.titleKey;
      if (key === undefined) continue;
      const group = maps[i]!.get(key);
      if (!Array.isArray(group)) continue;
      for (const other of group) {
        if (other === view) break;
        earlier ??= new Map();
        const shared = earlier.get(other) ?? new Set<number>();
        shared.add(i);
        earlier.set(other, shared);
      }
    }
    if (!earlier) continue;
    for (const [other, shared] of [...earlier].sort(([a], [b]) => a.index - b.index)) {
      const rule = classify(other, view, shared);
      if (rule) pairs.push({ rule, earlier: other, later: view });
    }
  }
  return pairs;
}

/** The groups of views made elsewhere than buildViews, by the same keys. */
function groupViews(views: readonly PaperView[]): ViewGroups {
  const maps: [Groups, Groups, Groups] = [new Map(), new Map(), new Map()];
  const related = new Set<PaperView>();
  for (const view of views) {
    fileUnder(maps[BY_ARXIV], view.arxivId, view, related);
    fileUnder(maps[BY_URL], view.urlKey, view, related);
    fileUnder(maps[2], view.titleKey === '' ? undefined : view.titleKey, view, related);
  }
  return { keys: maps, related };
}
