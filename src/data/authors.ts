import type { Paper } from './schema.js';

/**
 * The names an entry shows, for the README, the page and BibTeX alike: its authors, then "others"
 * when the list was cut. "others" with no author before it names no one ("** others. 2024",
 * "author = {others}"), so such an entry shows no names, as one with no authors does.
 */
export function shownAuthors(paper: Pick<Paper, 'authors' | 'others'>): string[] {
  const authors = paper.authors ?? [];
  if (authors.length === 0) return [];
  return paper.others ? [...authors, 'others'] : [...authors];
}
