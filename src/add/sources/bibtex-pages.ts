import type { ApiClient } from '../../links/api-client.js';
import { paperFromBibtex, readBibtex } from '../from-bibtex.js';
import { failureReason, type SourceOutcome } from './answer.js';
import { INTERVAL_MS } from './endpoints.js';

/** The one record of a .bib answer as an entry; several or none is not an answer about one paper. */
export function paperFromBib(text: string, what: string): SourceOutcome {
  const bib = readBibtex(text);
  if (bib.records.length !== 1) return { reason: `${what} did not give one BibTeX record (got ${bib.records.length}).` };
  return paperFromBibtex(bib.records[0]!);
}

/** An ACL Anthology paper through its .bib (https://aclanthology.org/<id>.bib); its url is the paper's page. */
export async function lookUpAnthology(id: string, api: ApiClient, base: string): Promise<SourceOutcome> {
  const url = `${base}/${id}.bib`;
  const answer = await api.send({ url, intervalMs: INTERVAL_MS.anthology, accept: 'application/x-bibtex, text/plain' });
  if (!answer.ok) return { reason: failureReason(answer, 'the ACL Anthology', url, `the ACL Anthology has no paper ${id}; check the link`) };
  const outcome = paperFromBib(answer.text, `the ACL Anthology (${url})`);
  if ('paper' in outcome) outcome.paper.url = `https://aclanthology.org/${id}/`;
  return outcome;
}

/**
 * A NeurIPS proceedings paper through the BibTeX file its page links to (…/file/<hash>-Bibtex.bib).
 * The proceedings' BibTeX gives the volume apart ("Advances in Neural Information Processing
 * Systems" and 36); the list writes them together, as in "Advances in Neural Information Processing Systems, 36".
 */
export async function lookUpNeurips(
  input: { prefix: string; year: string; hash: string; track: string },
  api: ApiClient,
  base: string,
): Promise<SourceOutcome> {
  const url = `${base}/${input.prefix}/${input.year}/file/${input.hash}-Bibtex${input.track}.bib`;
  const answer = await api.send({ url, intervalMs: INTERVAL_MS.neurips, accept: 'application/x-bibtex, text/plain' });
  if (!answer.ok) return { reason: failureReason(answer, 'the NeurIPS proceedings', url, `the NeurIPS proceedings have no paper ${input.hash} in ${input.year}; check the link`) };
  const outcome = paperFromBib(answer.text, `the NeurIPS proceedings (${url})`);
  if ('paper' in outcome) {
    const volume = /\bvolume\s*=\s*[{"]?\s*(\d+)/i.exec(answer.text)?.[1];
    if (volume !== undefined && outcome.paper.venue === 'Advances in Neural Information Processing Systems') outcome.paper.venue += `, ${volume}`;
    outcome.paper.url = `https://proceedings.neurips.cc/${input.prefix}/${input.year}/hash/${input.hash}-Abstract${input.track}.html`;
  }
  return outcome;
}
