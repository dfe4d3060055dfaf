import { fetchArxivMetadata, type ArxivApiOptions, type ArxivRecord } from '../links/arxiv-api.js';
import { arxivFailureMessage } from './from-arxiv.js';

export type LookUp = { record: ArxivRecord } | { reason: string };

/**
 * One paper's metadata from the arXiv API: the link checker's client (POST id_list, retries for
 * 429 and 5xx with backoff, Retry-After honoured). It talks to `apiUrl` directly, so a test API on
 * 127.0.0.1 needs no private-host override; that guard belongs to the link checker's fetches.
 */
export async function lookUpArxiv(id: string, options: ArxivApiOptions & { apiUrl: string }): Promise<LookUp> {
  const result = await fetchArxivMetadata([id], options);
  const record = result.value.get(id);
  if (record) return { record };
  const failure = result.failed.get(id);
  if (failure) return { reason: arxivFailureMessage(failure, options.apiUrl) };
  return { reason: `arXiv has no paper under this ID (asked ${options.apiUrl}); check the ID.` };
}
