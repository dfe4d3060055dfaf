import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the results of the network check; listed here so that the registry knows every rule. */
export const rule = {
  id: 'private-address',
  severity: 'error',
  doc: 'A link resolves to a loopback, private, link-local or other non-public address; it is not fetched.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
