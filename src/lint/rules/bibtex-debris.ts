import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** "$\$" and runs of "$": what a BibTeX-to-text converter leaves where braces or math stood. */
const DOLLARS = /\$\\\$|\${2,}/g;
/** A venue that is only "URL https://…": the BibTeX url field printed as the venue. */
const URL_VENUE = /(?:^|[\s,.;])URL\s+https?:\/\/\S+/i;
/** "Title.(2023)": a citation export's year glued to the title. */
const YEAR_SUFFIX = /\.?\s*\(\d{4}\)$/;
/** "arXiv e-prints, arXiv--2402": a scholar export's page field, the arXiv id cut to its month. */
const ARXIV_PAGES = /\barXiv--\d{4}\b(?!\.\d)/;
/** "1--67": a page range as BibTeX writes it, where text means an en dash ("1–67"). */
const PAGE_RANGE = /\b(\d+)--(\d+)\b/g;

export const bibtexDebris: TextCheck = {
  kinds: ['title', 'author', 'venue'],
  check(text, kind) {
    // Each pattern needs a character that most fields lack: test for it first.
    const dollars = text.includes('$') ? text.match(DOLLARS) : null;
    const url = kind === 'venue' ? URL_VENUE.exec(text) : null;
    const dashes = kind === 'venue' && text.includes('--');
    const pages = dashes ? ARXIV_PAGES.exec(text) : null;
    const year = kind === 'title' && text.endsWith(')') ? YEAR_SUFFIX.exec(text) : null;
    const ranges = dashes ? text.match(PAGE_RANGE) : null;
    if (!dollars && !url && !pages && !year && !ranges) return undefined;
    const parts: string[] = [];
    if (dollars) parts.push(`"${[...new Set(dollars)].join('", "')}"`);
    if (url) parts.push(`"${url[0].trim()}"`);
    if (pages) parts.push(`"${pages[0]}"`);
    if (year) parts.push(`"${year[0].trim()}"`);
    if (ranges) parts.push(`${[...new Set(ranges)].map((r) => `"${r}"`).join(', ')} for a page range, which reads "${ranges[0]!.replace('--', '–')}"`);
    const message = `holds leftovers of a BibTeX export (${parts.join(' and ')})`;
    // A URL or a cut arXiv id has no certain replacement: where the paper appeared is for a person to say.
    if (url || pages) return { message: `${message}; write where the paper appeared (for an arXiv preprint: arXiv preprint arXiv:<id>).` };
    return { message: `${message}.`, fixed: text.replace(DOLLARS, '').replace(YEAR_SUFFIX, '').replace(PAGE_RANGE, '$1–$2') };
  },
};

export const rule = {
  id: 'bibtex-debris',
  severity: 'error',
  doc: 'Leftovers of a BibTeX export, such as `URL https://…`, `$$$$` or a page range `1--67`; `--fix` writes the en dash, `1–67`.',
  fixable: true,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: bibtexDebris,
} as const satisfies RuleDescriptor;
