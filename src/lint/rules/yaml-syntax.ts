import type { RuleDescriptor } from '../rule.js';

/** Reported by src/data/source.ts, when a file is parsed; listed here so that the registry knows every rule. */
export const rule = {
  id: 'yaml-syntax',
  severity: 'error',
  doc: 'The file is not valid YAML.',
  fixable: false,
  reportedBy: ['lint-list'],
  oneFile: true,
  silenceable: false,
} as const satisfies RuleDescriptor;
