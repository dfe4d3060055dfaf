import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * An author item that cannot be one person's (or one organisation's) name: two names merged by a
 * list item indented one space too far ("Xiaoran Liu - Ruixiao Li"), a pasted list ("A and B",
 * "A; B", "A et al."), "Family, Given" order, or debris such as ":". No fix: only a person can
 * tell where the names split.
 */
const SHAPES: readonly [RegExp, string][] = [
  [/\s-\s/, 'holds " - ": two authors merged into one, probably a list item indented one space too far; give each author its own "- " line.'],
  [/\set al\.?(?:\s|$)/i, 'holds "et al.": list the authors, or set "others: true" for the rest.'],
  [/\sand\s/, 'holds " and ": two authors in one item; give each its own line.'],
  [/;/, 'holds ";": several authors in one item; give each its own line.'],
  [/,/, 'holds a comma: write one name per item, given name first ("Ada Lovelace", not "Lovelace, Ada").'],
];
/** Matches whatever one of SHAPES matches (and a little more): most names need no further test. */
const ANY_SHAPE = /[;,]|\s-\s|\sand\s|\set al/i;

export const authorShape: TextCheck = {
  kinds: ['author'],
  check(text) {
    const name = text.trim();
    // One character is one or two UTF-16 units: longer names are not split into characters.
    if (name.length <= 2 && [...name].length === 1) return { message: `is the single character "${name}", not a name; remove it or complete the name.` };
    if (!ANY_SHAPE.test(name)) return undefined;
    for (const [pattern, message] of SHAPES) if (pattern.test(name)) return { message };
    return undefined;
  },
};

export const rule = {
  id: 'author-shape',
  severity: 'error',
  doc: 'An author item that is not one name: ` - ` (two authors merged by a list item indented one space too far), ` and `, `;`, `et al.`, a comma (`Family, Given`), or a single character. One item per author; an organisation counts as one author.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  text: authorShape,
} as const satisfies RuleDescriptor;
