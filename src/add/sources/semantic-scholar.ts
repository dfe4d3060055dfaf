import type { ApiClient } from '../../links/api-client.js';
import { cleanText } from '../clean-text.js';
import { failureReason, isObject, parseJson, str } from './answer.js';
import { INTERVAL_MS } from './endpoints.js';

/** The Graph API's batch endpoint takes at most 500 ids a request. */
export const S2_BATCH = 500;
const FIELDS = 'title,venue,year,publicationVenue,journal,externalIds,publicationTypes';

/** Where Semantic Scholar says an arXiv paper was published, and how sure that is. */
export interface Publication {
  venue: string;
  year: number;
  /** Confident when DBLP indexes the paper at that venue (DBLP lists published papers only). */
  confident: boolean;
}

export interface S2Paper {
  title?: string | undefined;
  publication?: Publication | undefined;
}

export interface S2Result {
  /** By arXiv id as asked; absent when Semantic Scholar does not know the paper. */
  papers: Map<string, S2Paper>;
  /** Why batches failed, when some did. */
  failures: string[];
  /** Ids whose batch failed: not known either way. */
  failed: Set<string>;
}

const ARXIV_ONLY = /^(?:arxiv(?:\.org)?|corr|arxiv preprint.*)$/i;

/** A record of the batch answer as what the list needs: the venue only when it is not arXiv itself. */
export function s2Paper(record: unknown): S2Paper | undefined {
  if (!isObject(record)) return undefined;
  const venueRecord = isObject(record.publicationVenue) ? record.publicationVenue : undefined;
  const journal = isObject(record.journal) ? str(record.journal.name) : undefined;
  const venue = str(venueRecord?.name) ?? str(record.venue) ?? journal;
  const year = typeof record.year === 'number' ? record.year : undefined;
  const ids = isObject(record.externalIds) ? record.externalIds : {};
  const types = Array.isArray(record.publicationTypes) ? record.publicationTypes : [];
  const title = str(record.title);
  const paper: S2Paper = { title: title === undefined ? undefined : cleanText(title) };
  if (venue !== undefined && year !== undefined && !ARXIV_ONLY.test(venue.trim())) {
    // DBLP also indexes arXiv itself (journals/corr/…): only a key elsewhere vouches for a venue.
    const dblp = typeof ids.DBLP === 'string' ? ids.DBLP : undefined;
    const confident = dblp !== undefined && !dblp.startsWith('journals/corr/') && (types.includes('Conference') || types.includes('JournalArticle')) && !ARXIV_ONLY.test(journal ?? '');
    paper.publication = { venue: cleanText(venue), year, confident };
  }
  return paper;
}

/** Many arXiv papers in few requests: POST /paper/batch with {"ids": ["ARXIV:…", …]}, 500 at a time. */
export async function lookUpS2(arxivIds: readonly string[], api: ApiClient, base: string, apiKey?: string): Promise<S2Result> {
  const papers = new Map<string, S2Paper>();
  const failures: string[] = [];
  const failed = new Set<string>();
  const url = `${base}/paper/batch?fields=${FIELDS}`;
  for (let start = 0; start < arxivIds.length; start += S2_BATCH) {
    const batch = arxivIds.slice(start, start + S2_BATCH);
    const answer = await api.send({
      url,
      method: 'POST',
      intervalMs: INTERVAL_MS.semanticScholar,
      headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      body: JSON.stringify({ ids: batch.map((id) => `ARXIV:${id}`) }),
    });
    if (!answer.ok) {
      failures.push(failureReason(answer, 'Semantic Scholar', url, 'Semantic Scholar knows none of these papers'));
      for (const id of batch) failed.add(id);
      continue;
    }
    const body = parseJson(answer.text);
    // The answer lists one record per id asked, in order, null for an unknown id.
    if (!Array.isArray(body) || body.length !== batch.length) {
      failures.push(`Semantic Scholar's answer (${url}) is not one record per id asked.`);
      for (const id of batch) failed.add(id);
      continue;
    }
    batch.forEach((id, i) => {
      const paper = s2Paper(body[i]);
      if (paper) papers.set(id, paper);
    });
  }
  return { papers, failures, failed };
}
