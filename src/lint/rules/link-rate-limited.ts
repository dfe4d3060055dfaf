import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the results of the network check; listed here so that the registry knows every rule. */
export const rule = {
  id: 'link-rate-limited',
  severity: 'warning',
  doc: 'The host answered 429 beyond the time budget; the link was deferred, not checked. Not a dead link.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
