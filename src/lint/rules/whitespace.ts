import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

const ODD_SPACE = /[\t\n\r\f\v]/g;
const RUN = /\s{2,}/g;
/** Whatever any check below finds matches this: most fields do not, and need no more tests. */
const SUSPECT = /^\s|\s$|\s\s|[\t\n\r\f\v]/;

/**
 * Leading, trailing and doubled whitespace, tabs and line breaks. A title's trailing space is the
 * title-style rule's (the list's own convention for titles), so it is not reported twice.
 */
export const whitespace: TextCheck = {
  kinds: ['title', 'author', 'venue', 'raw', 'reason', 'category-name'],
  check(text, kind) {
    if (!SUSPECT.test(text)) return undefined;
    const issues: string[] = [];
    if (/^\s/.test(text)) issues.push('leading whitespace');
    if (kind !== 'title' && /\s$/.test(text)) issues.push('trailing whitespace');
    if (/\S\s{2,}\S/.test(text)) issues.push('doubled whitespace');
    if (/\S[\t\n\r\f\v]\S/.test(text)) issues.push('a tab or line break between words');
    if (issues.length === 0) return undefined;
    let fixed = text.replace(ODD_SPACE, ' ').replace(RUN, ' ').trimStart();
    if (kind !== 'title') fixed = fixed.trimEnd();
    return { message: `has ${issues.join(' and ')}.`, fixed };
  },
};

export const rule = {
  id: 'whitespace',
  severity: 'warning',
  doc: 'Leading, trailing or doubled whitespace in a field.',
  fixable: true,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: whitespace,
} as const satisfies RuleDescriptor;
