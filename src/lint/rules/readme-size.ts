import type { RuleDescriptor } from '../rule.js';

/** Reported by src/render/size.ts, when build-readme writes the READMEs; listed here so that the registry knows every rule. */
export const rule = {
  id: 'readme-size',
  severity: 'warning',
  doc: 'A generated file approaches the size GitHub stops rendering.',
  fixable: false,
  reportedBy: ['build-readme'],
} as const satisfies RuleDescriptor;
