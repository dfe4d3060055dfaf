import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the answers of the arXiv API; listed here so that the registry knows every rule. */
export const rule = {
  id: 'arxiv-not-found',
  severity: 'error',
  doc: 'arXiv has no paper (or no such version) under the linked identifier.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
