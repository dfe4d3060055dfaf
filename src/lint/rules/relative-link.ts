import type { RuleDescriptor } from '../rule.js';

/**
 * Relative links and images of the templates must point to a file of the repository (src/lint/relative-refs.ts).
 * The check needs the Markdown parser: it is loaded only when templates are checked.
 */
export const rule = {
  id: 'relative-link',
  severity: 'error',
  doc: 'A relative link or image of a template (Markdown or HTML `src`/`href`) points to no file of the repository, or names it in the wrong case (GitHub matches names case-sensitively). Links resolve from the repository root, where the READMEs are generated.',
  fixable: false,
  reportedBy: ['lint-list'],
  loadList: async () => (await import('../relative-refs.js')).relativeLink,
} as const satisfies RuleDescriptor;
