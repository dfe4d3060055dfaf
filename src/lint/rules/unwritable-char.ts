import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';
import { codePointNames } from '../../text/code-point.js';

/**
 * A lone surrogate (half of a UTF-16 pair, as a YAML escape like "\ud800" gives) cannot be written as
 * UTF-8 at all: the README would show U+FFFD in its place. A noncharacter (U+FFFE, U+FFFF, U+FDD0 to
 * U+FDEF, and the last two of every plane) is not text, and YAML readers refuse a file holding one,
 * so a README imported back would not load. Neither has a safe replacement: the writer must say.
 */
const UNWRITABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g;

/** One class for the quick test: a text without any of these (almost all) needs no closer look. */
const SUSPECT = /[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;

export const unwritableChar: TextCheck = {
  kinds: ['title', 'author', 'venue', 'url', 'raw', 'reason', 'category-name', 'news-text'],
  check(text) {
    if (!SUSPECT.test(text)) return undefined;
    const found = text.match(UNWRITABLE);
    if (!found) return undefined;
    const what = found.length === 1 ? 'a character' : `${found.length} characters`;
    return { message: `has ${what} that is not text (${codePointNames(found)}: half of a surrogate pair or a noncharacter); it cannot be shown or written as UTF-8. Write the character meant, or remove it.` };
  },
};

export const rule = {
  id: 'unwritable-char',
  severity: 'error',
  doc: 'A lone surrogate or a Unicode noncharacter (U+FFFE and others) in a field: it cannot be written as UTF-8.',
  fixable: false,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: unwritableChar,
} as const satisfies RuleDescriptor;
