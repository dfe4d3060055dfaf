import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the results of the network check; listed here so that the registry knows every rule. */
export const rule = {
  id: 'link-dead',
  severity: 'error',
  doc: 'A link answers 404 or 410, its host does not resolve, the connection is refused or reset after retries, or it redirects in a loop.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
