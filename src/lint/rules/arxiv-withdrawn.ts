import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the answers of the arXiv API; listed here so that the registry knows every rule. */
export const rule = {
  id: 'arxiv-withdrawn',
  severity: 'warning',
  doc: 'The latest arXiv version of the paper is a withdrawal.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
