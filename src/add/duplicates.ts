import type { LoadedPaper } from '../data/load.js';
import { placeOf } from '../data/source.js';
import { arxivMatchKey } from '../links/arxiv-api.js';
import type { PaperView } from '../lint/context.js';
import { arxivPath } from '../lint/rules/duplicate-arxiv-id.js';
import { buildViews } from '../lint/normalize.js';

/** The entry already in the list that a new one would repeat, and how they match. */
export interface Duplicate {
  /** Display path and line of the existing entry's matching field. */
  file: string;
  line: number;
  /** "the same arXiv ID", "the same URL", "the same title". */
  same: string;
}

function at(view: PaperView, path: readonly (string | number)[]): { file: string; line: number } {
  return { file: view.source.file, line: placeOf(view.source, path).line };
}

/** The entry already listed as arXiv `id` (any link form, with or without the old-style subject class). */
export function findArxivEntry(papers: readonly LoadedPaper[], id: string): Duplicate | undefined {
  const key = arxivMatchKey(id);
  const found = buildViews(papers).papers.find((v) => v.arxivId !== undefined && arxivMatchKey(v.arxivId) === key);
  return found ? { ...at(found, arxivPath(found)), same: 'the same arXiv ID' } : undefined;
}

/**
 * Whether `candidate` repeats an entry of `papers`, judged by lint's own views (the same arXiv id
 * whatever the link form, the same URL, the same title folded as duplicate-title folds it), so
 * add-paper refuses exactly what lint-list would report. Old-style ids also match without their
 * subject class, as the arXiv API writes them.
 */
/** The refusal's reason: where the entry already stands. */
export function duplicateReason(duplicate: Duplicate): string {
  return `already in the list: ${duplicate.file}:${duplicate.line} has ${duplicate.same}.`;
}

export function findDuplicate(papers: readonly LoadedPaper[], candidate: LoadedPaper): Duplicate | undefined {
  const views = buildViews([...papers, candidate]).papers;
  const mine = views[views.length - 1];
  if (!mine || mine.loaded !== candidate) return undefined;
  const key = mine.arxivId === undefined ? undefined : arxivMatchKey(mine.arxivId);
  const sameArxiv = mine.sameArxiv ?? (key === undefined ? undefined : views.find((v) => v !== mine && v.arxivId !== undefined && arxivMatchKey(v.arxivId) === key));
  if (sameArxiv) return { ...at(sameArxiv, arxivPath(sameArxiv)), same: 'the same arXiv ID' };
  if (mine.sameUrl) return { ...at(mine.sameUrl, ['url']), same: 'the same URL' };
  if (mine.sameTitle) return { ...at(mine.sameTitle, ['title']), same: 'the same title' };
  return undefined;
}
