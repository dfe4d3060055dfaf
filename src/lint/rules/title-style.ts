import type { TextCheck } from '../context.js';
import type { RuleDescriptor } from '../rule.js';

/**
 * Titles are stored without their closing period and the README adds it. "Title." is reported and
 * loses its period (the README adds it back); "Fall Short?." loses the period after "?" or "!", which
 * the README never adds (see displayTitle). An ellipsis ("..") is left alone.
 */
export const titleStyle: TextCheck = {
  kinds: ['title'],
  check(text) {
    const trimmed = text.trimEnd();
    const trailing = trimmed !== text;
    const period = trimmed.endsWith('.') && !trimmed.endsWith('..');
    if (!trailing && !period) return undefined;
    const mark = period && /[?!]\s*\.$/.test(trimmed) ? trimmed.replace(/\s*\.$/, '').slice(-1) : undefined;
    const message = !period
      ? 'ends with whitespace.'
      : mark
        ? `ends with "${mark}."${trailing ? ' and whitespace' : ''}; a title ending in "${mark}" takes no closing period.`
        : `ends with a period${trailing ? ' and whitespace' : ''}; titles are stored without it, the README adds the closing period.`;
    return {
      message,
      fixed: period ? trimmed.slice(0, -1).trimEnd() : trimmed,
    };
  },
};

export const rule = {
  id: 'title-style',
  severity: 'warning',
  doc: 'The title breaks the list convention: no closing period in the data (the README adds it, except after `?`, `!` or an ellipsis, so `Fall Short?.` becomes `Fall Short?`).',
  fixable: true,
  reportedBy: ['lint-list', 'import-readme'],
  oneFile: true,
  text: titleStyle,
} as const satisfies RuleDescriptor;
