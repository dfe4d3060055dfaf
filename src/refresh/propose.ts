import type { Fix } from '../core/problem.js';
import type { LoadedPaper } from '../data/load.js';
import type { Paper } from '../data/schema.js';
import { placeOf } from '../data/source.js';
import type { ArxivRecord } from '../links/arxiv-api.js';
import { foldTitle } from '../links/title.js';
import { buildViews } from '../lint/normalize.js';
import { listTitle } from '../add/clean-text.js';
import type { S2Paper } from '../add/sources/semantic-scholar.js';

/**
 * What refresh-metadata proposes for each arXiv entry, from what the sources said. Pure: no
 * request, no file. A change is applied only on strong evidence; the rest is listed for a person.
 */

export interface Change {
  file: string;
  line: number;
  field: 'title' | 'venue' | 'year';
  before: string | number | undefined;
  after: string | number;
  source: string;
  fix: Fix;
}

export interface Note {
  file: string;
  line: number;
  arxiv: string;
  what: string;
}

export interface Proposals {
  changes: Change[];
  /** Listed, not applied: withdrawn papers, venues named without confidence, titles that differ in more than case. */
  notes: Note[];
}

/** The list's wording for a paper that has appeared nowhere but arXiv. */
export const PREPRINT = /^arxiv preprint\b/i;

/** Every arXiv entry written as fields (raw entries are left to a person): its id, as lint reads it from the URL, the arxiv field or the venue. */
export function arxivEntries(papers: readonly LoadedPaper[]): { paper: LoadedPaper; entry: Paper; id: string }[] {
  return buildViews(papers)
    .papers.filter((v) => v.arxivId !== undefined && 'title' in v.loaded.entry)
    .map((v) => ({ paper: v.loaded, entry: v.loaded.entry as Paper, id: v.arxivId! }));
}

/** The entry's arXiv id the sources were asked under, and their answers. */
export interface Answers {
  arxiv: ReadonlyMap<string, ArxivRecord>;
  s2: ReadonlyMap<string, S2Paper | null>;
}

function lineOf(paper: LoadedPaper, field: string): number {
  return placeOf(paper.source, [field]).line;
}

export function propose(papers: readonly LoadedPaper[], answers: Answers): Proposals {
  const out: Proposals = { changes: [], notes: [] };
  for (const { paper, entry, id } of arxivEntries(papers)) {
    const { source } = paper;
    const file = source.file;
    const record = answers.arxiv.get(id);
    if (record?.withdrawn) {
      out.notes.push({ file, line: lineOf(paper, 'title'), arxiv: id, what: `withdrawn on arXiv (v${record.version} is a withdrawal notice); remove the entry, or keep it with a reason` });
    }
    if (record) {
      const authors = listTitle(record.title);
      if (authors !== entry.title) {
        // The same words in other letters' case: the authors' casing wins. Anything more is a person's call.
        if (authors.normalize('NFC').toLowerCase() === entry.title.normalize('NFC').toLowerCase()) {
          out.changes.push({ file, line: lineOf(paper, 'title'), field: 'title', before: entry.title, after: authors, source: `arXiv ${id}`, fix: { path: ['title'], value: authors } });
        } else if (foldTitle(authors) === foldTitle(entry.title)) {
          out.notes.push({ file, line: lineOf(paper, 'title'), arxiv: id, what: `arXiv writes the title "${authors}" (more than case differs; not applied)` });
        }
      }
    }
    const published = answers.s2.get(id)?.publication;
    if (published && entry.venue !== undefined && PREPRINT.test(entry.venue)) {
      if (published.confident) {
        const line = lineOf(paper, 'venue');
        out.changes.push({ file, line, field: 'venue', before: entry.venue, after: published.venue, source: `Semantic Scholar (DBLP) for arXiv ${id}`, fix: { path: ['venue'], value: published.venue } });
        if (published.year !== entry.year) {
          out.changes.push({ file, line: lineOf(paper, 'year'), field: 'year', before: entry.year, after: published.year, source: `Semantic Scholar (DBLP) for arXiv ${id}`, fix: { path: ['year'], value: published.year } });
        }
      } else {
        out.notes.push({ file, line: lineOf(paper, 'venue'), arxiv: id, what: `Semantic Scholar names the venue "${published.venue}" (${published.year}) without DBLP confirming it; not applied` });
      }
    }
  }
  return out;
}
