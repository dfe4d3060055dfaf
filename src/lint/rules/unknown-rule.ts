import type { RuleDescriptor } from '../rule.js';

/** Reported by src/lint/exceptions.ts, for an exception naming no rule of this registry; listed here so that the registry knows every rule. */
export const rule = {
  id: 'unknown-rule',
  severity: 'error',
  doc: 'An exception names a rule id that does not exist or cannot be silenced.',
  fixable: false,
  reportedBy: ['lint-list'],
  silenceable: false,
} as const satisfies RuleDescriptor;
