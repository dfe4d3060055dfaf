import { latexToUnicode, mayHaveLatex, remainingLatex } from '../latex.js';
import { quote } from '../fields.js';
import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/** LaTeX accents, letters and escapes ({\'e}, \v{c}, {\l}, \&) become Unicode; math and unknown commands are reported. */
export const latexMarkup: TextCheck = {
  kinds: ['title', 'author', 'venue'],
  check(text) {
    if (!mayHaveLatex(text)) return undefined;
    const converted = latexToUnicode(text);
    const left = remainingLatex(converted);
    if (converted === text) {
      return left === undefined ? undefined : { message: `holds LaTeX markup ("${left}") with no plain-text form here; write it in Unicode.` };
    }
    const rest = left === undefined ? '' : ` ("${left}" remains for a person)`;
    return { message: `holds LaTeX markup: ${quote(text, 40)} should read ${quote(converted, 40)}${rest}.`, fixed: converted };
  },
};

export const rule = {
  id: 'latex-markup',
  severity: 'error',
  doc: 'LaTeX markup such as `{\\\'e}` or `\\v{c}` instead of Unicode text.',
  fixable: true,
  reportedBy: ['lint-list'],
  oneFile: true,
  text: latexMarkup,
} as const satisfies RuleDescriptor;
