import type { RuleDescriptor } from '../rule.js';

/**
 * In-page links (#…) of the templates and the news must land on a heading (src/lint/anchors.ts).
 * The check needs the Markdown parser: it is loaded only when templates are checked.
 */
export const rule = {
  id: 'anchor',
  severity: 'error',
  doc: 'An in-page link that does not resolve to a heading.',
  fixable: false,
  reportedBy: ['lint-list'],
  loadList: async () => (await import('../anchors.js')).anchor,
} as const satisfies RuleDescriptor;
