import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the answers of the arXiv API; listed here so that the registry knows every rule. */
export const rule = {
  id: 'arxiv-published',
  severity: 'info',
  doc: 'arXiv knows a journal reference or DOI while the entry still says "arXiv preprint".',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
