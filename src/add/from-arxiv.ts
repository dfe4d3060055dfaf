import type { Paper } from '../data/schema.js';
import type { ArxivFailure, ArxivRecord } from '../links/arxiv-api.js';
import { canonicalArxivUrl } from '../text/arxiv.js';
import { authorFields } from './authors.js';
import { cleanText, listTitle } from './clean-text.js';

/** The venue of a paper that arXiv knows no journal for: the list's own wording. */
export function arxivVenue(id: string): string {
  return `arXiv preprint arXiv:${id}`;
}

/**
 * The list entry for an arXiv paper: arXiv's title made text, its authors (ten, then "others"),
 * the journal reference when there is one, the year of the first version, and the
 * version-less /abs/ link. `title` replaces arXiv's title when the user gives one.
 */
export function paperFromArxiv(record: ArxivRecord, title?: string): Paper {
  const journal = record.journalRef === undefined ? '' : cleanText(record.journalRef);
  return {
    title: listTitle(title ?? record.title),
    url: canonicalArxivUrl(record.id),
    ...authorFields(record.authors.map(cleanText)),
    venue: journal === '' ? arxivVenue(record.id) : journal,
    year: Number(record.published.slice(0, 4)),
    arxiv: record.id,
  };
}

/** Why a withdrawn paper is not added by default: the list is for papers one can read. */
export function withdrawnReason(record: ArxivRecord): string {
  const why = record.comment ? ` (arXiv: "${cleanText(record.comment)}")` : '';
  return `withdrawn: its latest version (v${record.version}) is a withdrawal notice${why}; add it anyway with --allow-withdrawn.`;
}

/** What to tell the user when the API could not answer for the paper; nothing is written either way. */
export function arxivFailureMessage(failure: ArxivFailure, apiUrl: string): string {
  switch (failure.state) {
    case 'rate-limited':
      return `arXiv is rate-limiting requests (429 Too Many Requests from ${apiUrl}), also after retrying; wait a few minutes, then run the command again.`;
    case 'timeout':
      return `the arXiv API (${apiUrl}) did not answer in time; try again later.`;
    default:
      return `could not look it up: ${failure.detail} (${apiUrl}).`;
  }
}
