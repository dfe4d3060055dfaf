import type { RuleDescriptor } from '../rule.js';

/** Reported by src/lint/exceptions.ts, after every other rule ran (and for an exception naming a rule with whyNotSilenceable); listed here so that the registry knows every rule. */
export const rule = {
  id: 'unused-exception',
  severity: 'warning',
  doc: 'An exception that no longer silences anything, or never can (one for `schema`, `url-scheme`, `encoding` or `stray-file`, whose finding stops the file from loading): remove it.',
  fixable: false,
  reportedBy: ['lint-list'],
  silenceable: false,
} as const satisfies RuleDescriptor;
