import { CHARSET_NAMES, diagnose } from '../../text/mojibake.js';
import { quote } from '../fields.js';
import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

const ASCII = /^[\x00-\x7F]*$/;

/**
 * UTF-8 read in a single-byte charset ("RiviÃ¨re"). Fixed only when re-encoding gives valid UTF-8,
 * which genuine text practically never does; otherwise reported for a person.
 */
export const mojibake: TextCheck = {
  kinds: ['title', 'author', 'venue', 'raw', 'reason', 'category-name', 'news-text'],
  check(text) {
    if (ASCII.test(text)) return undefined;
    const verdict = diagnose(text);
    if (verdict.kind === 'clean') return undefined;
    if (verdict.kind === 'repaired') {
      const repaired = verdict.repair.text.normalize('NFC');
      return {
        message: `reads as UTF-8 decoded as ${CHARSET_NAMES[verdict.repair.charset]}: ${quote(text, 40)} should read ${quote(repaired, 40)}.`,
        fixed: repaired,
      };
    }
    return {
      message: `looks like UTF-8 decoded in the wrong character set, but cannot be repaired (${verdict.failure.reason}); retype it.`,
    };
  },
};

export const rule = {
  id: 'mojibake',
  severity: 'error',
  doc: 'Text that reads as UTF-8 decoded in the wrong character set, such as `Ã©` for `é`.',
  fixable: true,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: mojibake,
} as const satisfies RuleDescriptor;
