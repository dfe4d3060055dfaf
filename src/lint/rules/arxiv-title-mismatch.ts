import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the answers of the arXiv API; listed here so that the registry knows every rule. */
export const rule = {
  id: 'arxiv-title-mismatch',
  severity: 'error',
  doc: 'The entry\'s title is not the title arXiv gives for the linked paper: the link points at the wrong paper.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
