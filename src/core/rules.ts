import type { Severity } from './problem.js';

/**
 * Every rule id the toolchain reports, with its default severity and a one-line description.
 * Documentation (CONTRIBUTING) and exceptions refer to these ids; keep them stable.
 */
export const RULES = {
  // Loading and schema
  'yaml-syntax': { severity: 'error', doc: 'The file is not valid YAML.' },
  schema: { severity: 'error', doc: 'A field is missing, misspelled or of the wrong type.' },
  'stray-file': { severity: 'error', doc: 'Something under data/ that is not loaded: a name not ending in lower-case .yaml (.YAML, .yml, .yaml.txt), a file at the wrong depth, a hidden file, or anything that is not a regular file (links, folders named like papers, pipes, devices), or a file over 256 KiB, which is refused unread.' },
  'unparsed-entry': { severity: 'error', doc: 'An imported entry could not be split into fields and is kept verbatim.' },
  'entry-format': { severity: 'warning', doc: 'An imported entry departs from the list format `* **[Title.](url)** Authors. Venue, Year`.' },
  'missing-url': { severity: 'error', doc: 'A paper has no link.' },
  // Identity across the list
  'duplicate-arxiv-id': { severity: 'error', doc: 'The same arXiv paper appears twice, whatever the URL form and whatever the titles.' },
  'duplicate-url': { severity: 'error', doc: 'The same URL appears twice after normalisation.' },
  'url-title-conflict': { severity: 'error', doc: 'One URL (not an arXiv one) is listed under two different titles.' },
  'duplicate-title': { severity: 'error', doc: 'The same title appears under two URLs (e.g. a preprint and its published version).' },
  'arxiv-id-mismatch': { severity: 'error', doc: 'The venue, the URL or the arxiv field name different arXiv IDs.' },
  'arxiv-url': { severity: 'warning', doc: 'An arXiv paper is not linked as https://arxiv.org/abs/<id> without version, or lacks its arxiv field.' },
  // Text hygiene
  'invisible-char': { severity: 'error', doc: 'Zero-width spaces, BOM, soft hyphens or control characters in a field.' },
  mojibake: { severity: 'error', doc: 'Text that reads as UTF-8 decoded in the wrong character set.' },
  'latex-markup': { severity: 'error', doc: 'LaTeX markup such as {\\\'e} or \\v{c} instead of Unicode text.' },
  'bibtex-debris': { severity: 'error', doc: 'Leftovers of a BibTeX export, such as "URL https://…", "$$$$" or a page range "1--67" (an en dash: "1–67").' },
  'author-shape': { severity: 'error', doc: 'An author item that is not one name: " - " (two authors merged by a list item indented too far), " and ", ";", "et al.", a comma ("Family, Given"), or a single character.' },
  whitespace: { severity: 'warning', doc: 'Leading, trailing or doubled whitespace in a field.' },
  // Values
  year: { severity: 'error', doc: 'The year is missing, NA, or outside 1950 … next year.' },
  'url-scheme': { severity: 'error', doc: 'A URL whose scheme is not https: or http:.' },
  'http-url': { severity: 'warning', doc: 'A plain http: URL; prefer https:.' },
  'unknown-category': { severity: 'error', doc: 'A paper names a category that categories.yaml does not define.' },
  'empty-category': { severity: 'warning', doc: 'A category with no papers and no subcategories.' },
  'duplicate-category': { severity: 'error', doc: 'Two categories share an id.' },
  'title-style': { severity: 'warning', doc: 'The title breaks the list convention: no closing period in the data (the README adds it, except after "?" or "!").' },
  anchor: { severity: 'error', doc: 'An in-page link that does not resolve to a heading.' },
  'relative-link': { severity: 'error', doc: 'A relative link or image of a template points to no file of the repository, or names it in the wrong case.' },
  'unused-exception': { severity: 'warning', doc: 'An exception that no longer silences anything.' },
  'unknown-rule': { severity: 'error', doc: 'An exception names a rule id that does not exist or cannot be silenced.' },
  // Network link check (lint-list --links)
  'link-dead': { severity: 'error', doc: 'A link answers 404 or 410, its host does not resolve, the connection is refused or reset after retries, or it redirects in a loop.' },
  'link-redirected': { severity: 'warning', doc: 'A link permanently redirects (301, 308); --fix replaces it with the final URL.' },
  'link-unverifiable': { severity: 'warning', doc: 'The host blocks automated checks (401/403 bot walls, Cloudflare challenges, LinkedIn 999) or keeps failing with server errors.' },
  'link-rate-limited': { severity: 'warning', doc: 'The host answered 429 beyond the time budget; the link was deferred, not checked.' },
  'link-timeout': { severity: 'warning', doc: 'A link did not answer in time; an error when it also timed out on the previous run.' },
  'private-address': { severity: 'error', doc: 'A link resolves to a loopback, private, link-local or other non-public address; it is not fetched.' },
  'arxiv-not-found': { severity: 'error', doc: 'arXiv has no paper (or no such version) under the linked identifier.' },
  'arxiv-title-mismatch': { severity: 'error', doc: 'The entry\'s title is not the title arXiv gives for the linked paper: the link points at the wrong paper.' },
  'arxiv-withdrawn': { severity: 'warning', doc: 'The latest arXiv version of the paper is a withdrawal.' },
  'arxiv-published': { severity: 'info', doc: 'arXiv knows a journal reference or DOI while the entry still says "arXiv preprint".' },
  // Import and rendering
  encoding: { severity: 'info', doc: 'A data file or template is not valid UTF-8 (an error, at the first bad byte); or import-readme repaired double-encoded input (info).' },
  template: { severity: 'error', doc: 'A template lacks a marker, or names one that does not exist.' },
  'readme-size': { severity: 'warning', doc: 'A generated file approaches the size GitHub stops rendering.' },
  drift: { severity: 'error', doc: 'A committed README differs from what data/ and templates/ give.' },
} as const satisfies Record<string, { severity: Severity; doc: string }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}
