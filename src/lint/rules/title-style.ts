import type { TextRule } from '../context.js';

/**
 * Titles are stored without their closing period and the README adds it, so "Title." would show
 * as "Title..". Removing the period leaves the README exactly as it should read.
 */
export const titleStyle: TextRule = {
  id: 'title-style',
  kinds: ['title'],
  check(text) {
    const trimmed = text.trimEnd();
    const trailing = trimmed !== text;
    const period = trimmed.endsWith('.') && !trimmed.endsWith('..');
    if (!trailing && !period) return undefined;
    const message = !period
      ? 'ends with whitespace.'
      : `ends with a period${trailing ? ' and whitespace' : ''}; titles are stored without it, the README adds the closing period.`;
    return {
      message,
      fixed: period ? trimmed.slice(0, -1).trimEnd() : trimmed,
    };
  },
};
