import type { ApiClient } from '../../links/api-client.js';
import { paperFromBibtex, readBibtex } from '../from-bibtex.js';
import { failureReason, isObject, parseJson, str, type SourceOutcome } from './answer.js';
import { INTERVAL_MS } from './endpoints.js';

const valueOf = (content: Record<string, unknown>, key: string): unknown => (isObject(content[key]) ? (content[key] as { value?: unknown }).value : undefined);

/**
 * An OpenReview forum's paper from API v2 (GET /notes?id=<id>). Accepted papers carry a BibTeX
 * with the venue's full name ("The Twelfth International Conference on Learning Representations"),
 * which is how the list writes venues; withdrawn, rejected and pending submissions are refused.
 */
export function paperFromOpenReview(body: unknown, id: string): SourceOutcome {
  const notes = isObject(body) && Array.isArray(body.notes) ? body.notes : undefined;
  if (!notes) return { reason: `OpenReview's answer for ${id} is not a list of notes.` };
  const note = notes.find((n) => isObject(n) && n.id === id);
  if (!isObject(note) || !isObject(note.content)) return { reason: `OpenReview has no forum ${id}; check the link.` };
  const venue = str(valueOf(note.content, 'venue')) ?? '';
  const venueId = str(valueOf(note.content, 'venueid')) ?? '';
  if (/withdrawn/i.test(venueId) || /withdrawn/i.test(venue)) return { reason: `withdrawn: OpenReview lists it as "${venue || venueId}".` };
  if (/rejected|submission$|^submitted to/i.test(venueId) || /^submitted to|rejected/i.test(venue)) {
    return { reason: `OpenReview lists it as "${venue || venueId}", not as published; add it by its arXiv ID, or with --bibtex.` };
  }
  const bibtex = str(valueOf(note.content, '_bibtex'));
  const record = bibtex === undefined ? undefined : readBibtex(bibtex).records[0];
  if (!record) return { reason: `OpenReview gives no BibTeX for ${id}; add it with --bibtex.` };
  const outcome = paperFromBibtex(record);
  if ('paper' in outcome) outcome.paper.url = `https://openreview.net/forum?id=${id}`;
  return outcome;
}

export async function lookUpOpenReview(id: string, api: ApiClient, base: string): Promise<SourceOutcome> {
  const url = `${base}/notes?id=${encodeURIComponent(id)}`;
  const answer = await api.send({ url, intervalMs: INTERVAL_MS.openreview });
  // API v2 answers 404 with a NotFoundError for an unknown id, and 403 for a forum that is not public.
  if (!answer.ok) return { reason: failureReason(answer, 'OpenReview', url, `OpenReview has no forum ${id}; check the link`) };
  return paperFromOpenReview(parseJson(answer.text), id);
}
