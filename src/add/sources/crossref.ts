import type { Paper } from '../../data/schema.js';
import type { ApiClient } from '../../links/api-client.js';
import { authorFields } from '../authors.js';
import { cleanText, listTitle } from '../clean-text.js';
import { failureReason, isObject, parseJson, str, type SourceOutcome } from './answer.js';
import { INTERVAL_MS } from './endpoints.js';

/** Crossref writes JATS markup in titles (<i>, <sub>, <scp>): the list is plain text. */
const JATS = /<\/?[a-z:]+(?:\s[^<>]*)?>/gi;

const first = (value: unknown): string | undefined => (Array.isArray(value) ? str(value[0]) : str(value));

function yearOf(message: Record<string, unknown>): number | undefined {
  for (const key of ['published-print', 'published-online', 'published', 'issued']) {
    const parts = (message[key] as { 'date-parts'?: unknown } | undefined)?.['date-parts'];
    const year = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
    if (typeof year === 'number' && year > 1900) return year;
  }
  return undefined;
}

function authorName(author: unknown): string {
  if (!isObject(author)) return '';
  const name = str(author.name) ?? [str(author.given), str(author.family)].filter(Boolean).join(' ');
  return cleanText(name);
}

/**
 * A work's metadata from the Crossref REST API (GET /works/{doi}): title, authors, the journal or
 * proceedings it appeared in, the year of publication and the doi.org link.
 */
export function paperFromCrossref(body: unknown, doi: string): SourceOutcome {
  const message = isObject(body) && body.status === 'ok' && isObject(body.message) ? body.message : undefined;
  if (!message) return { reason: `Crossref's answer for ${doi} is not a work record.` };
  const title = first(message.title);
  const year = yearOf(message);
  if (title === undefined || year === undefined) return { reason: `Crossref's record for ${doi} has no ${title === undefined ? 'title' : 'year'}; add it with --bibtex.` };
  const authors = Array.isArray(message.author) ? message.author.map(authorName) : [];
  const venue = first(message['container-title']) ?? (isObject(message.event) ? str(message.event.name) : undefined);
  const paper: Paper = { title: listTitle(title.replace(JATS, '')), url: `https://doi.org/${str(message.DOI) ?? doi}`, ...authorFields(authors), year };
  if (venue !== undefined) paper.venue = cleanText(venue.replace(JATS, ''));
  return { paper };
}

export async function lookUpDoi(doi: string, api: ApiClient, base: string): Promise<SourceOutcome> {
  const url = `${base}/works/${encodeURIComponent(doi)}`;
  const answer = await api.send({ url, intervalMs: INTERVAL_MS.crossref });
  if (!answer.ok) return { reason: failureReason(answer, 'Crossref', url, `Crossref has no work under the DOI ${doi}; check it, or add the paper with --bibtex`) };
  return paperFromCrossref(parseJson(answer.text), doi);
}
