import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the results of the network check; listed here so that the registry knows every rule. */
export const rule = {
  id: 'link-redirected',
  severity: 'warning',
  doc: 'A link permanently redirects (301, 308); `--fix` replaces it with the final URL.',
  fixable: true,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
