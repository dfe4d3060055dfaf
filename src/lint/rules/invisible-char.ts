import { INVISIBLE, removeInvisible } from '../../text/invisible.js';
import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';
import { codePointNames } from '../../text/code-point.js';

/** A non-global copy for the quick test (same pattern, same flags but g): most fields have nothing to find. */
const ANY = new RegExp(INVISIBLE.source, INVISIBLE.flags.replace('g', ''));

/**
 * Zero-width spaces, BOM, soft hyphens, bidi controls, tag characters and control characters: removed.
 * Line and paragraph separators and Hangul fillers show as a gap: a space takes their place.
 * text/invisible.ts says which characters and why.
 */
export const invisibleChar: TextCheck = {
  kinds: ['title', 'author', 'venue', 'url', 'raw', 'reason', 'category-name', 'news-text'],
  check(text) {
    if (!ANY.test(text)) return undefined;
    const found = text.match(INVISIBLE);
    if (!found) return undefined;
    const names = codePointNames(found);
    const count = found.length === 1 ? 'an invisible character' : `${found.length} invisible characters`;
    return { message: `has ${count} (${names}).`, fixed: removeInvisible(text) };
  },
};

export const rule = {
  id: 'invisible-char',
  severity: 'error',
  doc: 'Zero-width spaces, BOM, soft hyphens, bidi controls (U+202A–U+202E, U+2066–U+2069), line separators, Hangul fillers, tag characters or control characters in a field.',
  fixable: true,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: invisibleChar,
} as const satisfies RuleDescriptor;
