import type { RuleDescriptor } from '../rule.js';

/** Reported by src/lint/exceptions.ts, after every other rule ran; listed here so that the registry knows every rule. */
export const rule = {
  id: 'unused-exception',
  severity: 'warning',
  doc: 'An exception that no longer silences anything: remove it.',
  fixable: false,
  reportedBy: ['lint-list'],
  silenceable: false,
} as const satisfies RuleDescriptor;
