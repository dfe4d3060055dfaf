import { parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import type { Paper } from '../data/schema.js';
import { arxivFromUrl, arxivIdsInText, canonicalArxivUrl, parseArxivInput } from '../text/arxiv.js';
import { authorFields } from './authors.js';
import { arxivVenue } from './from-arxiv.js';
import { cleanText, listTitle } from './clean-text.js';

/** One BibTeX record, where it starts, and what the parser made of it. */
export interface BibRecord {
  /** "@article{key}" */
  name: string;
  line: number;
  fields: Entry['fields'];
  /** Why the record is broken, in our words; its fields are then incomplete. */
  error?: string;
}

export interface BibFile {
  records: BibRecord[];
  /** Parse errors that belong to no record, in our words, with the line of the text the parser gave up on when it is known. */
  errors: { line: number | undefined; reason: string }[];
}

export type BibOutcome = { paper: Paper } | { reason: string };

/**
 * The parser converts LaTeX to Unicode itself, but marks up some commands as HTML (\emph → <i>,
 * \textsc → <span …>); the list is plain text. It never emits a literal "<" of the input as one
 * (TeX's text-mode "<" is "¡"), so every tag here is its own markup.
 */
const PARSER_TAG = /<\/?(?:i|b|em|strong|sup|sub|sc|nc|span|a)(?:\s[^<>]*)?>/g;

/** The parser writes \'{\i} as dotless ı plus an accent, which no font composes; the list writes í. */
const DOTLESS = /[ıȷ](?=\p{M})/gu;

function plain(text: string): string {
  return cleanText(text.replace(PARSER_TAG, '').replace(DOTLESS, (c) => (c === 'ı' ? 'i' : 'j')));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Line (1-based) of the record "@type{key" at or after `from`; the cursor moves on so equal keys find their own record. */
function locate(text: string, entry: Entry, from: number): { line: number; next: number } {
  const pattern = new RegExp(`@\\s*${escapeRegExp(entry.type)}\\s*[{(]\\s*${escapeRegExp(entry.key)}\\s*[,}\\s]`, 'gi');
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  if (!found) return { line: 0, next: from };
  return { line: text.slice(0, found.index).split('\n').length, next: found.index + 1 };
}

/**
 * Parse a .bib text. Commands the parser does not know are kept as written rather than dropped,
 * so that lint reports them and the record is refused instead of silently losing words.
 */
export function readBibtex(text: string): BibFile {
  const library = parse(text, {
    english: false,
    sentenceCase: false,
    caseProtection: false,
    unsupported: (_node, tex) => tex,
  });
  const claimed = new Set<string>();
  // The parser's own text names its grammar and a line past the end of the file: said in our words, with the record's line.
  const said = new Map(library.errors.map((e) => [e.error, bibErrorReason(e.error)]));
  const records: BibRecord[] = [];
  let cursor = 0;
  for (const entry of library.entries) {
    const { line, next } = locate(text, entry, cursor);
    cursor = next;
    const record: BibRecord = { name: `@${entry.type}{${entry.key}}`, line, fields: entry.fields };
    // A record the parser gave up on comes back with an empty input and the fields read so far.
    if (entry.input === '') {
      const head = new RegExp(`^@\\s*${escapeRegExp(entry.type)}\\s*[{(]\\s*${escapeRegExp(entry.key)}\\b`, 'i');
      const error = library.errors.find((e) => e.input !== undefined && head.test(e.input));
      if (error) claimed.add(error.error);
      record.error = error ? said.get(error.error)! : 'its text is not valid BibTeX; check its braces, quotes and commas';
    }
    records.push(record);
  }
  const unclaimed = library.errors.filter((e) => !claimed.has(e.error));
  return {
    records,
    errors: unclaimed.map((e) => {
      const at = e.input === undefined ? -1 : text.indexOf(e.input);
      return { line: at < 0 ? undefined : text.slice(0, at).split('\n').length, reason: said.get(e.error)! };
    }),
  };
}

/** What a parse error of the BibTeX parser means, for a contributor. */
function bibErrorReason(error: string): string {
  if (/brace|expected "\}"/i.test(error)) return 'a { in it is never closed; every { needs a matching }';
  if (/quote/i.test(error)) return 'a " in it opens a value that is never closed; end the value with "';
  return 'its text is not valid BibTeX; check its braces, quotes and commas';
}

function isOthers(creator: Creator): boolean {
  return (creator.name ?? (creator.firstName === undefined ? creator.lastName : undefined))?.trim().toLowerCase() === 'others';
}

/** "Last, First" and "First Last" alike come out as "First Last" (prefix and suffix kept). */
function creatorName(creator: Creator): string {
  if (creator.name !== undefined) return plain(creator.name);
  const parts = [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter((part) => part !== undefined && part !== '');
  return plain(parts.join(' '));
}

function field(fields: Entry['fields'], name: string): string | undefined {
  const value = (fields as Record<string, unknown>)[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The arXiv paper a record names: its eprint, else an arXiv (or arXiv DOI) link, else its venue text. */
function arxivIdOf(fields: Entry['fields']): string | undefined {
  const eprint = field(fields, 'eprint');
  // Without archivePrefix/eprinttype an eprint counts only if it has the shape of an arXiv id.
  const archive = (field(fields, 'archiveprefix') ?? field(fields, 'eprinttype') ?? 'arxiv').toLowerCase();
  if (eprint && archive === 'arxiv') {
    const ref = parseArxivInput(eprint);
    if (ref) return ref.id;
  }
  const url = field(fields, 'url');
  const fromUrl = url ? arxivFromUrl(url) : undefined;
  if (fromUrl) return fromUrl.id;
  const doi = field(fields, 'doi');
  const fromDoi = doi ? arxivFromUrl(`https://doi.org/${doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '')}`) : undefined;
  if (fromDoi) return fromDoi.id;
  // Semantic Scholar writes journal = {ArXiv}, volume = {abs/2402.08268}.
  const volume = /^abs\/(.+)$/.exec(field(fields, 'volume') ?? '')?.[1];
  const fromVolume = volume ? parseArxivInput(volume) : undefined;
  if (fromVolume) return fromVolume.id;
  const ids = arxivIdsInText(`${field(fields, 'journal') ?? ''} ${field(fields, 'booktitle') ?? ''}`);
  return ids.length === 1 ? ids[0] : undefined;
}

/** Venues that only say "arXiv": the list writes those as "arXiv preprint arXiv:<id>". */
function saysOnlyArxiv(venue: string, id: string): boolean {
  if (/^(?:arxiv(?: preprint)?(?: e-prints)?|corr|arxiv\.org)(?:,? abs\/\S+)?$/i.test(venue)) return true;
  const named = arxivIdsInText(venue);
  return named.length === 1 && named[0] === id && /^arxiv preprint\b/i.test(venue);
}

function yearOf(fields: Entry['fields']): number | string {
  const year = field(fields, 'year');
  if (year !== undefined) return /^\d{4}$/.test(year) ? Number(year) : `its year "${year}" is not a year`;
  // biblatex records carry date = {2024-03-05} instead of a year: the field is given, not guessed.
  const date = /^(\d{4})(?:-\d{2}){0,2}$/.exec(field(fields, 'date') ?? '');
  return date ? Number(date[1]) : 'it has no year';
}

/**
 * A record as a list entry: title (markup off, no closing period), authors (ten, then
 * "others"), journal or booktitle as venue ("arXiv preprint arXiv:<id>" for arXiv-only records),
 * year, the URL (an arXiv link in its /abs/ form; the arXiv or DOI link when there is none) and
 * the arXiv id. Records without a title or a year are refused, not guessed.
 */
export function paperFromBibtex(record: BibRecord): BibOutcome {
  if (record.error !== undefined) return { reason: `could not be parsed: ${record.error}` };
  const { fields } = record;
  const rawTitle = field(fields, 'title');
  const title = rawTitle === undefined ? '' : listTitle(plain(rawTitle));
  const year = yearOf(fields);
  const missing = [title === '' ? 'it has no title' : undefined, typeof year === 'string' ? year : undefined].filter(Boolean);
  if (missing.length > 0) return { reason: `${missing.join(' and ')}; records without a title or a year are refused, not guessed.` };

  const creators = fields.author ?? [];
  const names = creators.filter((c) => !isOthers(c)).map(creatorName);
  const arxiv = arxivIdOf(fields);
  const source = field(fields, 'journal') ?? field(fields, 'booktitle');
  const venue = source === undefined ? undefined : plain(source);
  const url = field(fields, 'url');
  const urlArxiv = url ? arxivFromUrl(url) : undefined;
  const doi = field(fields, 'doi');
  let link: string | undefined;
  if (urlArxiv) link = canonicalArxivUrl(urlArxiv.id);
  else if (url) link = url;
  else if (arxiv) link = canonicalArxivUrl(arxiv);
  else if (doi) link = /^https?:\/\//i.test(doi) ? doi : `https://doi.org/${doi}`;

  const paper: Paper = { title, year: year as number };
  if (link) paper.url = link;
  Object.assign(paper, authorFields(names, creators.some(isOthers)));
  if (arxiv && (venue === undefined || saysOnlyArxiv(venue, arxiv))) paper.venue = arxivVenue(arxiv);
  else if (venue) paper.venue = venue;
  if (arxiv) paper.arxiv = arxiv;
  return { paper };
}
