import type { RuleDescriptor } from '../rule.js';

/** Reported by src/links/findings.ts, from the results of the network check; listed here so that the registry knows every rule. */
export const rule = {
  id: 'link-unverifiable',
  severity: 'warning',
  doc: 'The host blocks automated checks (401/403 bot walls, Cloudflare challenges, LinkedIn 999) or keeps failing with server errors. Not a dead link.',
  fixable: false,
  reportedBy: ['lint-list --links'],
} as const satisfies RuleDescriptor;
