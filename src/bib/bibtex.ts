import { basename } from 'node:path';
import type { LoadedPaper } from '../data/load.js';
import { shownAuthors } from '../data/authors.js';
import { isRawEntry } from '../data/raw-entry.js';
import type { Paper } from '../data/schema.js';
import { arxivFromUrl, arxivIdsInText } from '../text/arxiv.js';
import { flatCopy } from '../text/flat.js';

/** The file build-readme writes next to the READMEs. */
export const BIB_FILE = 'papers.bib';

/** A paper's id in the page and in scripts: "<category>/<file name without .yaml>". */
export function paperId(paper: LoadedPaper): string {
  return `${paper.category}/${basename(paper.source.absPath).replace(/\.ya?ml$/, '')}`;
}

export type BibType = 'misc' | 'inproceedings' | 'article';

/** Words a key skips, as Google Scholar's keys do ("The Power of ..." → power). */
const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'is', 'are', 'do', 'does', 'can', 'how', 'what', 'why', 'when', 'at', 'by', 'from', 'as', 'via']);

/** A journal by name, or by the "volume(issue), pages" a journal citation carries. */
const JOURNAL = /\b(?:journal|transactions|letters|magazine|review|nature|neurocomputing|ieee micro|intelligence research)\b|,\s*\d+(?:\(\d+\))?,\s*\d/i;
const ARXIV_VENUE = /\barxiv\b|\bcorr\b/i;

/** The arXiv paper an entry is: the arxiv field, else its URL, else the one id its venue names. */
export function arxivIdOf(paper: Paper): string | undefined {
  if (paper.arxiv) return paper.arxiv;
  const fromUrl = paper.url ? arxivFromUrl(paper.url) : undefined;
  if (fromUrl) return fromUrl.id;
  const inVenue = paper.venue ? arxivIdsInText(paper.venue) : [];
  return inVenue.length === 1 ? inVenue[0] : undefined;
}

/** An arXiv preprint: its venue says arXiv, or it has no venue but an arXiv id. */
export function isPreprint(paper: Paper): boolean {
  return paper.venue ? ARXIV_VENUE.test(paper.venue) : arxivIdOf(paper) !== undefined;
}

const PROCEEDINGS = /\b(?:conference|conf|proceedings|proc|workshop|ecai|symposium|meeting|advances in|neurips|nips|icml|iclr|acl|emnlp|naacl|colm|cvpr|iccv|eccv|aaai|ijcai|wacv|sigkdd|kdd|osdi|sosp|nsdi|eurosys|asplos|isca|sc\d*|mlsys|findings)\b/i;

export function bibType(paper: Paper): BibType {
  if (!paper.venue || isPreprint(paper)) return 'misc';
  if (PROCEEDINGS.test(paper.venue)) return 'inproceedings';
  return JOURNAL.test(paper.venue) ? 'article' : 'misc';
}

/** Latin letters that NFKD leaves whole (no base letter and mark to split them into), as ASCII. */
const LATIN_LETTERS: Record<string, string> = {
  Ø: 'o', ø: 'o', Æ: 'ae', æ: 'ae', Œ: 'oe', œ: 'oe', ß: 'ss', ẞ: 'ss', Ł: 'l', ł: 'l', Đ: 'd', đ: 'd',
  Ð: 'd', ð: 'd', Þ: 'th', þ: 'th', ı: 'i', Ħ: 'h', ħ: 'h', Ŧ: 't', ŧ: 't', Ŋ: 'ng', ŋ: 'ng',
};
const LATIN_LETTER = new RegExp(`[${Object.keys(LATIN_LETTERS).join('')}]`, 'g');

/** ASCII letters and digits only, lowercase: "Müller-Lüdenscheidt" → "mullerludenscheidt", "Ørsted" → "orsted", "O1" → "o1". */
function keyWord(text: string, digits = false): string {
  // ASCII has nothing to decompose: skipping normalize() there saves most of its cost on a large list.
  const folded = /[^\x00-\x7f]/.test(text)
    ? text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(LATIN_LETTER, (letter) => LATIN_LETTERS[letter]!)
    : text;
  return folded.toLowerCase().replace(digits ? /[^a-z0-9]/g : /[^a-z]/g, '');
}

/** A title's words: what lies between spaces, hyphens, dashes, colons and slashes. */
const TITLE_WORD = /[^\s\-–—:/]+/g;

/** "lastnameYEARfirstword", before collisions are resolved. */
export function baseKey(paper: Paper): string {
  const name = paper.authors?.[0]?.trim();
  // The last word of the first author's name.
  const last = name ? keyWord(name.slice(name.search(/\S+$/))) : '';
  let word = '';
  // The first word that counts; the words after it are never looked at.
  TITLE_WORD.lastIndex = 0;
  for (let match = TITLE_WORD.exec(paper.title); match; match = TITLE_WORD.exec(paper.title)) {
    const folded = keyWord(match[0], true);
    if (folded.length > 0 && !STOP_WORDS.has(folded)) {
      word = folded;
      break;
    }
  }
  // Kept in a set of every key until papers.bib is written: one flat string, not three pieces.
  return flatCopy(`${last || 'anon'}${paper.year}${word}`);
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text as a BibTeX field value: LaTeX's special characters escaped, Unicode kept (biber and bibtex8 read UTF-8). */
const LATEX_SPECIAL = /[\\{}&%$#_~^]/;
const LATEX_SPECIALS_ALL = /[\\{}&%$#_~^]/g;

export function escapeLatex(text: string): string {
  // Most texts hold none: testing first spares the replace and its copy.
  return LATEX_SPECIAL.test(text) ? text.replace(LATEX_SPECIALS_ALL, (c) => LATEX_SPECIALS[c]!) : text;
}

/** A URL in a field: only what would break the braces or start a comment is escaped. */
function escapeUrl(url: string): string {
  return /[{}%\\]/.test(url) ? url.replace(/[{}%\\]/g, (c) => `\\${c}`) : url;
}

/** One entry's text, "@type{key,\n  field = {value},\n}". */
export function bibEntry(paper: Paper, key: string): string {
  const type = bibType(paper);
  // "--" in a title is two hyphens ("Journey--Part 2"), not TeX's en dash; in a venue it is a page range.
  const title = escapeLatex(paper.title);
  let body = `  title = {{${title.includes('--') ? title.replace(/-(?=-)/g, '-{}') : title}}},`;
  const field = (name: string, value: string) => {
    body += `\n  ${name} = {${value}},`;
  };
  // "others" last is BibTeX's own word for the rest of the list (escaping leaves it as it is).
  const authors = shownAuthors(paper);
  if (authors.length > 0) field('author', authors.map(escapeLatex).join(' and '));
  if (type === 'inproceedings') field('booktitle', escapeLatex(paper.venue!));
  if (type === 'article') field('journal', escapeLatex(paper.venue!));
  // A venue that is neither arXiv nor a conference or journal ("Meta AI.") stays visible.
  if (type === 'misc' && paper.venue && !isPreprint(paper)) field('howpublished', escapeLatex(paper.venue));
  field('year', String(paper.year));
  if (type === 'misc') {
    const arxiv = arxivIdOf(paper);
    if (arxiv) {
      field('eprint', arxiv);
      field('archivePrefix', 'arXiv');
    }
  }
  if (paper.url) field('url', escapeUrl(paper.url));
  return `@${type}{${key},\n${body}\n}`;
}

export interface BibEntry {
  /** paperId(): "<category>/<file stem>". */
  id: string;
  key: string;
  text: string;
}

/**
 * Every structured paper in list order with a unique key: the first paper keeps the bare key,
 * later ones get b, c, ... (ba after z), so adding a paper never renames an earlier one's key.
 * Raw entries have no fields to cite and are left out.
 */
export function bibEntries(papers: readonly LoadedPaper[]): BibEntry[] {
  return [...eachBibEntry(papers)];
}

/** Each structured paper with its unique key, in list order. */
function* keyed(papers: readonly LoadedPaper[]): Generator<[LoadedPaper, Paper, string]> {
  const used = new Set<string>();
  // For a key taken before, the first suffix not yet tried: keys are only ever added, so the suffixes
  // below it are still taken. A synthetic list of 100,000 papers has bases shared by dozens of papers,
  // and trying every suffix from "b" again was most of the time spent on keys.
  const untried = new Map<string, number>();
  for (const loaded of papers) {
    const paper = loaded.entry;
    if (isRawEntry(paper)) continue;
    const base = baseKey(paper);
    let key = base;
    if (used.has(key)) {
      let n = untried.get(base) ?? 1;
      for (key = base + suffix(n); used.has(key); ) key = base + suffix(++n);
      untried.set(base, n + 1);
    }
    used.add(key);
    yield [loaded, paper, key];
  }
}

/** bibEntries one at a time. */
export function* eachBibEntry(papers: readonly LoadedPaper[]): Generator<BibEntry> {
  for (const [loaded, paper, key] of keyed(papers)) yield { id: paperId(loaded), key, text: bibEntry(paper, key) };
}

/** Only the entries' texts, one at a time: build-readme writes papers.bib from them without holding 100,000 entries. */
export function* eachBibText(papers: readonly LoadedPaper[]): Generator<Pick<BibEntry, 'text'>> {
  for (const [, paper, key] of keyed(papers)) yield { text: bibEntry(paper, key) };
}

/** 1 → "b", 25 → "z", 26 → "ba": the second paper with a key is "b" as in smith2024a, smith2024b. */
function suffix(n: number): string {
  let out = '';
  let k = n;
  do {
    out = String.fromCharCode(97 + (k % 26)) + out;
    k = Math.floor(k / 26);
  } while (k > 0);
  return out;
}

/** The comment papers.bib starts with. */
export const BIB_HEADER = '% Generated from data/ by `npm run build-readme`; do not edit by hand: edit data/, then run it again.';

/** The whole papers.bib. */
export function papersBib(papers: readonly LoadedPaper[], header: string = BIB_HEADER, entries: Iterable<Pick<BibEntry, 'text'>> = eachBibText(papers)): string {
  return [...bibPieces(entries, header)].join('');
}

/** papers.bib in pieces, the header first and an entry a piece: the same text as papersBib when joined. */
export function* bibPieces(entries: Iterable<Pick<BibEntry, 'text'>>, header: string = BIB_HEADER): Generator<string> {
  yield `${header}\n\n`;
  let first = true;
  for (const entry of entries) {
    yield first ? entry.text : `\n\n${entry.text}`;
    first = false;
  }
  yield '\n';
}
