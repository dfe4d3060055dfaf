import type { LoadedPaper } from '../data/load.js';
import { isRawEntry } from '../data/schema.js';
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
 * The views the cross-entry rules read, in list order, each linked to the first earlier entry with
 * the same arXiv id, URL or title: one pass with three hash maps, never all pairs.
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
